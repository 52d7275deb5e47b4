/**
 * Discovery over a 120-article synthetic archive through the real app: a feed and a page per
 * source, the sources list, OPML, the sitemap, robots.txt and Link headers.
 */
import { XMLParser } from "fast-xml-parser";
import { parseAtomFeed, parseRssFeed } from "feedsmith";
import { describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import type { Article } from "../src/content/article";
import { memoryArchive, syntheticArticles } from "./fixtures/synthetic-archive";

const ARTICLES = syntheticArticles(120);
const { archive } = memoryArchive(ARTICLES);
const app = createApp({ archive: () => archive });
const BASE = "https://news.example.com";
const LIMIT = 10;
const ENV = { SITE_URL: BASE, FEED_ITEM_LIMIT: String(LIMIT), SITE_TITLE: "Wire" };

/** The synthetic corpus's sources and their slugs, written out. */
const SOURCE_SLUGS: Record<string, string> = {
  EFE: "efe",
  "El Salto": "el-salto",
  Reuters: "reuters",
  AFP: "afp",
  "Al-Mayadeen": "al-mayadeen",
  "Prensa Latina": "prensa-latina",
  Xinhua: "xinhua",
};

/** Independent of the app: the ids of the articles naming a source, newest first. */
function idsNaming(name: string): string[] {
  return ARTICLES.filter((article) => article.sources.includes(name)).map((article) => article.id);
}

function get(path: string, env: Record<string, string> = ENV, headers: Record<string, string> = {}) {
  return Promise.resolve(app.fetch(new Request(`${BASE}${path}`, { headers, redirect: "manual" }), env));
}

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "",
  isArray: (name) => ["outline", "url", "sitemap"].includes(name),
});

describe("a feed per source", () => {
  it.each(Object.entries(SOURCE_SLUGS))(
    "%s: its JSON Feed, walked page by page, holds exactly the articles naming it",
    async (name, slug) => {
      const ids: string[] = [];
      let url: string | undefined = `/sources/${slug}/feed.json`;
      let title = "";
      while (url) {
        const response = await get(url);
        expect(response.status, url).toBe(200);
        const page = (await response.json()) as { title: string; next_url?: string; items: { id: string }[] };
        title = page.title;
        ids.push(...page.items.map((item) => item.id.replace("urn:wirefeed:article:", "")));
        url = page.next_url?.replace(BASE, "");
      }
      expect(ids).toEqual(idsNaming(name));
      expect(ids.length).toBeGreaterThan(LIMIT); // more than one page, so paging was walked
      expect(title).toBe(`Wire: ${name}`);
    },
  );

  it("pages RSS and Atom with RFC 5005 links, and names the source in the title", async () => {
    const efe = idsNaming("EFE").length;
    const last = Math.ceil(efe / LIMIT);
    const atom = parseAtomFeed(await (await get("/sources/efe/atom.xml?page=2")).text());
    expect(atom.id).toBe("urn:wirefeed:feed:source:efe");
    expect(Object.fromEntries((atom.links ?? []).map((link) => [link.rel, link.href]))).toEqual({
      self: `${BASE}/sources/efe/atom.xml?page=2`,
      first: `${BASE}/sources/efe/atom.xml`,
      previous: `${BASE}/sources/efe/atom.xml`,
      ...(last > 2 ? { next: `${BASE}/sources/efe/atom.xml?page=3` } : {}),
      last: `${BASE}/sources/efe/atom.xml?page=${last}`,
      alternate: `${BASE}/sources/efe`,
    });
    const rss = parseRssFeed(await (await get("/sources/el-salto/feed.xml")).text());
    expect(rss.title).toBe("Wire: El Salto");
    expect(rss.link).toBe(`${BASE}/sources/el-salto`);
    expect(rss.items?.map((item) => item.guid?.value)).toEqual(
      idsNaming("El Salto")
        .slice(0, LIMIT)
        .map((id) => `urn:wirefeed:article:${id}`),
    );
  });

  it.each([
    ["/sources/efe/feed.xml?page=999", 404],
    ["/sources/efe/feed.json?page=0", 400],
    ["/sources/efe/atom.xml?page=x", 400],
    ["/sources/no-such-source/feed.xml", 404],
    ["/sources/efe/rss.xml", 404],
    ["/sources/no-such-source", 404],
  ])("answers %s with %i", async (path, status) => {
    expect((await get(path)).status).toBe(status);
  });
});

