/** The home page: the newest articles with their date, lede and link, paged like the feeds. */
import { html } from "hono/html";
import type { Article } from "../content/article";
import { type Paging, pageUrl } from "../feeds/feed-input";
import { formatDateline } from "./format-date";
import { type PageContext, renderLayout } from "./layout";

export function renderIndexPage(
  context: PageContext,
  articles: readonly Article[],
  { page, pageCount }: Paging,
): Promise<string> {
  const { site, links } = context;
  const items = articles.map(
    (article) => html`<li>
<h2><a href="${links.article(article)}">${article.title}</a></h2>
<time datetime="${article.published}">${formatDateline(article.published)}</time>
<p>${article.lede}</p>
</li>
`,
  );
  const newer =
    page > 1 ? html`<a rel="prev" href="${pageUrl(links.home, page - 1)}">Newer articles</a>` : "";
  const older =
    page < pageCount ? html`<a rel="next" href="${pageUrl(links.home, page + 1)}">Older articles</a>` : "";
  return renderLayout(context, {
    title: page === 1 ? site.title : `${site.title} · page ${page} of ${pageCount}`,
    canonical: pageUrl(links.home, page),
    content: html`<h1>${site.title}</h1>
<p>${site.description}</p>
<ol class="articles">
${items}</ol>
${pageCount > 1 ? html`<nav>${newer} ${older} <span class="meta">Page ${page} of ${pageCount}</span></nav>` : ""}`,
  });
}
