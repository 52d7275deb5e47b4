/**
 * Hostile requests against the Worker in workerd: whatever arrives, the answer is 2xx, 301, 304,
 * 4xx or 405, never 5xx, and never the request's text echoed into a page. The bulk goes straight
 * to the app's fetch over a multi-chunk archive of 120 articles (a service-binding round trip per
 * request would take minutes); a sample also goes through workerd's HTTP entry point to the real
 * Worker over its real archive.
 */
import { exports } from "cloudflare:workers";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { runs } from "./fixtures/fuzz";
import { memoryArchive, syntheticArticles } from "./fixtures/synthetic-archive";

const ORIGIN = "http://127.0.0.1:8787";
const ARTICLES = syntheticArticles(120);
const { archive: multiChunkArchive } = memoryArchive(ARTICLES);
const multiChunkApp = createApp({ archive: () => multiChunkArchive });
/** One env object, as a Worker has: settings are read, and bodies cached, once per env. */
const DEFAULT_SETTINGS = {};
const REAL_ARTICLE =
  "/articles/eb764ef8279581fd/presidents-putin-and-aliyev-prepare-a-peace-treaty-between-armenia-and-azerbaijan";
const ROUTES = [
  "/",
  "/feed.xml",
  "/atom.xml",
  "/feed.json",
  REAL_ARTICLE,
  "/articles/eb764ef8279581fd",
  "/articles/",
  "/sources",
  "/sources/efe",
  "/sources/efe/feed.xml",
  "/sources/el-salto/atom.xml",
  "/sources/reuters/feed.json",
  "/feeds.opml",
  "/sitemap.xml",
  "/sitemaps/1.xml",
  "/robots.txt",
  ...ARTICLES.slice(0, 40).map((article) => `/articles/${article.id}/${article.slug}`),
  ...ARTICLES.slice(40, 50).map((article) => `/articles/${article.id}`),
];
const MARKER = "zq9";

const pathSegment = fc.oneof(
  fc.constantFrom(
    "..",
    ".",
    "%2e%2e",
    "%2E",
    "%2f",
    "%5c",
    "%00",
    "%",
    "%zz",
    "%e0%a4%a",
    "//",
    "articles",
    "feed.xml",
  ),
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.string({ unit: "grapheme", maxLength: 10 }),
  fc.constant(`<script>${MARKER}</script>`),
  fc.constant("x".repeat(16_000)),
);

const hostilePath = fc.oneof(
  fc.constantFrom(...ROUTES),
  fc.array(pathSegment, { minLength: 1, maxLength: 6 }).map((segments) => `/${segments.join("/")}`),
  fc.constantFrom(...ROUTES).chain((route) => pathSegment.map((segment) => `${route}${segment}`)),
);

const pageValue = fc.oneof(
  fc.constantFrom("0", "-1", "1", "2", "999999999", "1e9", "NaN", "Infinity", "0x10", " 1", "1 ", "", "%00"),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.string({ unit: "binary", maxLength: 20 }).map(encodeURIComponent),
);

const query = fc.oneof(
  fc.constant(""),
  pageValue.map((value) => `?page=${value}`),
  fc
    .array(pageValue, { minLength: 2, maxLength: 5 })
    .map((values) => `?${values.map((value) => `page=${value}`).join("&")}`),
  fc.constant(`?q=${"y".repeat(8_000)}`),
  fc
    .array(fc.string({ maxLength: 10 }), { maxLength: 200 })
    .map((keys) => `?${keys.map((key) => `${encodeURIComponent(key)}=1`).join("&")}`),
  fc.string({ unit: "binary", maxLength: 40 }).map((text) => `?${text}`),
);

const headerValue = fc.oneof(
  fc.constantFrom(
    "*",
    '"',
    'W/"',
    'W/""',
    '"a", W/"b", *',
    ",,,,",
    "Thu, 01 Jan 1970 00:00:00 GMT",
    "Fri, 31 Dec 9999 23:59:59 GMT",
    "Sun, 06 Nov 1994 08:49:37 GMT",
    "not a date",
    "-1",
  ),
  fc.string({ maxLength: 200 }).filter((value) => !/[\r\n\0]/.test(value)),
  fc.constant("x".repeat(8_000)),
);

