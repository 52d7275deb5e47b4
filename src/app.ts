/**
 * The wirefeed app: routes, headers and rendering over any Archive.
 *
 *   GET /                      HTML index, newest first, paged with ?page=N
 *   GET /articles/:id/:slug    one article as HTML; another slug for the id answers 301 to its URL
 *   GET /articles/:key         301 to the article: an id, or an old path from the redirects file
 *   GET /feed.xml              RSS 2.0       } newest FEED_ITEM_LIMIT items; older ones on
 *   GET /atom.xml              Atom 1.0      } ?page=2, 3, ... (RFC 5005 links, JSON next_url)
 *   GET /feed.json             JSON Feed 1.1 }
 *   GET /sources               every source named in a byline, with its article count
 *   GET /sources/:slug         one source's articles, newest first, paged like the index
 *   GET /sources/:slug/feed.xml, atom.xml, feed.json   one source's feeds, paged like the site's
 *   GET /feeds.opml            OPML 2.0 list of the site's feed and every source's
 *   GET /sitemap.xml           sitemaps.org urlset, or past 1,000 URLs an index of /sitemaps/N.xml
 *   GET /robots.txt            everything allowed; names the sitemap
 *   GET /favicon.ico, /icon.svg, /icon-N.png, /logo.png   the site icon, rendered by the build
 *
 * A feed URL opened in a browser (Fetch Metadata: a document navigation) answers an HTML page
 * about the feed instead; every other client gets the feed. HEAD works wherever GET does; OPTIONS answers CORS preflights; any other method is 405. A page
 * past the end is 404, a malformed ?page= is 400. An archive that cannot be read is 503 with
 * Retry-After, never cached. Bodies are rendered once per isolate, origin and page (the first
 * page of the site's and each source's feeds and page, and /sources, come rendered by the build:
 * see prerendered-page.ts), then served from memory with ETag and Last-Modified, answering 304
 * to conditional requests.
 */
