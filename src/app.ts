/**
 * The wirefeed app: routes, headers and rendering over any Archive.
 *
 *   GET /                      HTML index, newest first, paged with ?page=N
 *   GET /articles/:id/:slug    one article as HTML; another slug for the id answers 301 to its URL
 *   GET /articles/:key         301 to the article: an id, or an old path from the redirects file
 *   GET /feed.xml              RSS 2.0       } newest FEED_ITEM_LIMIT items; older ones on
 *   GET /atom.xml              Atom 1.0      } ?page=2, 3, ... (RFC 5005 links, JSON next_url)
 *   GET /feed.json             JSON Feed 1.1 }
 *
 * HEAD works wherever GET does; OPTIONS answers CORS preflights; any other method is 405. A page
 * past the end is 404, a malformed ?page= is 400. An archive that cannot be read is 503 with
 * Retry-After, never cached. Bodies are rendered once per isolate, origin and page, then served
 * from memory with ETag and Last-Modified, answering 304 to conditional requests.
 */
import { type Context, Hono } from "hono";
import { cors } from "hono/cors";
import type { Archive } from "./archive/archive";
import { parseSiteConfig, type SiteConfig } from "./config";
import { renderAtom } from "./feeds/atom";
import type { FeedInput } from "./feeds/feed-input";
import { renderJsonFeed } from "./feeds/json-feed";
import { renderRss } from "./feeds/rss";
import { drainSmallBody } from "./http/drain-body";
import { articleModified, listModified } from "./http/modified";
import { pageCount, parsePageParameter } from "./http/page-parameter";
import { CONTENT_TYPES, createRepresentation, type Representation } from "./http/representation";
import { htmlSecurityHeaders, NO_SNIFF } from "./http/security-headers";
import { serveRepresentation, serviceUnavailable } from "./http/serve";
import { renderArticlePage } from "./pages/article-page";
import { renderIndexPage } from "./pages/index-page";
import type { PageContext } from "./pages/layout";
import { renderNotFoundPage } from "./pages/not-found-page";
import { PromiseCache } from "./promise-cache";
import { PATHS, siteLinks } from "./site-links";

export interface AppOptions {
  /** The archive for this Worker's bindings; called per request, so it should memoize. */
  archive(env: Env): Archive;
}

type AppContext = Context<{ Bindings: Env }>;

