/** A list of articles, newest first, with their date, lede and link, paged like the feeds: the home page and each source's page. */
import { html } from "hono/html";
import type { ArticleSummary } from "../content/article";
import { type FeedChannel, type Paging, pageUrl, siteChannel } from "../feeds/feed-input";
import { formatDateline } from "./format-date";
import { type PageContext, renderLayout } from "./layout";

/** The feeds a list page advertises: its own, and on a source's page the site's as well. */
export function advertisedFeeds({ site, links }: PageContext, channel: FeedChannel): FeedChannel[] {
  return channel.homeUrl === links.home ? [channel] : [channel, siteChannel(site, links)];
}

/**
 * The page of `channel` (the site's, by default): its articles on this page, links to newer and
 * older pages, and autodiscovery of its feeds (and the site's, on a source's page).
 */
export function renderIndexPage(
  context: PageContext,
  articles: readonly ArticleSummary[],
  { page, pageCount }: Paging,
  channel: FeedChannel = siteChannel(context.site, context.links),
): Promise<string> {
  const { links } = context;
  const items = articles.map(
    (article) => html`<li>
<h2><a href="${links.article(article)}">${article.title}</a></h2>
<time datetime="${article.published}">${formatDateline(article.published)}</time>
<p>${article.lede}</p>
</li>
`,
  );
  const base = channel.homeUrl;
  const newer = page > 1 ? html`<a rel="prev" href="${pageUrl(base, page - 1)}">Newer articles</a>` : "";
  const older =
    page < pageCount ? html`<a rel="next" href="${pageUrl(base, page + 1)}">Older articles</a>` : "";
  return renderLayout(context, {
    title: page === 1 ? channel.title : `${channel.title} · page ${page} of ${pageCount}`,
    canonical: pageUrl(base, page),
    feeds: advertisedFeeds(context, channel),
    content: html`<h1>${channel.title}</h1>
<p>${channel.description}</p>
<ol class="articles">
${items}</ol>
${pageCount > 1 ? html`<nav aria-label="Pages">${newer} ${older} <span class="meta">Page ${page} of ${pageCount}</span></nav>` : ""}`,
  });
}
