/**
 * The hot path: a request whose response is kept (from its second request on) is answered from
 * its prepared response, and that answer must be the one the full app gives, byte for byte and
 * header for header.
 */
import { describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { memoryArchive, syntheticArticles } from "./fixtures/synthetic-archive";

const ARTICLES = syntheticArticles(60);
const ENV = { FEED_ITEM_LIMIT: "25", SITE_URL: "https://news.example.com" };
const BROWSER = { "Sec-Fetch-Dest": "document", "Sec-Fetch-Mode": "navigate" };

/** A new app that counts how often a route asks for its archive: a hot answer asks nothing. */
function countingApp() {
  const { archive } = memoryArchive(ARTICLES);
  let asked = 0;
  const app = createApp({
    archive: () => {
      asked++;
      return archive;
    },
  });
  const get = (path: string, headers: Record<string, string> = {}, method = "GET") =>
    Promise.resolve(app.fetch(new Request(`https://news.example.com${path}`, { method, headers }), ENV));
  return { get, asked: () => asked };
}

async function snapshot(response: Response) {
  return {
    status: response.status,
    headers: [...response.headers].sort(),
    body: new Uint8Array(await response.arrayBuffer()),
  };
}

const article = ARTICLES[3];

describe("a repeated request", () => {
  it.each([
    ["/feed.xml", {}],
    ["/atom.xml?page=2", {}],
    ["/feed.json", {}],
    ["/feed.xml", BROWSER],
    ["/", {}],
    [`/articles/${article?.id}/${article?.slug}`, {}],
    ["/sources", {}],
    ["/sitemap.xml", {}],
    ["/robots.txt", {}],
    ["/icon.svg", {}],
    ["/no/such/page", {}],
    ["/feed.xml?page=9", {}],
  ] as const)(
    "%s %o is answered as the first time, kept on its second request and not routed on its third",
    async (path, headers) => {
      const { get, asked } = countingApp();
      const first = await snapshot(await get(path, headers));
      const askedFirst = asked();
      expect(askedFirst).toBeGreaterThan(0);
      // Asked for once, a response is not kept (a crawler's walk must not fill the cache): made again.
      const second = await snapshot(await get(path, headers));
      expect(second).toEqual(first);
      const askedSecond = asked();
      expect(askedSecond).toBe(2 * askedFirst);
      const third = await snapshot(await get(path, headers));
      expect(third).toEqual(first);
      expect(asked()).toBe(askedSecond);
    },
  );

  it("keeps a browser's view of a feed apart from the feed, whichever comes first", async () => {
    const { get } = countingApp();
    const feed = await get("/feed.xml");
    const page = await get("/feed.xml", BROWSER);
    const feedAgain = await get("/feed.xml");
    expect(feed.headers.get("Content-Type")).toBe("application/rss+xml; charset=utf-8");
    expect(page.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    expect(feedAgain.headers.get("Content-Type")).toBe("application/rss+xml; charset=utf-8");
  });

  it("answers 304 to its validators and HEAD without a body, with the same headers", async () => {
    const { get } = countingApp();
    const full = await get("/atom.xml");
    await full.arrayBuffer();
    const etag = full.headers.get("ETag") ?? "";
    const revalidated = await get("/atom.xml", { "If-None-Match": etag });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe("");
    expect([...revalidated.headers].sort()).toEqual(
      [...full.headers].filter(([name]) => name !== "content-type").sort(),
    );
    const since = await get("/atom.xml", { "If-Modified-Since": full.headers.get("Last-Modified") ?? "" });
    expect(since.status).toBe(304);
    const head = await get("/atom.xml", {}, "HEAD");
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
    expect(head.headers.get("ETag")).toBe(etag);
  });

  it("goes through the app again for a method the hot path does not answer", async () => {
    const { get } = countingApp();
    await (await get("/feed.xml")).arrayBuffer();
    const post = await get("/feed.xml", {}, "POST");
    expect(post.status).toBe(405);
    const preflight = await get(
      "/feed.xml",
      { Origin: "https://reader.example", "Access-Control-Request-Method": "GET" },
      "OPTIONS",
    );
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("Access-Control-Max-Age")).toBe("86400");
  });
});

describe("a fault before the app", () => {
  it("answers 503 with Retry-After, never 500, when the hot path itself throws", async () => {
    const { archive } = memoryArchive(ARTICLES);
    const app = createApp({ archive: () => archive });
    // A second request keeps the response and makes the hot path's index for these settings, so
    // the next one is looked up.
    for (let i = 0; i < 2; i++) {
      await (await app.fetch(new Request("https://news.example.com/feed.xml"), ENV)).arrayBuffer();
    }
    const broken = {
      method: "GET",
      url: "https://news.example.com/feed.xml",
      headers: {
        get() {
          throw new Error("a request that cannot be read");
        },
      },
    } as unknown as Request;
    const response = await app.fetch(broken, ENV);
    expect(response.status).toBe(503);
    expect(response.headers.get("Retry-After")).toBe("5");
    expect(response.headers.get("Cache-Control")).toBe("no-store");
  });
});
