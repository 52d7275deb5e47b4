/**
 * A feed as a person sees it in a browser: what a feed is, the addresses to copy into a reader,
 * and the latest items. Served at the feed's own URL to browser navigations only (see
 * src/http/navigation.ts), in place of XSLT, which browsers are removing.
 */
import { html } from "hono/html";
import type { ArticleSummary } from "../content/article";
import { type FeedChannel, type Paging, pageUrl } from "../feeds/feed-input";
import type { FeedFormat } from "../site-links";
import { formatDateline } from "./format-date";
import { FEED_TYPES, type PageContext, renderLayout } from "./layout";

export function renderFeedPreviewPage(
  context: PageContext,
  channel: FeedChannel,
  format: FeedFormat,
  articles: readonly ArticleSummary[],
  { page, pageCount }: Paging,
): Promise<string> {
  const { links } = context;
  const label = FEED_TYPES.find((type) => type.format === format)?.label ?? "";
  const self = channel.urls[format];
  const items = articles.map(
    (article) => html`<li>
<h3><a href="${links.article(article)}">${article.title}</a></h3>
<time datetime="${article.published}">${formatDateline(article.published)}</time>
<p>${article.lede}</p>
</li>
`,
  );
  const newer = page > 1 ? html`<a rel="prev" href="${pageUrl(self, page - 1)}">Newer articles</a>` : "";
  const older =
    page < pageCount ? html`<a rel="next" href="${pageUrl(self, page + 1)}">Older articles</a>` : "";
  return renderLayout(context, {
    title: `${channel.title} (${label} feed)`,
    canonical: pageUrl(channel.homeUrl, 1),
    feeds: [channel],
    content: html`<h1>${channel.title}</h1>
<p>${channel.description}</p>
<section aria-labelledby="subscribe">
<h2 id="subscribe">Subscribe</h2>
<p>This is a web feed: a feed reader, such as NetNewsWire, Feedly, Miniflux or newsboat, checks it and shows you each new article, so you can follow this site without coming back to it. To subscribe, copy one of these addresses into your reader.</p>
<dl class="feeds">
${FEED_TYPES.map(
  (
    type,
  ) => html`<dt>${type.label}${type.format === format ? " (this page)" : ""}</dt><dd><code>${channel.urls[type.format]}</code></dd>
`,
)}</dl>
</section>
<section aria-labelledby="latest">
<h2 id="latest">${page === 1 ? "Latest articles" : `Articles, page ${page} of ${pageCount}`}</h2>
<ol class="articles">
${items}</ol>
${pageCount > 1 ? html`<nav aria-label="Pages">${newer} ${older}</nav>` : ""}
</section>
<p><a href="${channel.homeUrl}">${channel.title} on the web</a></p>`,
  });
}
