/** Every route of the Worker, through workerd: status, headers, caching, conditional GET, errors. */
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import app from "../src/index";
import { realArticles } from "./fixtures/real-seeds";

const ORIGIN = "http://127.0.0.1:8787";
const article = realArticles().find((candidate) => candidate.id === "eb764ef8279581fd");
if (!article) throw new Error("seeds/ lacks the reference seed 000_eb764ef8279581fd.txt");
/** The reference article's one URL, and the one it had before ids went into article paths. */
const ARTICLE_PATH =
  "/articles/eb764ef8279581fd/presidents-putin-and-aliyev-prepare-a-peace-treaty-between-armenia-and-azerbaijan";
const OLD_ARTICLE_PATH =
  "/articles/presidents-putin-and-aliyev-prepare-a-peace-treaty-between-armenia-and-azerbaijan";
const CACHE_CONTROL = "public, max-age=300, stale-while-revalidate=3600";

/** The ETag the Worker should send for a body, computed here independently: base64url(SHA-1[0..18]). */
async function expectedEtag(body: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-1", body)).subarray(0, 18);
  let binary = "";
  for (const byte of digest) binary += String.fromCharCode(byte);
  return `"${btoa(binary).replaceAll("+", "-").replaceAll("/", "_")}"`;
}

/** A request to the Worker through workerd; redirects are returned, not followed. */
function get(path: string, init?: RequestInit): Promise<Response> {
  return exports.default.fetch(new Request(ORIGIN + path, { redirect: "manual", ...init }));
}

const routes = [
  { path: "/", contentType: "text/html; charset=utf-8", feed: false },
  { path: ARTICLE_PATH, contentType: "text/html; charset=utf-8", feed: false },
  { path: "/feed.xml", contentType: "application/rss+xml; charset=utf-8", feed: true },
  { path: "/atom.xml", contentType: "application/atom+xml; charset=utf-8", feed: true },
  { path: "/feed.json", contentType: "application/feed+json; charset=utf-8", feed: true },
];