import { type Context, Hono, type MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import type { Archive } from "./archive/archive";
import { HASH_LENGTH, ICON_TYPES, type IconName, type IndexFile, type SourceEntry } from "./archive/layout";
import { isPlainOrigin, withOrigin } from "./archive/prerendered-page";
import { configScope, LATER_FEED_PAGE_ITEMS, parseSiteConfig, type SiteConfig } from "./config";
import type { ArticleSummary, FeedArticle } from "./content/article";
import { droppedBuffers } from "./deferred-detach";
import { renderOpml } from "./discovery/opml";
import {
  MAX_SITEMAP_URLS,
  renderRobots,
  renderSitemapIndex,
  renderUrlset,
  type SitemapEntry,
} from "./discovery/sitemap";
import { renderAtom } from "./feeds/atom";
import { type FeedChannel, pageLinks, siteChannel, sourceChannel } from "./feeds/feed-input";
import { renderJsonFeed } from "./feeds/json-feed";
import { renderRss } from "./feeds/rss";
import { drainSmallBody } from "./http/drain-body";
import { articleModified, listModified } from "./http/modified";
import { isBrowserNavigation, NAVIGATION_HEADERS } from "./http/navigation";
import { type PageSizes, pageCount, pageRange, parsePageParameter } from "./http/page-parameter";
import {
  answer,
  CORS_HEADERS,
  isPrepared,
  markPrepared,
  type PreparedResponse,
  prepareResponse,
} from "./http/prepared-response";
import { CONTENT_TYPES, createRepresentation, type Representation } from "./http/representation";
import { htmlSecurityHeaders, NO_SNIFF, SVG_HEADERS } from "./http/security-headers";
import { faultResponse } from "./http/serve";
import { renderArticlePage } from "./pages/article-page";
import { renderFeedPreviewPage } from "./pages/feed-preview-page";
import { advertisedFeeds, renderIndexPage } from "./pages/index-page";
import { alternateLinkHeader, type PageContext } from "./pages/layout";
import { renderNotFoundPage } from "./pages/not-found-page";
import { renderSourcesPage } from "./pages/sources-page";
import { PromiseCache } from "./promise-cache";
import { FEED_FILES, PATHS, siteLinks } from "./site-links";

export interface AppOptions {
  /** The archive for this Worker's bindings; called per request, so it should memoize. */
  archive(env: Env): Archive;
}

type AppContext = Context<{ Bindings: Env }>;

const ALLOWED_METHODS = "GET, HEAD, OPTIONS";
/**
 * Rendered responses kept per isolate: 6 MiB of bodies with their headers (a 50-item feed page
 * is about 300 KB), whatever the number of hosts or pages asked for. The walk of every page at
 * FEED_ITEM_LIMIT 100 (npm run soak -- --walk) found the isolate at its memory limit with 12.
 * A response is kept from its second request on: a crawler reading every page once would
 * otherwise evict what readers ask for again. After that walk the isolate keeps 6.7 MiB, against
 * 12.4 when every response was kept.
 */
const RENDER_CACHE_BUDGET = {
  maxBytes: 6 * 1024 * 1024,
  sizeOf: (prepared: PreparedResponse) => prepared.representation.body.byteLength + 1024,
  maxEntries: 4096,
  keepOnSecondRequest: { rememberedKeys: 2048, maxKeyLength: 1024 },
  // A body not kept, or evicted, is freed once the requests that might still answer with it end.
  dropped: (prepared: PreparedResponse) => droppedBuffers.letGo(prepared.representation.body.buffer),
};
/**
 * The hot path's index from a request (its URL, and whether a browser navigates to it) to the
 * render cache's key: at most 2,048 URLs of at most 512 characters each, about 4 MiB at most.
 */
const FAST_INDEX = { maxEntries: 2048, maxUrlLength: 512 };
const FEEDS = [
  { format: "rss", render: renderRss, contentType: CONTENT_TYPES.rss },
  { format: "atom", render: renderAtom, contentType: CONTENT_TYPES.atom },
  { format: "jsonFeed", render: renderJsonFeed, contentType: CONTENT_TYPES.jsonFeed },
] as const;
type Feed = (typeof FEEDS)[number];
const FEED_BY_FILE = new Map<string, Feed>(FEEDS.map((feed) => [FEED_FILES[feed.format], feed]));
const SITEMAP_PART = /^([1-9]\d{0,5})\.xml$/;

/** Articles newest first, however they are stored: the whole archive, or one source's. */
interface ArticleList {
  count: number;
  /** Articles at newest-first positions [start, end), as a feed reads them (see FeedArticle). */
  newest(start: number, end: number): Promise<FeedArticle[]>;
  /** The same articles as a list shows them: title, date, lede (see ArticleSummary). */
  summaries(start: number, end: number): Promise<ArticleSummary[]>;
}

const sourcesBySlug = new WeakMap<IndexFile, Map<string, SourceEntry>>();

/** The index's source with this slug, looked up through a map made once per index. */
function findSource(index: IndexFile, slug: string): SourceEntry | undefined {
  let bySlug = sourcesBySlug.get(index);
  if (!bySlug) {
    bySlug = new Map(index.sources.map((source) => [source.slug, source]));
    sourcesBySlug.set(index, bySlug);
  }
  return bySlug.get(slug);
}
/** A feed's pages: FEED_ITEM_LIMIT items on the first, rendered ahead, at most LATER_FEED_PAGE_ITEMS on each later one. */
function feedPageSizes(site: SiteConfig): PageSizes {
  return { first: site.feedItemLimit, later: Math.min(site.feedItemLimit, LATER_FEED_PAGE_ITEMS) };
}

/** The headers that keep a response inert in a browser, by its media type. */
async function securityHeaders(contentType: string): Promise<Readonly<Record<string, string>>> {
  if (contentType.startsWith("text/html")) return htmlSecurityHeaders();
  return contentType.startsWith("image/svg+xml") ? SVG_HEADERS : NO_SNIFF;
}

/** The Worker's handler: a warm GET or HEAD is answered from memory, anything else by the Hono app. */
export interface WirefeedApp {
  /** As Hono's `fetch`: tests pass partial settings, or none. */
  fetch(
    request: Request,
    env?: Env | Record<string, unknown>,
    ctx?: ExecutionContext,
  ): Response | Promise<Response>;
}

/** Builds the Hono app over an archive. */
export function createApp(options: AppOptions): WirefeedApp {
  const renderCache = new PromiseCache<PreparedResponse>(RENDER_CACHE_BUDGET);
  /** Per settings object: request key -> render cache key, for requests whose response is kept. */
  const fastIndexes = new WeakMap<object, Map<string, string>>();
  const configs = new WeakMap<object, SiteConfig>();
  /** Renders are cached per settings too: the same URL under other settings is another body. */
  const configScopes = new WeakMap<SiteConfig, string>();

  /** The site config for these vars, read and checked once per isolate. */
  function siteConfig(env: Env | undefined): SiteConfig {
    const vars = env ?? {};
    let config = configs.get(vars);
    if (!config) {
      const result = parseSiteConfig(vars);
      for (const problem of result.problems) console.warn(`wirefeed config: ${problem}`);
      config = result.config;
      configs.set(vars, config);
      configScopes.set(config, configScope(config));
    }
    return config;
  }

  /** Config and absolute links for this request: SITE_URL when set, else the request's origin. */
  function pageContext(c: AppContext): PageContext {
    const site = siteConfig(c.env);
    return { site, links: siteLinks(site.siteUrl ?? new URL(c.req.url).origin) };
  }

  /**
   * Serves the cached response under `key`, rendering it with `render` and building its headers
   * with it unless it is kept (from its second request on), and remembers a request whose
   * response is kept for the hot path (see `fetch` below).
   */
  async function respond(
    c: AppContext,
    key: string,
    render: () => Promise<Representation>,
    {
      status = 200,
      vary,
      private: isPrivate = false,
      cors = false,
    }: { status?: 200 | 404; vary?: string; private?: boolean; cors?: boolean } = {},
  ): Promise<Response> {
    const site = siteConfig(c.env);
    const cacheKey = `${configScopes.get(site)} ${cors ? "cors " : ""}${key}`;
    const prepared = await renderCache.get(cacheKey, async () => {
      const representation = await render();
      const security = await securityHeaders(representation.contentType);
      // A page made for one kind of client (a browser's view of a feed) is kept out of shared caches.
      const cacheControl = isPrivate ? site.cacheControl.replace(/^public/, "private") : site.cacheControl;
      const extra = cors ? { ...security, ...CORS_HEADERS } : security;
      return prepareResponse(representation, { status, cacheControl, vary, extra });
    });
    // Only a kept response can be answered by the hot path: a page asked for once takes no place.
    if (renderCache.has(cacheKey)) rememberRequest(c.req.raw, c.env, cacheKey);
    return markPrepared(answer(prepared, c.req.raw));
  }

  /** The hot path's key of a request: what, besides the settings, decides its answer. */
  function requestKey(request: Request): string {
    const browser = isBrowserNavigation((name) => request.headers.get(name) ?? undefined);
    return `${browser ? "browser " : ""}${request.url}`;
  }

  function rememberRequest(request: Request, env: object | undefined, cacheKey: string): void {
    if (request.url.length > FAST_INDEX.maxUrlLength) return;
    const scope = env ?? NO_SETTINGS;
    let index = fastIndexes.get(scope);
    if (!index) {
      index = new Map();
      fastIndexes.set(scope, index);
    }
    const key = requestKey(request);
    index.delete(key);
    index.set(key, cacheKey);
    if (index.size > FAST_INDEX.maxEntries) index.delete(index.keys().next().value as string);
  }

  /** The requested page of `count` items paged by `sizes`, or the 400/404 response for it. */
  async function requestedPage(c: AppContext, count: number, sizes: PageSizes, { cors = false } = {}) {
    const parameter = parsePageParameter(new URL(c.req.url));
    if (!parameter.ok) return { response: c.text(`Bad Request: ${parameter.message}`, 400) };
    const paging = { page: parameter.page, pageCount: pageCount(count, sizes) };
    if (paging.page > paging.pageCount) return { response: await notFoundPage(c, { cors }) };
    const [start, end] = pageRange(paging.page, sizes);
    return { paging, start, end };
  }

  /**
   * The body the build rendered ahead for this request's path (the first page of a feed or list,
   * and /sources), for this origin; undefined if it rendered none under these settings.
   */
  async function prerenderedBody(c: AppContext, { site, links }: PageContext) {
    if (!isPlainOrigin(links.origin)) return undefined;
    const page = await options.archive(c.env).prerendered(c.req.path);
    return page && page.scope === configScopes.get(site) ? withOrigin(page, links.origin) : undefined;
  }

  /** The 404 page; on a feed's URL with CORS headers, as the feed itself would have. */
  function notFoundPage(c: AppContext, { cors = false } = {}) {
    const context = pageContext(c);
    const modified = listModified(options.archive(c.env).manifest);
    return respond(
      c,
      `${context.links.origin} 404`,
      async () =>
        createRepresentation(
          await renderNotFoundPage(context),
          CONTENT_TYPES.html,
          modified,
          siteLink(context),
        ),
      { status: 404, cors },
    );
  }

  /** A page of a feed in one format: the site's or a source's, rendered once per origin and page. */
  async function serveFeed(c: AppContext, feed: Feed, channel: FeedChannel, list: ArticleList) {
    const { site, links } = pageContext(c);
    const archive = options.archive(c.env);
    const request = await requestedPage(c, list.count, feedPageSizes(site), { cors: true });
    if ("response" in request) return request.response;
    const { paging, start, end } = request;
    const self = pageLinks(channel.urls[feed.format], paging).self;
    const modified = listModified(archive.manifest);
    if (isBrowserNavigation((name) => c.req.header(name))) {
      return respond(
        c,
        `${self} in a browser`,
        async () => {
          const context = { site, links };
          const summaries = await list.summaries(start, end);
          const body = await renderFeedPreviewPage(context, channel, feed.format, summaries, paging);
          return createRepresentation(body, CONTENT_TYPES.html, modified, alternateLinkHeader([channel]));
        },
        { vary: NAVIGATION_HEADERS, private: true, cors: true },
      );
    }
    return respond(
      c,
      self,
      async () => {
        const text =
          (paging.page === 1 && (await prerenderedBody(c, { site, links }))) ||
          feed.render({ site, links, channel, articles: await list.newest(start, end), paging, modified });
        const link = [`<${self}>; rel="self"`, ...(site.websubHub ? [`<${site.websubHub}>; rel="hub"`] : [])];
        return createRepresentation(text, feed.contentType, modified, link.join(", "));
      },
      { vary: NAVIGATION_HEADERS, cors: true },
    );
  }

  /** A page of articles as HTML: the home page, or a source's page. */
  async function serveListPage(c: AppContext, channel: FeedChannel, list: ArticleList) {
    const context = pageContext(c);
    const archive = options.archive(c.env);
    const limit = context.site.feedItemLimit;
    const request = await requestedPage(c, list.count, { first: limit, later: limit });
    if ("response" in request) return request.response;
    const { paging, start, end } = request;
    return respond(c, `${channel.homeUrl}?page=${paging.page}`, async () => {
      const summaries = () => list.summaries(start, end);
      const body =
        (paging.page === 1 && (await prerenderedBody(c, context))) ||
        (await renderIndexPage(context, await summaries(), paging, channel));
      const link = alternateLinkHeader(advertisedFeeds(context, channel));
      return createRepresentation(body, CONTENT_TYPES.html, listModified(archive.manifest), link);
    });
  }

  /** The source for a request's `:slug`, and what reading its articles takes; undefined if none. */
  async function requestedSource(c: AppContext) {
    const archive = options.archive(c.env);
    const source = findSource(await archive.index(), c.req.param("slug") ?? "");
    if (!source) return undefined;
    const { site, links } = pageContext(c);
    const list: ArticleList = {
      count: source.count,
      newest: (start, end) => archive.sourceNewest(source, start, end),
      summaries: (start, end) => archive.sourceNewestSummaries(source, start, end),
    };
    return { channel: sourceChannel(site, links, source), list };
  }

  /** The site's own feeds and pages advertise only its own feed. */
  const siteLink = (context: PageContext) => alternateLinkHeader([siteChannel(context.site, context.links)]);

  /** Every URL the sitemap lists, in parts: the site's own pages first, then one part per block. */
  async function sitemapParts(c: AppContext) {
    const { links } = pageContext(c);
    const archive = options.archive(c.env);
    const modified = listModified(archive.manifest);
    const index = await archive.index();
    const pages: SitemapEntry[] = [
      [links.home, modified],
      [links.sources, modified],
      ...index.sources.map((source): SitemapEntry => [links.source(source.slug), modified]),
    ];
    const blocks = index.sitemapHashes.length / HASH_LENGTH;
    const block = async (n: number) =>
      (await archive.sitemapBlock(n)).entries.map(
        ([path, lastModified]): SitemapEntry => [links.origin + path, lastModified],
      );
    return {
      modified,
      single: pages.length + archive.manifest.articleCount <= MAX_SITEMAP_URLS,
      count: 1 + blocks,
      /** Part 1 is the site's own pages; part n + 2 is block n. */
      part: (part: number) => (part === 1 ? Promise.resolve(pages) : block(part - 2)),
    };
  }

  const app = new Hono<{ Bindings: Env }>();

  app.use("*", async (c, next) => {
    if (!["GET", "HEAD", "OPTIONS"].includes(c.req.method)) {
      await drainSmallBody(c.req.raw); // an unread body would cost the client its connection
      return c.text("Method Not Allowed", 405, { Allow: ALLOWED_METHODS, ...NO_SNIFF });
    }
    await next();
    // A prepared response has every header already; the rest (redirects, 400s) get them here.
    if (isPrepared(c.res)) return;
    const headers = await securityHeaders(c.res.headers.get("Content-Type") ?? "");
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
  });

  // CORS: hono/cors answers preflights; other answers of a feed's URL carry CORS_HEADERS.
  const preflight = cors({
    origin: "*",
    allowMethods: ["GET", "HEAD", "OPTIONS"],
    allowHeaders: ["If-None-Match", "If-Modified-Since"],
    exposeHeaders: ["ETag", "Last-Modified", "Link"],
    maxAge: 86400,
  });
  const feedCors: MiddlewareHandler<{ Bindings: Env }> = async (c, next) => {
    if (c.req.method === "OPTIONS") return preflight(c, next);
    await next();
    if (isPrepared(c.res)) return;
    for (const [name, value] of Object.entries(CORS_HEADERS)) c.res.headers.set(name, value);
  };
  for (const feed of FEEDS) app.use(PATHS[feed.format], feedCors);
  app.use("/sources/:slug/:file", feedCors);

  app.options("*", (c) => c.body(null, 204, { Allow: ALLOWED_METHODS }));

  /** Every article, as the site's feeds and home page list them. */
  function siteList(c: AppContext): ArticleList {
    const archive = options.archive(c.env);
    return {
      count: archive.manifest.articleCount,
      newest: archive.newest,
      summaries: archive.newestSummaries,
    };
  }

  for (const feed of FEEDS) {
    app.get(PATHS[feed.format], (c) => {
      const { site, links } = pageContext(c);
      return serveFeed(c, feed, siteChannel(site, links), siteList(c));
    });
  }

  app.get(PATHS.home, (c) => {
    const { site, links } = pageContext(c);
    return serveListPage(c, siteChannel(site, links), siteList(c));
  });

  app.get(PATHS.sources, async (c) => {
    const context = pageContext(c);
    const archive = options.archive(c.env);
    const index = await archive.index();
    return respond(c, context.links.sources, async () =>
      createRepresentation(
        (await prerenderedBody(c, context)) ?? (await renderSourcesPage(context, index.sources)),
        CONTENT_TYPES.html,
        listModified(archive.manifest),
        siteLink(context),
      ),
    );
  });

  app.get("/sources/:slug", async (c) => {
    const source = await requestedSource(c);
    return source ? serveListPage(c, source.channel, source.list) : c.notFound();
  });

  app.get("/sources/:slug/:file", async (c) => {
    const feed = FEED_BY_FILE.get(c.req.param("file"));
    const source = feed && (await requestedSource(c));
    return feed && source ? serveFeed(c, feed, source.channel, source.list) : notFoundPage(c, { cors: true });
  });

  app.get(PATHS.opml, async (c) => {
    const { site, links } = pageContext(c);
    const archive = options.archive(c.env);
    const index = await archive.index();
    const modified = listModified(archive.manifest);
    return respond(c, links.opml, async () => {
      const sources = index.sources.map((source) => sourceChannel(site, links, source));
      const head = {
        title: `${site.title}: every feed`,
        modified: new Date(modified).toISOString().replace(/\.\d{3}Z$/, "+00:00"),
      };
      return createRepresentation(
        renderOpml(head, siteChannel(site, links), sources),
        CONTENT_TYPES.opml,
        modified,
      );
    });
  });

  app.get(PATHS.sitemap, async (c) => {
    const { links } = pageContext(c);
    const parts = await sitemapParts(c);
    return respond(c, links.sitemap, async () => {
      if (parts.single) {
        const all = await Promise.all(Array.from({ length: parts.count }, (_, i) => parts.part(i + 1)));
        return createRepresentation(renderUrlset(all.flat()), CONTENT_TYPES.sitemap, parts.modified);
      }
      const children = Array.from(
        { length: parts.count },
        (_, i): SitemapEntry => [links.sitemapPart(i + 1), parts.modified],
      );
      return createRepresentation(renderSitemapIndex(children), CONTENT_TYPES.sitemap, parts.modified);
    });
  });

  app.get("/sitemaps/:file", async (c) => {
    const { links } = pageContext(c);
    const part = Number(SITEMAP_PART.exec(c.req.param("file"))?.[1] ?? 0);
    const parts = await sitemapParts(c);
    if (parts.single || part < 1 || part > parts.count) return c.notFound();
    return respond(c, links.sitemapPart(part), async () =>
      createRepresentation(renderUrlset(await parts.part(part)), CONTENT_TYPES.sitemap, parts.modified),
    );
  });

  for (const [name, contentType] of Object.entries(ICON_TYPES) as [IconName, string][]) {
    app.get(`/${name}`, async (c) => {
      const { links } = pageContext(c);
      const archive = options.archive(c.env);
      return respond(c, links.icon(name), async () =>
        // A copy: the file cache holds the icon's bytes, and the render cache frees its body's.
        createRepresentation((await archive.icon(name)).slice(), contentType, archive.manifest.codeChanged),
      );
    });
  }

  app.get(PATHS.robots, (c) => {
    const { links } = pageContext(c);
    const modified = listModified(options.archive(c.env).manifest);
    return respond(c, `${links.origin}${PATHS.robots}`, () =>
      createRepresentation(renderRobots(links.sitemap), CONTENT_TYPES.text, modified),
    );
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
        siteLink(context),
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

  app.notFound((c) => notFoundPage(c));

  // Hono compiles its routes into one matcher on the first request; compile them now, at startup,
  // which has a budget of its own, rather than on a new isolate's first request (about 4 ms of it).
  app.router.match("GET", PATHS.home);

  // Whatever fails, the archive's files above all, the answer is a 503 to retry, never a 500.
  app.onError((error) => {
    console.error(error);
    return faultResponse();
  });

  /**
   * A request through the app, marked as running while it may read what the caches hold: bytes
   * they let go of meanwhile are freed only after it (see DeferredDetach).
   */
  async function throughApp(request: Request, env: object | undefined, ctx: ExecutionContext | undefined) {
    const ended = droppedBuffers.started();
    try {
      return await app.fetch(request, env, ctx);
    } finally {
      ended();
    }
  }

  return {
    fetch(request, env, ctx) {
      // The hot path: a request whose response is kept (from its second request on) is answered
      // from the prepared response, without routing, URL parsing or middleware. Everything else
      // goes through the app.
      try {
        if (request.method === "GET" || request.method === "HEAD") {
          const cacheKey = fastIndexes.get(env ?? NO_SETTINGS)?.get(requestKey(request));
          const prepared = cacheKey === undefined ? undefined : renderCache.peek(cacheKey);
          if (prepared) return answer(prepared, request);
        }
        return throughApp(request, env, ctx).catch(fault);
      } catch (error) {
        return fault(error);
      }
    },
  };
}

/** Outside Hono's onError: the same answer, a 503 to retry, never a 500. */
function fault(error: unknown): Response {
  console.error(error);
  return faultResponse();
}

/** The settings scope of a request without any (tests call the app without env). */
const NO_SETTINGS = {};
