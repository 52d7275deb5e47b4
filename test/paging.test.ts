/** Paging over a synthetic archive of 120 articles, 50 a page: through the real app, in workerd. */
import { parseAtomFeed, parseRssFeed } from "feedsmith";
import { describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { memoryArchive, syntheticArticles } from "./fixtures/synthetic-archive";

const ARTICLES = syntheticArticles(120);
const { archive } = memoryArchive(ARTICLES);
const app = createApp({ archive: () => archive });
const ENV = { FEED_ITEM_LIMIT: "50", SITE_URL: "https://news.example.com" };
const BASE = "https://news.example.com";

function get(path: string): Promise<Response> {
  return Promise.resolve(app.fetch(new Request(`http://127.0.0.1:8787${path}`), ENV));
}

async function atomLinks(path: string): Promise<Record<string, string>> {
  const feed = parseAtomFeed(await (await get(path)).text());
  return Object.fromEntries((feed.links ?? []).map((link) => [link.rel ?? "", link.href ?? ""]));
}

describe("paged feeds", () => {
  it("link first, previous, next and last pages per RFC 5005 in Atom", async () => {
    const alternate = `${BASE}/`;
    expect(await atomLinks("/atom.xml")).toEqual({
      self: `${BASE}/atom.xml`,
      first: `${BASE}/atom.xml`,
      next: `${BASE}/atom.xml?page=2`,
      last: `${BASE}/atom.xml?page=3`,
      alternate,
    });
    expect(await atomLinks("/atom.xml?page=2")).toEqual({
      self: `${BASE}/atom.xml?page=2`,
      first: `${BASE}/atom.xml`,
      previous: `${BASE}/atom.xml`,
      next: `${BASE}/atom.xml?page=3`,
      last: `${BASE}/atom.xml?page=3`,
      alternate,
    });
    expect(await atomLinks("/atom.xml?page=3")).toEqual({
      self: `${BASE}/atom.xml?page=3`,
      first: `${BASE}/atom.xml`,
      previous: `${BASE}/atom.xml?page=2`,
      last: `${BASE}/atom.xml?page=3`,
      alternate,
    });
  });

  it("link the pages with atom:link in RSS", async () => {
    const feed = parseRssFeed(await (await get("/feed.xml?page=2")).text());
    expect(Object.fromEntries((feed.atom?.links ?? []).map((link) => [link.rel, link.href]))).toEqual({
      self: `${BASE}/feed.xml?page=2`,
      first: `${BASE}/feed.xml`,
      previous: `${BASE}/feed.xml`,
      next: `${BASE}/feed.xml?page=3`,
      last: `${BASE}/feed.xml?page=3`,
    });
  });

  it("chain JSON Feed pages with next_url, keeping feed_url the feed's own", async () => {
    const pages = [];
    let url: string | undefined = "/feed.json";
    while (url) {
      const page = (await (await get(url)).json()) as {
        feed_url: string;
        next_url?: string;
        items: unknown[];
      };
      pages.push(page);
      url = page.next_url?.replace(BASE, "");
    }
    expect(pages.map((page) => page.items.length)).toEqual([50, 50, 20]);
    expect(pages.map((page) => page.feed_url)).toEqual([
      `${BASE}/feed.json`,
      `${BASE}/feed.json`,
      `${BASE}/feed.json`,
    ]);
  });

  it.each(["/feed.xml", "/atom.xml", "/feed.json"])(
    "%s: walking every page lists every article exactly once, newest first",
    async (feedPath) => {
      const ids: string[] = [];
      for (const page of [1, 2, 3]) {
        const body = await (await get(page === 1 ? feedPath : `${feedPath}?page=${page}`)).text();
        ids.push(
          ...[...body.matchAll(/urn:wirefeed:article:([0-9a-f]+)/g)].map((match) => match[1] as string),
        );
      }
      expect(ids).toEqual(ARTICLES.map((article) => article.id));
    },
  );

  it("give each page its own ETag, and answer 304 per page", async () => {
    const first = await get("/feed.xml");
    const second = await get("/feed.xml?page=2");
    expect(first.headers.get("ETag")).not.toBe(second.headers.get("ETag"));
    const revalidated = await app.fetch(
      new Request("http://127.0.0.1:8787/feed.xml?page=2", {
        headers: { "If-None-Match": second.headers.get("ETag") ?? "" },
      }),
      ENV,
    );
    expect(revalidated.status).toBe(304);
  });

  it("serve ?page=1 as the first page and ignore other parameters", async () => {
    const plain = await (await get("/feed.xml")).text();
    expect(await (await get("/feed.xml?page=1")).text()).toBe(plain);
    expect(await (await get("/feed.xml?utm_source=x&_=123")).text()).toBe(plain);
  });

  it.each(["/feed.xml?page=4", "/atom.xml?page=4", "/feed.json?page=999999999", "/?page=4"])(
    "answer 404 past the last page: %s",
    async (path) => {
      expect((await get(path)).status).toBe(404);
    },
  );

  it.each(["0", "-1", "1.5", "01", "two", "", "1e3", "2%00", "1234567890", "2&page=3"])(
    "answer 400 to the malformed page parameter %j",
    async (value) => {
      const response = await get(`/feed.xml?page=${value}`);
      expect(response.status).toBe(400);
      expect(await response.text()).toContain("page must be one whole number");
    },
  );
});

describe("feeds at FEED_ITEM_LIMIT 100", () => {
  // 260 articles: the feeds show 100, then 50 a page (LATER_FEED_PAGE_ITEMS); the index 100 a page.
  const many = syntheticArticles(260);
  const wide = createApp({ archive: () => memoryArchive(many).archive });
  const env = { ...ENV, FEED_ITEM_LIMIT: "100" };
  const fetchWide = async (path: string) =>
    (await wide.fetch(new Request(`http://127.0.0.1:8787${path}`), env)) as Response;
  const idsOf = (body: string) =>
    [...body.matchAll(/urn:wirefeed:article:([0-9a-f]+)/g)].map((match) => match[1] as string);

  it("list the newest 100 first, then 50 a page, every article once, newest first", async () => {
    const pages = [];
    for (const page of [1, 2, 3, 4, 5]) {
      const path = page === 1 ? "/feed.json" : `/feed.json?page=${page}`;
      pages.push(idsOf(await (await fetchWide(path)).text()));
    }
    expect(pages.map((ids) => ids.length)).toEqual([100, 50, 50, 50, 10]);
    expect(pages.flat()).toEqual(many.map((article) => article.id));
    expect((await fetchWide("/feed.json?page=6")).status).toBe(404);
  });

  it("link the last page by those sizes, and page the index by the limit alone", async () => {
    const feed = parseAtomFeed(await (await fetchWide("/atom.xml?page=2")).text());
    const links = Object.fromEntries((feed.links ?? []).map((link) => [link.rel ?? "", link.href ?? ""]));
    expect([links.next, links.last]).toEqual([`${BASE}/atom.xml?page=3`, `${BASE}/atom.xml?page=5`]);
    expect(await (await fetchWide("/?page=3")).text()).toContain("Page 3 of 3");
    expect((await fetchWide("/?page=4")).status).toBe(404);
  });
});

describe("the paged index", () => {
  it("links newer and older pages", async () => {
    const second = await (await get("/?page=2")).text();
    expect(second).toContain(`<a rel="prev" href="${BASE}/">Newer articles</a>`);
    expect(second).toContain(`<a rel="next" href="${BASE}/?page=3">Older articles</a>`);
    expect(second).toContain(`<link rel="canonical" href="${BASE}/?page=2">`);
    const last = await (await get("/?page=3")).text();
    expect(last).not.toContain("Older articles");
    expect([...last.matchAll(/<li>/g)]).toHaveLength(20);
  });
});

describe("article pages", () => {
  it("work for every article in the archive, the oldest included", async () => {
    for (const article of [ARTICLES[0], ARTICLES[60], ARTICLES.at(-1)]) {
      const response = await get(`/articles/${article?.id}/${article?.slug}`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain(`datetime="${article?.published}"`);
    }
  });

  it("link a RELATED headline to the article with that title", async () => {
    const withLink = ARTICLES.find((article) => article.related.some((related) => related.article !== null));
    const related = withLink?.related.find((item) => item.article !== null);
    const target = ARTICLES.find((article) => article.title === related?.headline);
    const html = await (await get(`/articles/${withLink?.id}/${withLink?.slug}`)).text();
    expect(html).toContain(`<a href="${BASE}/articles/${target?.id}/${target?.slug}">`);
  });
});
