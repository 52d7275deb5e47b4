/**
 * The wirefeed Worker: the build's articles as feeds and pages.
 *
 *   GET /                 HTML index, newest first, with feed autodiscovery
 *   GET /articles/:slug   one article as HTML (404 page for an unknown slug)
 *   GET /feed.xml         RSS 2.0
 *   GET /atom.xml         Atom 1.0
 *   GET /feed.json        JSON Feed 1.1
 *
 * HEAD works wherever GET does; OPTIONS answers CORS preflights; any other method is 405.
 * Bodies are rendered once per isolate and origin, then served from memory with ETag and
 * Last-Modified, answering 304 to conditional requests.
 */
import { Hono } from "hono";
import { cors } from "hono/cors";
import { allArticles, findArticle, newestArticles, slugsByTitle } from "./archive";
import { parseSiteConfig, type SiteConfig } from "./config";
import { renderAtom } from "./feeds/atom";
import { feedUpdated } from "./feeds/feed-input";
import { renderJsonFeed } from "./feeds/json-feed";
import { renderRss } from "./feeds/rss";
import { RenderCache } from "./http/render-cache";
import { CONTENT_TYPES, createRepresentation } from "./http/representation";
import { serveRepresentation } from "./http/serve";
import { renderArticlePage } from "./pages/article-page";
import { renderIndexPage } from "./pages/index-page";
import type { PageContext } from "./pages/layout";
import { renderNotFoundPage } from "./pages/not-found-page";
import { PATHS, siteLinks } from "./site-links";

type Bindings = Record<string, unknown>;

const ALLOWED_METHODS = "GET, HEAD, OPTIONS";
const renderCache = new RenderCache(512);
const configs = new WeakMap<object, SiteConfig>();

/** The site config for this Worker's vars, read and checked once per isolate. */
function siteConfig(env: Bindings | undefined): SiteConfig {
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
function pageContext(requestUrl: string, env: Bindings | undefined): PageContext {
  const site = siteConfig(env);
  return { site, links: siteLinks(site.siteUrl ?? new URL(requestUrl).origin) };
}

const app = new Hono<{ Bindings: Bindings }>();

app.use("*", async (c, next) => {
  if (!["GET", "HEAD", "OPTIONS"].includes(c.req.method)) {
    return c.text("Method Not Allowed", 405, { Allow: ALLOWED_METHODS });
  }
  await next();
});

const feedCors = cors({
  origin: "*",
  allowMethods: ["GET", "HEAD", "OPTIONS"],
  allowHeaders: ["If-None-Match", "If-Modified-Since"],
  exposeHeaders: ["ETag", "Last-Modified"],
  maxAge: 86400,
});
for (const path of [PATHS.rss, PATHS.atom, PATHS.jsonFeed]) app.use(path, feedCors);

app.options("*", (c) => c.body(null, 204, { Allow: ALLOWED_METHODS }));

const feeds = [
  { path: PATHS.rss, render: renderRss, contentType: CONTENT_TYPES.rss },
  { path: PATHS.atom, render: renderAtom, contentType: CONTENT_TYPES.atom },
  { path: PATHS.jsonFeed, render: renderJsonFeed, contentType: CONTENT_TYPES.jsonFeed },
];
for (const feed of feeds) {
  app.get(feed.path, async (c) => {
    const { site, links } = pageContext(c.req.url, c.env);
    const representation = await renderCache.get(links.origin + feed.path, () => {
      const articles = newestArticles(site.feedItemLimit);
      const body = feed.render({ site, links, articles });
      return createRepresentation(body, feed.contentType, feedUpdated(articles));
    });
    return serveRepresentation(c, representation, site.cacheControl);
  });
}

app.get(PATHS.home, async (c) => {
  const context = pageContext(c.req.url, c.env);
  const representation = await renderCache.get(context.links.home, async () => {
    const articles = allArticles();
    return createRepresentation(
      await renderIndexPage(context, articles),
      CONTENT_TYPES.html,
      feedUpdated(articles),
    );
  });
  return serveRepresentation(c, representation, context.site.cacheControl);
});

app.get(PATHS.article(":slug"), async (c) => {
  const article = findArticle(c.req.param("slug") ?? "");
  if (!article) return c.notFound();
  const context = pageContext(c.req.url, c.env);
  const representation = await renderCache.get(context.links.article(article.slug), async () =>
    createRepresentation(
      await renderArticlePage(context, article, slugsByTitle()),
      CONTENT_TYPES.html,
      article.published,
    ),
  );
  return serveRepresentation(c, representation, context.site.cacheControl);
});

app.notFound(async (c) => {
  const context = pageContext(c.req.url, c.env);
  const representation = await renderCache.get(`${context.links.origin} 404`, async () =>
    createRepresentation(await renderNotFoundPage(context), CONTENT_TYPES.html, feedUpdated(allArticles())),
  );
  return serveRepresentation(c, representation, context.site.cacheControl, 404);
});

app.onError((error, c) => {
  console.error(error);
  return c.text("Internal Server Error", 500);
});

export default app;
