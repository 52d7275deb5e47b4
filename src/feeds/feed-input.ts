/** What every feed renderer takes, and the field mappings all three formats share. */
import type { SiteConfig } from "../config";
import type { Article } from "../content/article";
import type { SiteLinks } from "../site-links";
import { escapeMarkup } from "./escape";

export interface FeedInput {
  site: SiteConfig;
  links: SiteLinks;
  /** The items of this feed, newest first. */
  articles: readonly Article[];
}

export const GENERATOR = "wirefeed";

/** The item id in every format: a URN that stays the same when the site moves host. */
export function itemId(article: Article): string {
  return `urn:wirefeed:article:${article.id}`;
}

/** The name shown as the item's author: the byline's author, or its publisher when it has none. */
export function authorName(article: Article): string {
  return article.byline.author ?? article.byline.publisher;
}

/**
 * The feed's updated date: the newest article's, never "now", so the same seeds give the same
 * bytes. An empty feed falls back to the Unix epoch.
 */
export function feedUpdated(articles: readonly Article[]): string {
  return articles[0]?.published ?? "1970-01-01T00:00:00+00:00";
}

/** The article body as HTML paragraphs, every character of the text escaped. */
export function bodyHtml(article: Article): string {
  const paragraphs = article.body.length > 0 ? article.body : [article.lede];
  return paragraphs.map((paragraph) => `<p>${escapeMarkup(paragraph)}</p>`).join("\n");
}
