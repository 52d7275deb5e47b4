/** The home page: every article, newest first, with its date, lede and link. */
import { html } from "hono/html";
import type { Article } from "../content/article";
import { formatDateline } from "./format-date";
import { type PageContext, renderLayout } from "./layout";

export function renderIndexPage(context: PageContext, articles: readonly Article[]): Promise<string> {
  const { site, links } = context;
  const items = articles.map(
    (article) => html`<li>
<h2><a href="${links.article(article.slug)}">${article.title}</a></h2>
<time datetime="${article.published}">${formatDateline(article.published)}</time>
<p>${article.lede}</p>
</li>
`,
  );
  return renderLayout(context, {
    title: site.title,
    canonical: links.home,
    content: html`<h1>${site.title}</h1>
<p>${site.description}</p>
<ol class="articles">
${items}</ol>`,
  });
}
