/** The list of sources: every agency or outlet a byline names, with how many articles name it. */
import { html } from "hono/html";
import type { SourceEntry } from "../archive/layout";
import { type PageContext, renderLayout } from "./layout";

export function renderSourcesPage(context: PageContext, sources: readonly SourceEntry[]): Promise<string> {
  const { site, links } = context;
  const byName = [...sources].sort(
    (a, b) => a.name.localeCompare(b.name, "en") || (a.slug < b.slug ? -1 : 1),
  );
  return renderLayout(context, {
    title: `Sources · ${site.title}`,
    canonical: links.sources,
    content: html`<h1>Sources</h1>
<p>Every agency and outlet named in a byline, with a page and feeds of its own.</p>
<ul class="sources">
${byName.map(
  (source) =>
    html`<li><a href="${links.source(source.slug)}">${source.name}</a> <span class="meta">${source.count} ${
      source.count === 1 ? "article" : "articles"
    }</span></li>
`,
)}</ul>`,
  });
}
