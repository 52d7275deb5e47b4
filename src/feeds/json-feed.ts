/**
 * JSON Feed 1.1, written directly: the `feed` package's `json1()` emits version 1.0 (single
 * `author`, no `language`). Each item carries the structured article under `_wirefeed`; older
 * pages are reached through `next_url`, while `feed_url` always names the feed itself.
 */
import { articleHtml, authorName, type FeedInput, itemId, pageLinks } from "./feed-input";

export const JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1";

/** Renders the JSON Feed 1.1 document for a feed. Pure: the same input gives the same bytes. */
export function renderJsonFeed({ site, links, channel, articles, paging }: FeedInput): string {
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
    items: articles.map((article) => ({
      id: itemId(article),
      url: links.article(article),
      title: article.title,
      content_html: articleHtml(article, links),
      summary: article.lede,
      date_published: article.published,
      date_modified: article.updated,
      authors: [{ name: authorName(article) }],
      ...(article.sources.length > 0 ? { tags: article.sources } : {}),
      _wirefeed: {
        caption: article.photo?.caption ?? null,
        photo_credit: article.photo?.credit ?? null,
        byline: { publisher: article.byline.publisher, author: article.byline.author },
        sources: article.sources,
        related: article.related.map((related) => related.headline),
      },
    })),
  };
  return JSON.stringify(feed);
}
