/** sitemaps.org 0.9: a urlset of absolute URLs with their lastmod, or an index of such sets. */
import { escapeMarkup as x } from "../feeds/escape";

/**
 * The most URLs one of our sitemaps holds; past it, /sitemap.xml becomes an index of parts.
 * sitemaps.org allows 50,000, but a part's first render costs CPU in proportion to its URLs (one
 * of 10,000 took about 130 ms on a new isolate), so parts are kept small.
 */
export const MAX_SITEMAP_URLS = 1_000;

const NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9";

/** A URL and when it last changed (ms since the epoch). */
export type SitemapEntry = [url: string, lastModified: number];

/** A W3C datetime in UTC, to the second: `2024-09-02T10:00:00Z`. */
export function w3cDatetime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** A `<urlset>` of the entries. Pure. */
export function renderUrlset(entries: readonly SitemapEntry[]): string {
  const urls = entries.map(
    ([url, modified]) => `  <url><loc>${x(url)}</loc><lastmod>${w3cDatetime(modified)}</lastmod></url>\n`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>\n<urlset xmlns="${NAMESPACE}">\n${urls.join("")}</urlset>\n`;
}

/** A `<sitemapindex>` of child sitemaps. Pure. */
export function renderSitemapIndex(children: readonly SitemapEntry[]): string {
  const sitemaps = children.map(
    ([url, modified]) =>
      `  <sitemap><loc>${x(url)}</loc><lastmod>${w3cDatetime(modified)}</lastmod></sitemap>\n`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>\n<sitemapindex xmlns="${NAMESPACE}">\n${sitemaps.join("")}</sitemapindex>\n`;
}

/** robots.txt: everything may be crawled, and here is the sitemap. */
export function renderRobots(sitemapUrl: string): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${sitemapUrl}\n`;
}