describe.each(routes)("GET $path", ({ path, contentType, feed }) => {
  it("answers 200 with its content type, validators and caching", async () => {
    const response = await get(path);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe(contentType);
    const body = await response.arrayBuffer();
    expect(body.byteLength).toBeGreaterThan(500);
    expect(response.headers.get("ETag")).toBe(await expectedEtag(body));
    // The exact dates are tested on fixed archives (modified.test.ts); the real one's come from git.
    const lastModified = response.headers.get("Last-Modified") ?? "";
    expect(lastModified).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    expect(Date.parse(lastModified)).toBeGreaterThanOrEqual(Date.UTC(2024, 7, 28, 13, 4));
    expect(response.headers.get("Cache-Control")).toBe(CACHE_CONTROL);
  });

  it("returns 304 without a body when If-None-Match matches the ETag", async () => {
    const etag = (await get(path)).headers.get("ETag") ?? "";
    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`, "*"]) {
      const response = await get(path, { headers: { "If-None-Match": ifNoneMatch } });
      expect(response.status, ifNoneMatch).toBe(304);
      expect(response.headers.get("ETag")).toBe(etag);
      expect(response.headers.get("Cache-Control")).toBe(CACHE_CONTROL);
      expect(await response.text()).toBe("");
    }
  });

  it("returns 200 when If-None-Match names another tag, even if If-Modified-Since would match", async () => {
    const response = await get(path, {
      headers: { "If-None-Match": '"stale"', "If-Modified-Since": "Fri, 01 Jan 2100 00:00:00 GMT" },
    });
    expect(response.status).toBe(200);
  });

  it("returns 304 for If-Modified-Since at or after Last-Modified, 200 before it", async () => {
    const lastModified = (await get(path)).headers.get("Last-Modified") ?? "";
    expect((await get(path, { headers: { "If-Modified-Since": lastModified } })).status).toBe(304);
    const earlier = new Date(Date.parse(lastModified) - 1000).toUTCString();
    expect((await get(path, { headers: { "If-Modified-Since": earlier } })).status).toBe(200);
    expect((await get(path, { headers: { "If-Modified-Since": "not a date" } })).status).toBe(200);
  });

  it("answers HEAD with the same headers and no body", async () => {
    const [getResponse, headResponse] = await Promise.all([get(path), get(path, { method: "HEAD" })]);
    expect(headResponse.status).toBe(200);
    for (const name of ["Content-Type", "ETag", "Last-Modified", "Cache-Control"]) {
      expect(headResponse.headers.get(name), name).toBe(getResponse.headers.get(name));
    }
    expect(await headResponse.text()).toBe("");
  });

  it.each(["POST", "PUT", "DELETE", "PATCH"])("answers %s with 405 and Allow", async (method) => {
    const response = await get(path, { method });
    expect(response.status).toBe(405);
    expect(response.headers.get("Allow")).toBe("GET, HEAD, OPTIONS");
  });

  it(feed ? "lets browser apps read it and its validators" : "is not opened to other origins", async () => {
    const response = await get(path, { headers: { Origin: "https://app.example" } });
    if (feed) {
      expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
      expect(response.headers.get("Access-Control-Expose-Headers")?.split(/,\s*/).sort()).toEqual([
        "ETag",
        "Last-Modified",
        "Link",
      ]);
    } else {
      expect(response.headers.get("Access-Control-Allow-Origin")).toBeNull();
    }
  });
});

describe("paging on the real archive", () => {
  it.each(["/feed.xml?page=2", "/atom.xml?page=2", "/feed.json?page=2", "/?page=2"])(
    "answers %s, past the last page, with 404",
    async (path) => {
      expect((await get(path)).status).toBe(404);
    },
  );

  it.each(["/feed.xml?page=0", "/feed.json?page=abc", "/?page=-1"])("answers %s with 400", async (path) => {
    expect((await get(path)).status).toBe(400);
  });
});

describe("CORS preflight on the feeds", () => {
  it("allows conditional GETs from any origin", async () => {
    const response = await get("/feed.json", {
      method: "OPTIONS",
      headers: {
        Origin: "https://app.example",
        "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "if-none-match",
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(response.headers.get("Access-Control-Allow-Headers")).toContain("If-None-Match");
  });
});

describe("pages", () => {
  it("lists the article on the index with its link, date and lede, and advertises the feeds", async () => {
    const html = await (await get("/")).text();
    expect(html).toContain(`href="${ORIGIN}${ARTICLE_PATH}"`);
    expect(html).toContain(`datetime="2024-08-28T09:04:00-04:00"`);
    expect(html).toContain(article.lede);
    const alternates = [
      ...html.matchAll(/<link rel="alternate" type="([^"]+)" title="[^"]+" href="([^"]+)">/g),
    ];
    expect(alternates.map((match) => [match[1], match[2]])).toEqual([
      ["application/rss+xml", `${ORIGIN}/feed.xml`],
      ["application/atom+xml", `${ORIGIN}/atom.xml`],
      ["application/feed+json", `${ORIGIN}/feed.json`],
    ]);
    for (const path of ["/feed.xml", "/atom.xml", "/feed.json"]) {
      expect(html).toContain(`<a href="${ORIGIN}${path}">`);
    }
  });

  it("shows every part of the article on its page, with a canonical link", async () => {
    const html = await (await get(ARTICLE_PATH)).text();
    const escaped = (text: string) =>
      text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
    expect(html).toContain(`<link rel="canonical" href="${ORIGIN}${ARTICLE_PATH}">`);
    for (const text of [
      article.title,
      article.lede,
      ...article.body,
      ...article.related.map((related) => related.headline),
      ...article.sources,
    ]) {
      expect(html).toContain(escaped(text));
    }
    if (article.photo) expect(html).toContain(escaped(article.photo.caption));
    if (article.photo?.credit) expect(html).toContain(escaped(article.photo.credit));
    expect(html).toContain(article.byline.publisher);
    if (article.byline.author) expect(html).toContain(article.byline.author);
  });

  it.each([
    "/articles/no-such-article",
    "/articles/",
    "/nope",
    "/feed.xml/",
    "/articles/a/b",
    `${ARTICLE_PATH}/`,
    `${ARTICLE_PATH}/more`,
    "/articles/%2Farticles%2Fx",
  ])("answers %s with the 404 page", async (path) => {
    const response = await get(path);
    expect(response.status).toBe(404);
    expect(response.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    expect(await response.text()).toContain("Not found");
  });

  it("answers an unknown path's POST with 405, since nothing here accepts writes", async () => {
    expect((await get("/nope", { method: "POST" })).status).toBe(405);
  });
});

describe("links", () => {
  it("follow the request's origin, so they work under wrangler dev", async () => {
    const response = await exports.default.fetch("http://localhost:9999/feed.json");
    const feed = (await response.json()) as { feed_url: string; items: { url: string }[] };
    expect(feed.feed_url).toBe("http://localhost:9999/feed.json");
    expect(feed.items[0]?.url).toBe(`http://localhost:9999${ARTICLE_PATH}`);
  });

  it("use SITE_URL when it is configured", async () => {
    const response = await app.fetch(new Request(`${ORIGIN}/feed.json`), {
      ...env,
      SITE_URL: "https://news.example.com",
    });
    const feed = (await response.json()) as { feed_url: string; items: { url: string }[] };
    expect(feed.feed_url).toBe("https://news.example.com/feed.json");
    expect(feed.items[0]?.url).toBe(`https://news.example.com${ARTICLE_PATH}`);
  });
});

describe("article URLs", () => {
  it.each([
    {
      from: OLD_ARTICLE_PATH,
      why: "the URL it had before ids went into article paths (seeds/redirects.tsv)",
    },
    { from: "/articles/eb764ef8279581fd", why: "its id alone" },
    { from: "/articles/eb764ef8279581fd/presidents-putin", why: "its id with other words" },
  ])("answer $from, $why, with 301 to the article", async ({ from }) => {
    const response = await get(from);
    expect(response.status).toBe(301);
    expect(response.headers.get("Location")).toBe(`${ORIGIN}${ARTICLE_PATH}`);
  });
});
