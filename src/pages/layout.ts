/** The HTML frame every page shares: head with feed autodiscovery, header, footer. */
import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import type { SiteConfig } from "../config";
import { type FeedChannel, siteChannel } from "../feeds/feed-input";
import type { SiteLinks } from "../site-links";

export interface PageContext {
  site: SiteConfig;
  links: SiteLinks;
}

type Markup = HtmlEscapedString | Promise<HtmlEscapedString>;

/**
 * Styles kept inline and small so a page is one request; the CSP allows exactly this block. One
 * readable column at any width (long words and addresses wrap), light and dark schemes from
 * `prefers-color-scheme` with text contrast of at least 7:1, and a visible focus ring.
 */
export const PAGE_STYLE =
  ":root{color-scheme:light dark;--fg:#1f1f1f;--muted:#595959;--bg:#fff;--link:#0b57d0;--focus:#b4410f;--rule:#d6d3d1}" +
  "@media (prefers-color-scheme:dark){:root{--fg:#e8e6e3;--muted:#b3aea8;--bg:#181614;--link:#9cc0fa;--focus:#f59e0b;--rule:#44403c}}" +
  "body{font:17px/1.55 Georgia,serif;max-width:42rem;margin:0 auto;padding:0 1rem;color:var(--fg);background:var(--bg);overflow-wrap:anywhere}" +
  "a{color:var(--link)}a:focus-visible{outline:3px solid var(--focus);outline-offset:2px;border-radius:2px}" +
  "header,footer,nav{font-family:system-ui,sans-serif;font-size:.9rem}" +
  "header{padding:.75rem 0;border-bottom:1px solid var(--rule)}footer{margin:2.5rem 0 1rem;padding-top:.75rem;border-top:1px solid var(--rule)}" +
  "h1{line-height:1.2;margin:1.25rem 0 .75rem}h2,h3{line-height:1.3}" +
  "time,.credit,.meta{color:var(--muted);font-family:system-ui,sans-serif;font-size:.9rem}" +
  ".lede{font-size:1.15rem}ol.articles{list-style:none;padding:0}ol.articles li{margin:0 0 1.5rem}" +
  "ul.sources{padding-left:1.2rem}code{font-size:.85em}dl.feeds dt{font-family:system-ui,sans-serif;font-weight:600}dl.feeds dd{margin:0 0 .75rem}" +
  ".skip{position:absolute;left:-100vw}.skip:focus{left:1rem;top:.5rem;background:var(--bg);padding:.25rem .5rem}";

/** The feed formats a page advertises, with their media types, for autodiscovery and Link headers. */
export const FEED_TYPES = [
  { format: "rss", type: "application/rss+xml", label: "RSS" },
  { format: "atom", type: "application/atom+xml", label: "Atom" },
  { format: "jsonFeed", type: "application/feed+json", label: "JSON Feed" },
] as const;

/**
 * The `Link` header of a page that advertises `feeds` (RFC 8288), as its `<link rel="alternate">`
 * elements do. No titles: a header carries Latin-1 only, and titles may be any text.
 */
export function alternateLinkHeader(feeds: readonly FeedChannel[]): string {
  return feeds
    .flatMap((feed) =>
      FEED_TYPES.map(({ format, type }) => `<${feed.urls[format]}>; rel="alternate"; type="${type}"`),
    )
    .join(", ");
}

/**
 * Wraps page content in the shared document; `canonical` is the page's absolute URL, if it has one,
 * and `feeds` what it advertises (the site's feed unless told otherwise).
 */
export async function renderLayout(
  { site, links }: PageContext,
  page: { title: string; canonical?: string; content: Markup; feeds?: readonly FeedChannel[] },
): Promise<string> {
  const feeds = page.feeds ?? [siteChannel(site, links)];
  const document = await html`<!doctype html>
<html lang="${site.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="${links.icon("favicon.ico")}" sizes="32x32">
<link rel="icon" href="${links.icon("icon.svg")}" type="image/svg+xml">
<link rel="apple-touch-icon" href="${links.icon("icon-180.png")}">
<title>${page.title}</title>
${
  page.canonical
    ? html`<link rel="canonical" href="${page.canonical}">
`
    : ""
}${feeds.flatMap((feed) =>
  FEED_TYPES.map(
    ({ format, type, label }) =>
      html`<link rel="alternate" type="${type}" title="${feed.title} (${label})" href="${feed.urls[format]}">
`,
  ),
)}<style>${PAGE_STYLE}</style>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header><nav aria-label="Site"><a href="${links.home}">${site.title}</a> · <a href="${links.sources}">Sources</a></nav></header>
<main id="main">
${page.content}
</main>
<footer>Subscribe: <a href="${links.rss}">RSS</a> · <a href="${links.atom}">Atom</a> · <a href="${links.jsonFeed}">JSON Feed</a> · <a href="${links.opml}">every feed (OPML)</a></footer>
</body>
</html>
`;
  return document.toString();
}