const method = fc.constantFrom(
  "GET",
  "GET",
  "GET",
  "HEAD",
  "OPTIONS",
  "POST",
  "PUT",
  "DELETE",
  "PATCH",
  "TRACE",
  "PROPFIND",
  "FOO",
);

const hostileRequest = fc.record({
  path: hostilePath,
  query,
  method,
  ifNoneMatch: fc.option(headerValue),
  ifModifiedSince: fc.option(headerValue),
});

type HostileRequest = typeof hostileRequest extends fc.Arbitrary<infer T> ? T : never;

/** Builds the Request, or null where the URL or headers could never be sent at all. */
function toRequest(input: HostileRequest): Request | null {
  try {
    const headers = new Headers();
    if (input.ifNoneMatch !== null) headers.set("If-None-Match", input.ifNoneMatch);
    if (input.ifModifiedSince !== null) headers.set("If-Modified-Since", input.ifModifiedSince);
    return new Request(`${ORIGIN}${input.path}${input.query}`, {
      method: input.method,
      headers,
      redirect: "manual",
    });
  } catch {
    return null;
  }
}

/**
 * Sends at least `count` generated hostile requests and checks every answer. About one in ten
 * generated requests cannot even be built (the URL or a header is invalid), so more are generated.
 */
async function fireHostileRequests(count: number, send: (request: Request) => Promise<Response>) {
  const statuses = new Map<number, number>();
  let sent = 0;
  await fc.assert(
    fc.asyncProperty(hostileRequest, async (input) => {
      const request = toRequest(input);
      if (!request) return;
      sent++;
      const response = await send(request);
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      expect([200, 204, 301, 304, 400, 404, 405], `${input.method} ${input.path}${input.query}`).toContain(
        response.status,
      );
      const body = await response.text();
      if (response.status >= 400) {
        expect(body).not.toContain(MARKER);
        expect(body).not.toContain("<script");
      }
    }),
    { numRuns: Math.ceil(count * 1.25) },
  );
  expect(sent).toBeGreaterThanOrEqual(count);
  expect(statuses.get(200)).toBeGreaterThan(0);
  expect(statuses.get(404)).toBeGreaterThan(0);
  expect(statuses.get(405)).toBeGreaterThan(0);
  return statuses;
}

describe("hostile requests", () => {
  it("get no 5xx and no echo from the app, over a multi-chunk archive", { timeout: 300_000 }, async () => {
    const statuses = await fireHostileRequests(runs(10_000), async (request) =>
      multiChunkApp.fetch(request, DEFAULT_SETTINGS),
    );
    expect(statuses.get(301)).toBeGreaterThan(0);
  });

  it("get no 5xx and no echo through workerd's HTTP entry point", { timeout: 300_000 }, async () => {
    await fireHostileRequests(runs(300), (request) => exports.default.fetch(request));
  });
});

describe("security headers", () => {
  it("send a Content-Security-Policy that allows only the page's own inline style", async () => {
    for (const path of ["/", REAL_ARTICLE, "/nope"]) {
      const response = await exports.default.fetch(`${ORIGIN}${path}`);
      const policy = response.headers.get("Content-Security-Policy") ?? "";
      expect(policy).toMatch(
        /^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]{43}='; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'$/,
      );
      expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
      expect(response.headers.get("Referrer-Policy")).toBe("strict-origin-when-cross-origin");
      const html = await response.text();
      const style = /<style>(.*?)<\/style>/s.exec(html)?.[1] ?? "";
      const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(style));
      expect(policy).toContain(`'sha256-${btoa(String.fromCharCode(...new Uint8Array(digest)))}'`);
      expect(html).not.toMatch(/<script|<img|<iframe|<form|\son[a-z]+=/i);
    }
  });

  it("send nosniff with every feed and error", async () => {
    for (const [path, method] of [
      ["/feed.xml", "GET"],
      ["/atom.xml", "GET"],
      ["/feed.json", "GET"],
      ["/feed.xml?page=x", "GET"],
      ["/feed.xml", "POST"],
    ] as const) {
      const response = await exports.default.fetch(new Request(`${ORIGIN}${path}`, { method }));
      expect(response.headers.get("X-Content-Type-Options"), `${method} ${path}`).toBe("nosniff");
      expect(response.headers.get("Content-Security-Policy")).toBeNull();
    }
  });
});