describe("source pages", () => {
  it("list the source's articles newest first, with autodiscovery of its feeds", async () => {
    const html = await (await get("/sources/reuters")).text();
    const linked = [...html.matchAll(/<h2><a href="[^"]*\/articles\/([^/"]+)\//g)].map((match) => match[1]);
    expect(linked).toEqual(idsNaming("Reuters").slice(0, LIMIT));
    for (const [type, file] of [
      ["application/rss+xml", "feed.xml"],
      ["application/atom+xml", "atom.xml"],
      ["application/feed+json", "feed.json"],
    ]) {
      expect(html).toContain(`<link rel="alternate" type="${type}" title="Wire: Reuters (`);
      expect(html).toContain(`href="${BASE}/sources/reuters/${file}">`);
    }
  });

  it("are listed on /sources with their article counts", async () => {
    const html = await (await get("/sources")).text();
    for (const [name, slug] of Object.entries(SOURCE_SLUGS)) {
      const count = idsNaming(name).length;
      expect(html).toContain(
        `<a href="${BASE}/sources/${slug}">${name}</a> <span class="meta">${count} articles</span>`,
      );
    }
  });

  it("are linked from every article page that names the source", async () => {
    const article = ARTICLES.find((candidate) => candidate.sources.length >= 2) as Article;
    const html = await (await get(`/articles/${article.id}/${article.slug}`)).text();
    for (const name of article.sources) {
      expect(html).toContain(`<a href="${BASE}/sources/${SOURCE_SLUGS[name]}">${name}</a>`);
    }
  });
});

describe("/feeds.opml", () => {
  it("is an OPML 2.0 list of the site's feed and every source's, each of which answers", async () => {
    const response = await get("/feeds.opml");
    expect(response.headers.get("Content-Type")).toBe("text/x-opml; charset=utf-8");
    const opml = xml.parse(await response.text()).opml;
    expect(opml.version).toBe("2.0");
    const [site, folder] = opml.body.outline;
    const outlines = [site, ...folder.outline];
    expect(
      outlines.map((outline: Record<string, string>) => [outline.text, outline.xmlUrl, outline.htmlUrl]),
    ).toEqual([
      ["Wire", `${BASE}/feed.xml`, `${BASE}/`],
      ...Object.entries(SOURCE_SLUGS)
        .sort(([, a], [, b]) => (a < b ? -1 : 1))
        .map(([name, slug]) => [
          `Wire: ${name}`,
          `${BASE}/sources/${slug}/feed.xml`,
          `${BASE}/sources/${slug}`,
        ]),
    ]);
    for (const outline of outlines) {
      expect(outline.type).toBe("rss");
      expect(outline.title).toBe(outline.text);
      const feed = await get(new URL(outline.xmlUrl).pathname);
      expect(feed.status, outline.xmlUrl).toBe(200);
      expect(parseRssFeed(await feed.text()).title).toBe(outline.text);
    }
  });
});

describe("/sitemap.xml and /robots.txt", () => {
  it("lists the home page, every article page once and every source page, each answering 200", async () => {
    const urls = xml.parse(await (await get("/sitemap.xml")).text()).urlset.url as {
      loc: string;
      lastmod: string;
    }[];
    const locs = urls.map((url) => url.loc);
    expect(locs.slice(0, 2)).toEqual([`${BASE}/`, `${BASE}/sources`]);
    expect(locs.filter((loc) => loc.includes("/articles/")).sort()).toEqual(
      ARTICLES.map((article) => `${BASE}/articles/${article.id}/${article.slug}`).sort(),
    );
    expect(locs.filter((loc) => /\/sources\/./.test(loc)).sort()).toEqual(
      Object.values(SOURCE_SLUGS)
        .map((slug) => `${BASE}/sources/${slug}`)
        .sort(),
    );
    for (const url of urls) {
      expect(url.lastmod).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      expect((await get(new URL(url.loc).pathname)).status, url.loc).toBe(200);
    }
  });

  it("dates each article by its page's Last-Modified", async () => {
    const [newest] = ARTICLES as [Article];
    const urls = xml.parse(await (await get("/sitemap.xml")).text()).urlset.url as {
      loc: string;
      lastmod: string;
    }[];
    const entry = urls.find((url) => url.loc.endsWith(`/articles/${newest.id}/${newest.slug}`));
    const page = await get(`/articles/${newest.id}/${newest.slug}`);
    expect(Date.parse(entry?.lastmod ?? "")).toBe(Date.parse(page.headers.get("Last-Modified") ?? ""));
  });

  it("serves robots.txt allowing everything and naming the sitemap", async () => {
    const response = await get("/robots.txt");
    expect(response.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
    expect(await response.text()).toBe(`User-agent: *\nAllow: /\n\nSitemap: ${BASE}/sitemap.xml\n`);
  });

  it.each(["/sitemap.xml", "/robots.txt", "/feeds.opml", "/sources"])(
    "%s answers 304 to its ETag and its date",
    async (path) => {
      const first = await get(path);
      expect(first.headers.get("Last-Modified")).toBe("Mon, 02 Sep 2024 10:00:00 GMT");
      const etag = first.headers.get("ETag") ?? "";
      expect((await get(path, ENV, { "If-None-Match": etag })).status).toBe(304);
      expect((await get(path, ENV, { "If-Modified-Since": "Mon, 02 Sep 2024 10:00:00 GMT" })).status).toBe(
        304,
      );
      expect((await get(path, ENV, { "If-Modified-Since": "Mon, 02 Sep 2024 09:59:59 GMT" })).status).toBe(
        200,
      );
    },
  );

  it("answers /sitemaps/1.xml with 404 while one sitemap holds every URL", async () => {
    expect((await get("/sitemaps/1.xml")).status).toBe(404);
  });
});

describe("Link headers", () => {
  it("advertise a page's feeds, as its <link rel=alternate> elements do", async () => {
    const site = `<${BASE}/feed.xml>; rel="alternate"; type="application/rss+xml", <${BASE}/atom.xml>; rel="alternate"; type="application/atom+xml", <${BASE}/feed.json>; rel="alternate"; type="application/feed+json"`;
    expect((await get("/")).headers.get("Link")).toBe(site);
    const article = ARTICLES[3] as Article;
    expect((await get(`/articles/${article.id}/${article.slug}`)).headers.get("Link")).toBe(site);
    expect((await get("/sources/afp")).headers.get("Link")).toBe(
      `<${BASE}/sources/afp/feed.xml>; rel="alternate"; type="application/rss+xml", <${BASE}/sources/afp/atom.xml>; rel="alternate"; type="application/atom+xml", <${BASE}/sources/afp/feed.json>; rel="alternate"; type="application/feed+json", ${site}`,
    );
  });

  it.each([
    "/feed.xml",
    "/atom.xml?page=2",
    "/feed.json",
    "/sources/afp/feed.xml",
    "/sources/afp/feed.json?page=2",
  ])("name %s itself as rel=self, and no hub while WEBSUB_HUB is unset", async (path) => {
    const response = await get(path);
    expect(response.headers.get("Link")).toBe(`<${BASE}${path}>; rel="self"`);
    expect(await response.text()).not.toContain("hub");
  });
});

describe("WebSub", () => {
  const HUB = "https://hub.example.net/";
  const withHub = { ...ENV, WEBSUB_HUB: HUB };

  it.each(["/feed.xml", "/atom.xml", "/feed.json", "/sources/xinhua/atom.xml?page=2"])(
    "%s names the hub and itself in its Link header",
    async (path) => {
      const response = await get(path, withHub);
      expect(response.headers.get("Link")).toBe(`<${BASE}${path}>; rel="self", <${HUB}>; rel="hub"`);
      // ... and in a 304, so a cache revalidating keeps them.
      const etag = response.headers.get("ETag") ?? "";
      expect((await get(path, withHub, { "If-None-Match": etag })).headers.get("Link")).toBe(
        `<${BASE}${path}>; rel="self", <${HUB}>; rel="hub"`,
      );
    },
  );

  it("names the hub in each format's own way", async () => {
    expect(parseRssFeed(await (await get("/feed.xml", withHub)).text()).atom?.links).toContainEqual({
      href: HUB,
      rel: "hub",
    });
    expect(parseAtomFeed(await (await get("/sources/efe/atom.xml", withHub)).text()).links).toContainEqual({
      href: HUB,
      rel: "hub",
    });
    const json = (await (await get("/feed.json", withHub)).json()) as { hubs: unknown };
    expect(json.hubs).toEqual([{ type: "WebSub", url: HUB }]);
  });
});

describe("a sitemap past 1,000 URLs", () => {
  /** 2,500 small articles (made directly: parsing seeds would only slow the suite). */
  const many: Article[] = Array.from({ length: 2_500 }, (_, i) => {
    const published = new Date(Date.UTC(2020, 0, 1) + (2_500 - i) * 60_000)
      .toISOString()
      .replace(/\.000Z$/, "+00:00");
    return {
      id: `a${String(i).padStart(5, "0")}`,
      slug: "story",
      title: `Story ${i}`,
      photo: null,
      published,
      updated: published,
      changedAt: Date.UTC(2024, 0, 1),
      lede: "Lede.",
      body: [],
      related: [],
      byline: { publisher: "Desk", author: null },
      sources: [],
    };
  });
  const bigArchive = memoryArchive(many).archive;
  const big = createApp({ archive: () => bigArchive });
  const fetchBig = (path: string) => Promise.resolve(big.fetch(new Request(`${BASE}${path}`), ENV));

  it("becomes an index of child sitemaps that list every URL once", { timeout: 60_000 }, async () => {
    const index = xml.parse(await (await fetchBig("/sitemap.xml")).text()).sitemapindex;
    const children = (index.sitemap as { loc: string; lastmod: string }[]).map((child) => child.loc);
    expect(children).toEqual([1, 2, 3, 4].map((part) => `${BASE}/sitemaps/${part}.xml`));
    const locs: string[] = [];
    for (const child of children) {
      const urls = xml.parse(await (await fetchBig(new URL(child).pathname)).text()).urlset.url as {
        loc: string;
      }[];
      expect(urls.length).toBeLessThanOrEqual(1_000);
      locs.push(...urls.map((url) => url.loc));
    }
    expect(locs).toHaveLength(2_502);
    expect(new Set(locs).size).toBe(2_502);
    expect(locs.slice(0, 3)).toEqual([`${BASE}/`, `${BASE}/sources`, `${BASE}/articles/a00000/story`]);
    expect(locs.at(-1)).toBe(`${BASE}/articles/a02499/story`);
    expect((await fetchBig("/sitemaps/5.xml")).status).toBe(404);
    expect((await fetchBig("/sitemaps/0.xml")).status).toBe(404);
  });
});
