/**
 * Atom 1.0, written directly: the `feed` package's Atom has no `xml:lang`, prints every date in
 * UTC rather than the dateline's offset, and shares its RSS serializer's escaping bugs (see rss.ts).
 * Titles and summaries are `type="html"` holding escaped text: the exact plain text, and nothing
 * in it, not even a literal `</b>`, can be taken for markup by a reader or the validator. The
 * content is `type="html"` in a CDATA section, as in RSS.
 */
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
 * Renders the Atom 1.0 document for a feed, in parts (see DocumentParts). Pure: the same input
 * gives the same bytes. Each entry's content is a CDATA section, as in RSS.
 */
export function renderAtom(input: FeedInput): DocumentParts {
  const { site, links, channel, articles, paging } = input;
  const pages = pageLinks(channel.urls.atom, paging);
  const relations = pagingRelations(pages, paging)
    .map(([rel, href]) => `\n  <link rel="${rel}" type="application/atom+xml" href="${x(href)}"/>`)
    .join("");
  const entries = articles.flatMap((article) => {
    const categories = article.sources.map((source) => `\n    <category term="${x(source)}"/>`).join("");
    const start = `  <entry>
    <id>${x(itemId(article))}</id>
    <title type="html">${x(x(article.title))}</title>
    <link rel="alternate" type="text/html" href="${x(links.article(article))}"/>
    <published>${article.published}</published>
    <updated>${article.updated}</updated>
    <author>
      <name>${x(authorName(article))}</name>
    </author>
    <dc:publisher>${x(article.byline.publisher)}</dc:publisher>${
      article.photo?.credit ? `\n    <media:credit>${x(article.photo.credit)}</media:credit>` : ""
    }${categories}
    <summary type="html">${x(x(article.lede))}</summary>
    <content type="html">`;
    const end = `</content>
  </entry>
`;
    return [start, ...cdataSection(contentParts(article, links)), end];
  });
  const head = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/" xml:lang="${x(site.language)}">
  <id>${x(channel.id)}</id>
  <title type="html">${x(x(channel.title))}</title>
  <subtitle type="html">${x(x(channel.description))}</subtitle>
  <updated>${feedUpdated(input)}</updated>
  <link rel="self" type="application/atom+xml" href="${x(pages.self)}"/>${relations}
  <link rel="alternate" type="text/html" href="${x(channel.homeUrl)}"/>${
    site.websubHub ? `\n  <link rel="hub" href="${x(site.websubHub)}"/>` : ""
  }
  <generator>${GENERATOR}</generator>
  <icon>${x(links.icon("icon-64.png"))}</icon>
  <logo>${x(links.icon("logo.png"))}</logo>
`;
  return [head, ...entries, "</feed>\n"];
}
