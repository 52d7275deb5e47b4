/**
 * RSS 2.0, written directly. The `feed` package was the first choice, but its serializer
 * (xml-js) splits only the first `]]>` of a CDATA section (a second one makes the XML malformed),
 * turns a literal `&amp;` in text into `&`, puts a bare name in `<author>` and prints dates in
 * GMT only. Plain text here follows the RSS Best Practices Profile: `&` and `<` as hexadecimal
 * character references, which the W3C validator asks for. The description is escaped HTML; the
 * content is a CDATA section, so that the body's HTML is the archive's bytes as they are (see
 * body-html.ts), and every `]]>` of the rest is split across two sections.
 */
import { MONTH_NAMES } from "../content/dateline";
import { cdataSection, escapeMarkup as x } from "./escape";
import {
  authorName,
  contentParts,
  type DocumentParts,
  type FeedInput,
  feedUpdated,
  GENERATOR,
  itemId,
  pageLinks,
  pagingRelations,
} from "./feed-input";

/**
 * Renders the RSS 2.0 document for a feed, in parts (see DocumentParts). Pure: the same input
 * gives the same bytes. Each item's content is a CDATA section, so that the body's stored HTML is
 * copied as it is.
 */
export function renderRss(input: FeedInput): DocumentParts {
  const { site, links, channel, articles, paging } = input;
  const pages = pageLinks(channel.urls.rss, paging);
  const relations = pagingRelations(pages, paging)
    .map(([rel, href]) => `\n    <atom:link href="${x(href)}" rel="${rel}" type="application/rss+xml"/>`)
    .join("");
  const items = articles.flatMap((article) => {
    const categories = article.sources
      .map((source) => `\n      <category>${text(source)}</category>`)
      .join("");
    const start = `    <item>
      <title>${text(article.title)}</title>
      <link>${x(links.article(article))}</link>
      <guid isPermaLink="false">${x(itemId(article))}</guid>
      <pubDate>${toRfc822(article.published)}</pubDate>
      <dc:creator>${text(authorName(article))}</dc:creator>
      <dc:publisher>${text(article.byline.publisher)}</dc:publisher>${categories}${photoCredit(article)}
      <description>${x(x(article.lede))}</description>
      <content:encoded>`;
    const end = `</content:encoded>
    </item>
`;
    return [start, ...cdataSection(contentParts(article, links)), end];
  });
  const head = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">
  <channel>
    <title>${text(channel.title)}</title>
    <link>${x(channel.homeUrl)}</link>
    <description>${text(channel.description)}</description>
    <language>${x(site.language)}</language>
    <lastBuildDate>${toRfc822(feedUpdated(input))}</lastBuildDate>
    <generator>${GENERATOR}</generator>
    <docs>https://www.rssboard.org/rss-specification</docs>
    <image>
      <url>${x(links.icon("icon-144.png"))}</url>
      <title>${text(channel.title)}</title>
      <link>${x(channel.homeUrl)}</link>
      <width>144</width>
      <height>144</height>
    </image>
    <atom:link href="${x(pages.self)}" rel="self" type="application/rss+xml"/>${relations}${
      site.websubHub ? `\n    <atom:link href="${x(site.websubHub)}" rel="hub"/>` : ""
    }
`;
  return [head, ...items, "  </channel>\n</rss>\n"];
}

/**
 * The photo credit in Media RSS's item-level `media:credit`, its standard place. The caption is
 * left out of `media:description`: feedparser, for one, reads that as the item's summary in place
 * of the lede. Both stay in the content.
 */
function photoCredit({ photo }: FeedInput["articles"][number]): string {
  return photo?.credit ? `\n      <media:credit>${text(photo.credit)}</media:credit>` : "";
}

/** Plain text the RSS profile's way: `&` and `<` as hexadecimal references, `>` escaped. */
function text(value: string): string {
  return value.replace(/&/g, "&#x26;").replace(/</g, "&#x3C;").replace(/>/g, "&gt;");
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = MONTH_NAMES.map((month) => month.slice(0, 3));

/**
 * An RFC 3339 timestamp as an RFC 822 date in the same offset.
 *
 * @example toRfc822("2024-08-28T09:04:00-04:00") // "Wed, 28 Aug 2024 09:04:00 -0400"
 */
export function toRfc822(timestamp: string): string {
  const [, year, month, day, time, sign, offsetHours, offsetMinutes] =
    /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2}:\d{2})([+-])(\d{2}):(\d{2})$/.exec(timestamp) ?? [];
  const weekday = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day))).getUTCDay();
  return `${DAYS[weekday]}, ${day} ${MONTHS[Number(month) - 1]} ${year} ${time} ${sign}${offsetHours}${offsetMinutes}`;
}
