/** Every public path of the site, and the absolute URLs built from them for one origin. */
import type { IconName } from "./archive/layout";
import type { ArticleRef } from "./content/article";

/** The file names of a feed in each format, the site's and every source's. */
export const FEED_FILES = { rss: "feed.xml", atom: "atom.xml", jsonFeed: "feed.json" } as const;
export type FeedFormat = keyof typeof FEED_FILES;

export const PATHS = {
  home: "/",
  rss: `/${FEED_FILES.rss}`,
  atom: `/${FEED_FILES.atom}`,
  jsonFeed: `/${FEED_FILES.jsonFeed}`,
  /** An article's one URL: its id, which never changes, then its title's words. */
  article: ({ id, slug }: ArticleRef) => `/articles/${id}/${slug}`,
  sources: "/sources",
  source: (slug: string) => `/sources/${slug}`,
  sourceFeed: (slug: string, format: FeedFormat) => `/sources/${slug}/${FEED_FILES[format]}`,
  opml: "/feeds.opml",
  sitemap: "/sitemap.xml",
  /** A child of the sitemap index, once the site has more URLs than one sitemap may hold. */
  sitemapPart: (part: number) => `/sitemaps/${part}.xml`,
  robots: "/robots.txt",
} as const;

/** The URLs of one feed in its three formats. */
export type FeedUrls = Record<FeedFormat, string>;

export interface SiteLinks extends FeedUrls {
  /** An icon file, served at the root: `/favicon.ico`, `/icon-144.png`, ... */
  icon(name: IconName): string;
  origin: string;
  home: string;
  article(article: ArticleRef): string;
  sources: string;
  source(slug: string): string;
  sourceFeeds(slug: string): FeedUrls;
  opml: string;
  sitemap: string;
  sitemapPart(part: number): string;
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
    sources: origin + PATHS.sources,
    source: (slug) => origin + PATHS.source(slug),
    sourceFeeds: (slug) => ({
      rss: origin + PATHS.sourceFeed(slug, "rss"),
      atom: origin + PATHS.sourceFeed(slug, "atom"),
      jsonFeed: origin + PATHS.sourceFeed(slug, "jsonFeed"),
    }),
    opml: origin + PATHS.opml,
    sitemap: origin + PATHS.sitemap,
    sitemapPart: (part) => origin + PATHS.sitemapPart(part),
    icon: (name) => `${origin}/${name}`,
  };
}
