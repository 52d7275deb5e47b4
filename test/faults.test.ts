/**
 * Faults in the archive's files, injected between the real app and a multi-chunk archive: each
 * answers 503 with Retry-After and no-store, is not remembered, and is never a 500.
 */
import { describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import type { Archive, AssetFetcher } from "../src/archive/archive";
import { packArchive } from "../src/archive/pack-archive";
import { memoryArchive, serveFiles, syntheticArticles, TEST_EXTRAS } from "./fixtures/synthetic-archive";

const ARTICLES = syntheticArticles(120);
const ARTICLE = ARTICLES[70];
if (!ARTICLE) throw new Error("the synthetic archive is too small");
/** Another build of (almost) the same archive: the oldest article retracted, so every file differs. */
const OTHER_BUILD = packArchive(ARTICLES.slice(0, -1), [], TEST_EXTRAS).files;

/** The paths that read chunks of articles: every feed, a later page, an article by URL and by id. */
const CHUNK_ROUTES = [
  "/feed.xml",
  "/atom.xml",
  "/feed.json",
  "/?page=2",
  `/articles/${ARTICLE.id}/${ARTICLE.slug}`,
  `/articles/${ARTICLE.id}`,
  "/sources/efe",
  "/sources/efe/atom.xml",
];
/** Every path that needs the archive's JSON files: those, and those that read only its index. */
const JSON_ROUTES = [...CHUNK_ROUTES, "/sources", "/feeds.opml", "/sitemap.xml"];
/** And an icon, a file of bytes. */
const ROUTES = [...JSON_ROUTES, "/favicon.ico"];

const FAULTS: {
  name: string;
  fetcher: (files: ReadonlyMap<string, string | Uint8Array>) => AssetFetcher;
  routes?: string[];
}[] = [
  {
    name: "a fetch that throws",
    fetcher: () => async () => {
      throw new TypeError("Network connection lost.");
    },
  },
  { name: "a fetch that never answers", fetcher: () => () => new Promise<Response>(() => {}) },
  {
    name: "a 404 (a file this build did not write)",
    fetcher: () => async () => new Response("", { status: 404 }),
  },
  { name: "a 500 from the assets", fetcher: () => async () => new Response("", { status: 500 }) },
  {
    name: "a truncated file",
    fetcher: (files) => async (path) => {
      const content = files.get(path) ?? "";
      return new Response(content.slice(0, Math.floor(content.length / 2)));
    },
  },
  {
    name: "a file from another build under this build's name",
    fetcher: () => async (path) => {
      const sameFile = path.slice(0, path.indexOf(".") + 1); // e.g. "/chunks/3."
      const other = [...OTHER_BUILD].find(([otherPath]) => otherPath.startsWith(sameFile));
      return new Response(other?.[1] ?? "{}");
    },
    routes: JSON_ROUTES, // both builds have the same icon
  },
  {
    name: "a chunk that lacks positions",
    fetcher: (files) => async (path) => {
      const content = files.get(path) ?? "";
      const file = typeof content === "string" ? content : new TextDecoder().decode(content);
      // The oldest article's line: every later one would be read one position off.
      const lines = file.split("\n");
      if (path.endsWith(".jsonl")) lines.splice(1, 1);
      return new Response(lines.join("\n"));
    },
    // And an article in the middle of its chunk, which reads no line past the shortened end.
    routes: [...CHUNK_ROUTES, `/articles/${ARTICLES[80]?.id}`],
  },
];

function faultyApp(fetcher: (files: ReadonlyMap<string, string | Uint8Array>) => AssetFetcher) {
  const { archive } = memoryArchive(ARTICLES, { fetcher, timeoutMs: 50 });
  return createApp({ archive: () => archive });
}

describe.each(FAULTS)("$name", ({ fetcher, routes = ROUTES }) => {
  it.each(routes)("answers %s with 503, Retry-After and no-store", async (path) => {
    const response = await faultyApp(fetcher).fetch(new Request(`https://news.example.com${path}`), {});
    expect(response.status).toBe(503);
    expect(response.headers.get("Retry-After")).toBe("5");
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(await response.text()).toBe(
      "Service Unavailable: the archive could not be read just now; try again shortly",
    );
  });
});

describe("after a fault", () => {
  it("tries again on the next request, and serves it once the archive answers", async () => {
    let failing = true;
    const app = faultyApp(
      (files) => (path) => (failing ? Promise.reject(new Error("down")) : serveFiles(files)(path)),
    );
    for (const path of ROUTES) {
      expect((await app.fetch(new Request(`https://news.example.com${path}`), {})).status, path).toBe(503);
    }
    failing = false;
    for (const path of ROUTES) {
      const response = await app.fetch(new Request(`https://news.example.com${path}`), {});
      expect(response.status, path).toBe(path === `/articles/${ARTICLE.id}` ? 301 : 200);
    }
  });
});

describe("an unexpected error", () => {
  it("is a 503 too, never a 500", async () => {
    const broken: Archive = {
      manifest: memoryArchive(ARTICLES).archive.manifest,
      newest: () => Promise.reject(new RangeError("a bug")),
      newestSummaries: () => Promise.reject(new RangeError("a bug")),
      byId: () => Promise.reject(new RangeError("a bug")),
      redirected: () => Promise.reject(new RangeError("a bug")),
      index: () => Promise.reject(new RangeError("a bug")),
      sourceNewest: () => Promise.reject(new RangeError("a bug")),
      sourceNewestSummaries: () => Promise.reject(new RangeError("a bug")),
      sitemapBlock: () => Promise.reject(new RangeError("a bug")),
      icon: () => Promise.reject(new RangeError("a bug")),
      prerendered: () => Promise.reject(new RangeError("a bug")),
    };
    const app = createApp({ archive: () => broken });
    for (const path of ROUTES) {
      expect((await app.fetch(new Request(`https://news.example.com${path}`), {})).status, path).toBe(503);
    }
  });
});