const ALLOWED_METHODS = "GET, HEAD, OPTIONS";
const FEEDS = [
  { path: PATHS.rss, render: renderRss, contentType: CONTENT_TYPES.rss },
  { path: PATHS.atom, render: renderAtom, contentType: CONTENT_TYPES.atom },
  { path: PATHS.jsonFeed, render: renderJsonFeed, contentType: CONTENT_TYPES.jsonFeed },
];
/** Builds the Hono app over an archive. */
export function createApp(options: AppOptions): Hono<{ Bindings: Env }> {
  const renderCache = new PromiseCache<Representation>(512);
  const configs = new WeakMap<object, SiteConfig>();

  /** The site config for these vars, read and checked once per isolate. */
  function siteConfig(env: Env | undefined): SiteConfig {
    const vars = env ?? {};
    let config = configs.get(vars);
    if (!config) {
      const result = parseSiteConfig(vars);
      for (const problem of result.problems) console.warn(`wirefeed config: ${problem}`);
      config = result.config;
      configs.set(vars, config);
    }
    return config;
  }

  /** Config and absolute links for this request: SITE_URL when set, else the request's origin. */
  function pageContext(c: AppContext): PageContext {
    const site = siteConfig(c.env);
    return { site, links: siteLinks(site.siteUrl ?? new URL(c.req.url).origin) };
  }

  /** Serves the cached representation under `key`, rendering it once with `render`. */
  async function respond(
    c: AppContext,
    key: string,
    render: () => Promise<Representation>,
    status: 200 | 404 = 200,
  ): Promise<Response> {
    const representation = await renderCache.get(key, render);
    return serveRepresentation(c, representation, siteConfig(c.env).cacheControl, status);
  }

  /** The requested page of the archive at `perPage` a page, or the 400/404 response for it. */
  function requestedPage(c: AppContext, perPage: number) {
    const parameter = parsePageParameter(new URL(c.req.url));
    if (!parameter.ok) return { response: c.text(`Bad Request: ${parameter.message}`, 400) };
    const archive = options.archive(c.env);
    const paging = { page: parameter.page, pageCount: pageCount(archive.manifest.articleCount, perPage) };
    if (paging.page > paging.pageCount) return { response: c.notFound() };
    const start = (paging.page - 1) * perPage;
    return {
      paging,
      modified: listModified(archive.manifest),
      articles: () => archive.newest(start, start + perPage),
    };
  }

  const app = new Hono<{ Bindings: Env }>();

  app.use("*", async (c, next) => {
    if (!["GET", "HEAD", "OPTIONS"].includes(c.req.method)) {
      await drainSmallBody(c.req.raw); // an unread body would cost the client its connection
      return c.text("Method Not Allowed", 405, { Allow: ALLOWED_METHODS, ...NO_SNIFF });
    }
    await next();
    const headers = c.res.headers.get("Content-Type")?.startsWith("text/html")
      ? await htmlSecurityHeaders()
      : NO_SNIFF;
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
  });

  const feedCors = cors({
    origin: "*",
    allowMethods: ["GET", "HEAD", "OPTIONS"],
    allowHeaders: ["If-None-Match", "If-Modified-Since"],
    exposeHeaders: ["ETag", "Last-Modified"],
    maxAge: 86400,
  });
  for (const feed of FEEDS) app.use(feed.path, feedCors);

  app.options("*", (c) => c.body(null, 204, { Allow: ALLOWED_METHODS }));

  for (const feed of FEEDS) {
    app.get(feed.path, async (c) => {
      const { site, links } = pageContext(c);
      const request = requestedPage(c, site.feedItemLimit);
      if ("response" in request) return request.response;
      return respond(c, `${links.origin}${feed.path}?page=${request.paging.page}`, async () => {
        const input: FeedInput = { site, links, articles: await request.articles(), paging: request.paging };
        return createRepresentation(feed.render(input), feed.contentType, request.modified);
      });
    });
  }

  app.get(PATHS.home, async (c) => {
    const context = pageContext(c);
    const request = requestedPage(c, context.site.feedItemLimit);
    if ("response" in request) return request.response;
    return respond(c, `${context.links.home}?page=${request.paging.page}`, async () => {
      const body = await renderIndexPage(context, await request.articles(), request.paging);
      return createRepresentation(body, CONTENT_TYPES.html, request.modified);
    });
  });

  app.get("/articles/:id/:slug", async (c) => {
    const context = pageContext(c);
    const archive = options.archive(c.env);
    const article = await archive.byId(c.req.param("id"));
    if (!article) return c.notFound();
    const url = context.links.article(article);
    if (c.req.param("slug") !== article.slug) return c.redirect(url, 301);
    return respond(c, url, async () =>
      createRepresentation(
        await renderArticlePage(context, article),
        CONTENT_TYPES.html,
        articleModified(article, archive.manifest),
      ),
    );
  });

  app.get("/articles/:key", async (c) => {
    const key = c.req.param("key");
    const archive = options.archive(c.env);
    const article = (await archive.redirected(`/articles/${key}`)) ?? (await archive.byId(key));
    if (!article) return c.notFound();
    return c.redirect(pageContext(c).links.article(article), 301);
  });

  app.notFound(async (c) => {
    const context = pageContext(c);
    const modified = listModified(options.archive(c.env).manifest);
    return respond(
      c,
      `${context.links.origin} 404`,
      async () => createRepresentation(await renderNotFoundPage(context), CONTENT_TYPES.html, modified),
      404,
    );
  });

  // Whatever fails, the archive's files above all, the answer is a 503 to retry, never a 500.
  app.onError((error, c) => {
    console.error(error);
    return serviceUnavailable(c);
  });

  return app;
}
