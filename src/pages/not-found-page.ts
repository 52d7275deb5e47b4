/** The 404 page: says what was not found without echoing the request. */
import { html } from "hono/html";
import { type PageContext, renderLayout } from "./layout";

export function renderNotFoundPage(context: PageContext): Promise<string> {
  return renderLayout(context, {
    title: `Not found · ${context.site.title}`,
    content: html`<h1>Not found</h1>
<p>There is no page at this address. The <a href="${context.links.home}">front page</a> lists every article.</p>`,
  });
}
