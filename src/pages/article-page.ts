/** One article as a page: everything the seed said, with the related headlines linked when we have them. */
import { html, raw } from "hono/html";
import type { StoredArticle } from "../content/article";
import { sourceSlug } from "../content/sources";
import { formatDateline } from "./format-date";
import { type PageContext, renderLayout } from "./layout";

/** The page of a stored article: its body is the HTML the build wrote (see body-html.ts), as it is. */
export function renderArticlePage(context: PageContext, article: StoredArticle): Promise<string> {
  const { links } = context;
  const photo = article.photo
    ? html`<p class="meta">${article.photo.caption}${
        article.photo.credit ? html` <span class="credit">Photo: ${article.photo.credit}</span>` : ""
      }</p>
`
    : "";
  const related = article.related.map(
    ({ headline, article: target }) =>
      html`<li>${target ? html`<a href="${links.article(target)}">${headline}</a>` : headline}</li>`,
  );
  const { publisher, author } = article.byline;
  return renderLayout(context, {
    title: article.title,
    canonical: links.article(article),
    content: html`<article>
<h1>${article.title}</h1>
<p><time datetime="${article.published}">${formatDateline(article.published)}</time>${
      article.updated !== article.published
        ? html` · <span class="meta">Updated <time datetime="${article.updated}">${formatDateline(article.updated)}</time></span>`
        : ""
    }</p>
${photo}<p class="lede">${article.lede}</p>
${raw(article.html)}${article.html ? "\n" : ""}${
  related.length > 0
    ? html`<aside><h2>Related</h2><ul>${related}</ul></aside>
`
    : ""
}<p class="meta">${author ? html`By ${author}, ${publisher}` : publisher}${
      article.sources.length > 0
        ? html` · Sources: ${article.sources.map(
            (name, i) => html`${i > 0 ? ", " : ""}<a href="${links.source(sourceSlug(name))}">${name}</a>`,
          )}`
        : ""
    }</p>
</article>`,
  });
}
