/**
 * A feed opened in a browser reads as a page; every other client gets the feed, byte for byte,
 * whatever Accept it sends. Browsers are told apart by Fetch Metadata (src/http/navigation.ts).
 */
import { describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { memoryArchive, syntheticArticles } from "./fixtures/synthetic-archive";

const ARTICLES = syntheticArticles(30);
const { archive } = memoryArchive(ARTICLES);
const app = createApp({ archive: () => archive });
const BASE = "https://news.example.com";
const ENV = { SITE_URL: BASE, SITE_TITLE: "Wire", SITE_DESCRIPTION: "World news", FEED_ITEM_LIMIT: "10" };
const get = (path: string, headers: Record<string, string> = {}) =>
  Promise.resolve(app.fetch(new Request(`${BASE}${path}`, { headers }), ENV));

/** What Chromium 156 sends when a person opens a URL (seen in its requests). */
const BROWSER = {
  Accept:
    "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7",
  "Sec-Fetch-Dest": "document",
  "Sec-Fetch-Mode": "navigate",
  "Sec-Fetch-Site": "none",
};

const FEEDS = [
  ["/feed.xml", "application/rss+xml; charset=utf-8", "RSS"],
  ["/atom.xml", "application/atom+xml; charset=utf-8", "Atom"],
  ["/feed.json", "application/feed+json; charset=utf-8", "JSON Feed"],
  ["/sources/efe/atom.xml", "application/atom+xml; charset=utf-8", "Atom"],
] as const;

describe.each(FEEDS)("%s", (path, type, label) => {
  it.each([
    ["no Accept", {}],
    ["*/*", { Accept: "*/*" }],
    ["its own type", { Accept: type.split(";")[0] as string }],
    [
      "a reader's list",
      {
        Accept:
          "application/rss+xml, application/atom+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.7, */*;q=0.1",
      },
    ],
    ["a browser's Accept without Fetch Metadata", { Accept: BROWSER.Accept }],
    ["a script's fetch() in a browser", { ...BROWSER, "Sec-Fetch-Dest": "empty", "Sec-Fetch-Mode": "cors" }],
  ])("gives the feed itself to %s", async (_, headers) => {
    const plain = await get(path);
    const response = await get(path, headers);
    expect(response.headers.get("Content-Type")).toBe(type);
    expect(await response.text()).toBe(await plain.text());
    expect(response.headers.get("Vary")).toBe("Sec-Fetch-Dest, Sec-Fetch-Mode");
  });

  it("gives a person's browser a page: what a feed is, the addresses to copy, the items", async () => {
    const response = await get(path, BROWSER);
    expect(response.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("Vary")).toBe("Sec-Fetch-Dest, Sec-Fetch-Mode");
    expect(response.headers.get("Cache-Control")).toBe("private, max-age=300, stale-while-revalidate=3600");
    expect(response.headers.get("Content-Security-Policy")).toMatch(
      /^default-src 'none'; style-src 'sha256-/,
    );
    const html = await response.text();
    expect(html).not.toContain("<script");
    expect(html).toContain("This is a web feed: a feed reader");
    expect(html).toContain(`<dt>${label} (this page)</dt>`);
    const base = path.startsWith("/sources/efe") ? `${BASE}/sources/efe` : BASE;
    for (const file of ["feed.xml", "atom.xml", "feed.json"])
      expect(html).toContain(`<code>${base}/${file}</code>`);
  });
});

describe("the page a browser gets for /feed.xml", () => {
  it("names the feed and lists its items with title link, date and lede, newest first", async () => {
    const html = await (await get("/feed.xml", BROWSER)).text();
    expect(html).toContain("<h1>Wire</h1>\n<p>World news</p>");
    const items = [...html.matchAll(/<h3><a href="([^"]+)">/g)].map((match) => match[1]);
    expect(items).toEqual(
      ARTICLES.slice(0, 10).map((article) => `${BASE}/articles/${article.id}/${article.slug}`),
    );
    const [first] = ARTICLES;
    expect(html).toContain(`<time datetime="${first?.published}">`);
    expect(html).toContain(`<p>${first?.lede.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</p>`);
    expect(html).toContain(`<a rel="next" href="${BASE}/feed.xml?page=2">Older articles</a>`);
  });

  it("is a page of its own for ETags, so a revalidating browser never gets the feed's 304", async () => {
    const feed = await get("/feed.xml");
    const page = await get("/feed.xml", BROWSER);
    expect(page.headers.get("ETag")).not.toBe(feed.headers.get("ETag"));
    expect(
      (await get("/feed.xml", { ...BROWSER, "If-None-Match": feed.headers.get("ETag") ?? "" })).status,
    ).toBe(200);
    expect(
      (await get("/feed.xml", { ...BROWSER, "If-None-Match": page.headers.get("ETag") ?? "" })).status,
    ).toBe(304);
  });
});
