/** Every public path of the site, and the absolute URLs built from them for one origin. */

export const PATHS = {
  home: "/",
  rss: "/feed.xml",
  atom: "/atom.xml",
  jsonFeed: "/feed.json",
  article: (slug: string) => `/articles/${slug}`,
} as const;

export interface SiteLinks {
  origin: string;
  home: string;
  rss: string;
  atom: string;
  jsonFeed: string;
  article(slug: string): string;
}

/**
 * Absolute URLs for an origin such as `http://127.0.0.1:8787`; feeds need absolute links.
 *
 * @example siteLinks("https://news.example.com").article("a-b") // "https://news.example.com/articles/a-b"
 */
export function siteLinks(origin: string): SiteLinks {
  return {
    origin,
    home: origin + PATHS.home,
    rss: origin + PATHS.rss,
    atom: origin + PATHS.atom,
    jsonFeed: origin + PATHS.jsonFeed,
    article: (slug) => origin + PATHS.article(slug),
  };
}
