/** Every public path of the site, and the absolute URLs built from them for one origin. */
import type { ArticleRef } from "./content/article";

export const PATHS = {
  home: "/",
  rss: "/feed.xml",
  atom: "/atom.xml",
  jsonFeed: "/feed.json",
  /** An article's one URL: its id, which never changes, then its title's words. */
  article: ({ id, slug }: ArticleRef) => `/articles/${id}/${slug}`,
} as const;

export interface SiteLinks {
  origin: string;
  home: string;
  rss: string;
  atom: string;
  jsonFeed: string;
  article(article: ArticleRef): string;
}

/**
 * Absolute URLs for an origin such as `http://127.0.0.1:8787`; feeds need absolute links.
 *
 * @example siteLinks("https://news.example.com").article({ id: "eb76", slug: "a-b" }) // "https://news.example.com/articles/eb76/a-b"
 */
export function siteLinks(origin: string): SiteLinks {
  return {
    origin,
    home: origin + PATHS.home,
    rss: origin + PATHS.rss,
    atom: origin + PATHS.atom,
    jsonFeed: origin + PATHS.jsonFeed,
    article: (article) => origin + PATHS.article(article),
  };
}
