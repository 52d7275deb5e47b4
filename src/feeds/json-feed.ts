/**
 * JSON Feed 1.1, written directly: the `feed` package's `json1()` emits version 1.0 (single
 * `author`, no `language`). Each item carries the structured article under `_wirefeed`; older
 * pages are reached through `next_url`, while `feed_url` always names the feed itself.
 */
import type { FeedArticle } from "../content/article";
import {
  authorName,
  contentParts,
  type DocumentParts,
  type FeedInput,
  itemId,
  pageLinks,
} from "./feed-input";

export const JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1";

/**
 * Renders the JSON Feed 1.1 document for a feed, in parts (see DocumentParts): JSON.stringify
 * writes every value but the items' `content_html`, whose stored HTML is copied as it is between
 * the parts that JSON.stringify wrote around it. Pure: the same input gives the same bytes.
 */
export function renderJsonFeed({ site, links, channel, articles, paging }: FeedInput): DocumentParts {
  const { next } = pageLinks(channel.urls.jsonFeed, paging);
  const feed = {
    version: JSON_FEED_VERSION,
    title: channel.title,
    home_page_url: channel.homeUrl,
    feed_url: channel.urls.jsonFeed,
    description: channel.description,
    icon: links.icon("icon-512.png"),
    favicon: links.icon("icon-64.png"),
    language: site.language,
    ...(next ? { next_url: next } : {}),
    ...(site.websubHub ? { hubs: [{ type: "WebSub", url: site.websubHub }] } : {}),
  };
  const items = articles.flatMap((article, i) => {
    const before = JSON.stringify({ id: itemId(article), url: links.article(article), title: article.title });
    const after = JSON.stringify({
      summary: article.lede,
      date_published: article.published,
      date_modified: article.updated,
      authors: [{ name: authorName(article) }],
      ...(article.sources.length > 0 ? { tags: article.sources } : {}),
      _wirefeed: extension(article),
    });
    return [
      `${i > 0 ? "," : ""}${before.slice(0, -1)},"content_html":"`,
      ...jsonStringContent(contentParts(article, links)),
      `",${after.slice(1)}`,
    ];
  });
  return [`${JSON.stringify(feed).slice(0, -1)},"items":[`, ...items, "]}"];
}

/** The structured article, under the item's `_wirefeed` key. */
function extension(article: FeedArticle) {
  return {
    caption: article.photo?.caption ?? null,
    photo_credit: article.photo?.credit ?? null,
    byline: { publisher: article.byline.publisher, author: article.byline.author },
    sources: article.sources,
    related: article.related.map((related) => related.headline),
  };
}

/**
 * HTML in parts as the inside of one JSON string: text escaped as JSON.stringify escapes it;
 * bytes (the stored body's portable HTML, see body-html.ts) as they are.
 */
function jsonStringContent(parts: DocumentParts): DocumentParts {
  return parts.map((part) => (typeof part === "string" ? JSON.stringify(part).slice(1, -1) : part));
}
