/** The HTML frame every page shares: head with feed autodiscovery, header, footer. */
import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import type { SiteConfig } from "../config";
import type { SiteLinks } from "../site-links";

export interface PageContext {
  site: SiteConfig;
  links: SiteLinks;
}

type Markup = HtmlEscapedString | Promise<HtmlEscapedString>;

/** Styles kept inline and tiny so a page is one request; the CSP allows exactly this block. */
export const PAGE_STYLE =
  "body{font:17px/1.55 Georgia,serif;max-width:42rem;margin:2rem auto;padding:0 1rem;color:#222}" +
  "a{color:#0645ad}header,footer{font-family:system-ui,sans-serif;font-size:.9rem}" +
  "time,.credit,.meta{color:#555;font-family:system-ui,sans-serif;font-size:.9rem}" +
  ".lede{font-size:1.15rem}ol.articles{list-style:none;padding:0}ol.articles li{margin:0 0 1.5rem}";

/** Wraps page content in the shared document; `canonical` is the page's absolute URL, if it has one. */
export async function renderLayout(
  { site, links }: PageContext,
  page: { title: string; canonical?: string; content: Markup },
): Promise<string> {
  const document = await html`<!doctype html>
<html lang="${site.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title}</title>
${
  page.canonical
    ? html`<link rel="canonical" href="${page.canonical}">
`
    : ""
}<link rel="alternate" type="application/rss+xml" title="${site.title} (RSS)" href="${links.rss}">
<link rel="alternate" type="application/atom+xml" title="${site.title} (Atom)" href="${links.atom}">
<link rel="alternate" type="application/feed+json" title="${site.title} (JSON Feed)" href="${links.jsonFeed}">
<style>${PAGE_STYLE}</style>
</head>
<body>
<header><a href="${links.home}">${site.title}</a></header>
<main>
${page.content}
</main>
<footer>Subscribe: <a href="${links.rss}">RSS</a> · <a href="${links.atom}">Atom</a> · <a href="${links.jsonFeed}">JSON Feed</a></footer>
</body>
</html>
`;
  return document.toString();
}
