/** What every feed renderer takes, and the field mappings all three formats share. */
import type { SiteConfig } from "../config";
import type { Article, FeedArticle } from "../content/article";
import { paragraphStart } from "../content/body-html";
import { type Source, sourceSlug } from "../content/sources";
import type { FeedUrls, SiteLinks } from "../site-links";
import { escapeMarkup } from "./escape";

export interface FeedInput {
  site: SiteConfig;
  links: SiteLinks;
  /** Which feed this is: the site's, or one source's. */
  channel: FeedChannel;
  /** The items of this page of the feed, newest first. */
  articles: readonly FeedArticle[];
  /** Which page of the whole archive this is (RFC 5005 paged feeds). */
  paging: Paging;
  /** When the feed's inputs last changed (ms since the epoch): its Last-Modified. */
  modified: number;
}

/** What names a feed: its title, its page, its own URLs and its Atom id. */
export interface FeedChannel {
  title: string;
  description: string;
  /** The HTML page the feed follows. */
  homeUrl: string;
  /** The feed's first page, in each format. */
  urls: FeedUrls;
  /** The Atom feed id, a urn: or tag: IRI that does not change with the host. */
  id: string;
}

/** The site's own feed: every article. */
export function siteChannel(site: SiteConfig, links: SiteLinks): FeedChannel {
  return {
    title: site.title,
    description: site.description,
    homeUrl: links.home,
    urls: links,
    id: site.feedId,
  };
}

/**
 * The feed of one source: the articles that name it, titled with its name.
 *
 * @example sourceChannel(site, links, { slug: "efe", name: "EFE" }).title // "wirefeed: EFE"
 */
export function sourceChannel(site: SiteConfig, links: SiteLinks, source: Source): FeedChannel {
  return {
    title: `${site.title}: ${source.name}`,
    description: `Articles from ${source.name}, on ${site.title}`,
    homeUrl: links.source(source.slug),
    urls: links.sourceFeeds(source.slug),
    id: `${site.feedId}:source:${source.slug}`,
  };
}

export interface Paging {
  /** 1-based; page 1 holds the newest articles. */
  page: number;
  pageCount: number;
}

/** RFC 5005 links of one page of a paged feed; null where there is no such page. */
export interface PageLinks {
  self: string;
  first: string;
  last: string;
  previous: string | null;
  next: string | null;
}

/**
 * The URL of a page: page 1 is the feed's own URL, the rest add `?page=N`.
 *
 * @example pageUrl("https://x/feed.xml", 2) // "https://x/feed.xml?page=2"
 */
export function pageUrl(url: string, page: number): string {
  return page === 1 ? url : `${url}?page=${page}`;
}

/** The self, first, last, previous and next links of a page of the feed at `feedUrl`. */
export function pageLinks(feedUrl: string, { page, pageCount }: Paging): PageLinks {
  return {
    self: pageUrl(feedUrl, page),
    first: pageUrl(feedUrl, 1),
    last: pageUrl(feedUrl, pageCount),
    previous: page > 1 ? pageUrl(feedUrl, page - 1) : null,
    next: page < pageCount ? pageUrl(feedUrl, page + 1) : null,
  };
}

/** The RFC 5005 relations of a paged feed, as [rel, href] pairs; none for a feed of one page. */
export function pagingRelations(links: PageLinks, { pageCount }: Paging): [string, string][] {
  if (pageCount === 1) return [];
  const relations: [string, string | null][] = [
    ["first", links.first],
    ["previous", links.previous],
    ["next", links.next],
    ["last", links.last],
  ];
  return relations.filter((relation): relation is [string, string] => relation[1] !== null);
}

export const GENERATOR = "wirefeed";

/** The item id in every format: a URN that stays the same when the site moves host. */
export function itemId(article: Pick<Article, "id">): string {
  return `urn:wirefeed:article:${article.id}`;
}

/** The name shown as the item's author: the byline's author, or its publisher when it has none. */
export function authorName(article: Pick<Article, "byline">): string {
  return article.byline.author ?? article.byline.publisher;
}

/**
 * The feed's updated date: the latest publication or correction among its articles, never "now",
 * so the same seeds give the same bytes. A feed with no articles (an empty archive) has the date
 * its inputs last changed, `modified`, in UTC.
 *
 * @example feedUpdated({ articles: [], modified: Date.UTC(2024, 8, 2, 10) }) // "2024-09-02T10:00:00+00:00"
 */
export function feedUpdated({ articles, modified }: Pick<FeedInput, "articles" | "modified">): string {
  let latest: string | null = null;
  for (const { updated } of articles) {
    if (latest === null || Date.parse(updated) > Date.parse(latest)) latest = updated;
  }
  return latest ?? new Date(modified).toISOString().replace(/\.\d{3}Z$/, "+00:00");
}

/**
 * A rendered document in parts, in order: text, and bytes copied as they are from the archive (a
 * body's HTML, see src/content/body-html.ts). See encodeParts.
 */
export type DocumentParts = (string | Uint8Array)[];

/**
 * The whole article as a reader expects it in a feed item's content, as HTML in parts: the photo
 * caption with its credit, the body with each RELATED headline where it stood in the seed (linked
 * when the archive has that article), then the byline and sources line, sources linked to their
 * pages. The body is the stored HTML's bytes. The lede is the item's summary; it stands in for
 * the body only when there is no other paragraph. Every character of the text is escaped.
 */
export function contentParts(article: FeedArticle, links: SiteLinks): DocumentParts {
  const e = escapeMarkup;
  const parts: DocumentParts = [];
  if (article.photo) {
    const { caption, credit } = article.photo;
    parts.push(`<p><em>${e(caption)}</em>${credit ? ` Photo: ${e(credit)}` : ""}</p>`);
  }
  const relatedAt = (position: number) =>
    article.related
      .filter((related) => related.position === position)
      .map(({ headline, article: target }) => {
        const text = target ? `<a href="${e(links.article(target))}">${e(headline)}</a>` : e(headline);
        return `<p>Related: ${text}</p>`;
      })
      .join("");
  const { html } = article;
  if (html.byteLength === 0) {
    parts.push(`${relatedAt(0)}<p>${e(article.lede)}</p>${relatedAt(1)}`);
  } else if (article.related.length === 0) {
    parts.push(html);
  } else {
    // Split only where headlines stand, at the breaks the build found (see LineLayout): a part for
    // every paragraph cost a new isolate more than the rest of the item (about 450,000
    // instructions an article).
    const positions = [...new Set(article.related.map((related) => related.position))];
    let from = 0;
    positions.forEach((position) => {
      const at = paragraphStart(article.breaks, html.byteLength, position);
      if (at > from) parts.push(html.subarray(from, at));
      parts.push(relatedAt(position));
      from = at;
    });
    if (from < html.byteLength) parts.push(html.subarray(from));
  }
  const { author, publisher } = article.byline;
  const sources = article.sources.map(
    (name) => `<a href="${e(links.source(sourceSlug(name)))}">${e(name)}</a>`,
  );
  const credit = author ? `By ${e(author)}, ${e(publisher)}` : e(publisher);
  parts.push(`<p>${credit}${sources.length > 0 ? ` · Sources: ${sources.join(", ")}` : ""}</p>`);
  return parts;
}
