/**
 * Pages the build renders ahead: the file format, how they are named and kept, and the app
 * serving them byte for byte as it would render them, for any origin, only under the settings
 * they were rendered in.
 */
import { describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { type Archive, assetArchive } from "../src/archive/archive";
import { bytesHash } from "../src/archive/layout";
import { prerenderPages } from "../src/archive/prerender-pages";
import {
  decodePrerenderedPage,
  encodePrerenderedPage,
  isPlainOrigin,
  PLACEHOLDER_ORIGIN,
  placesOf,
  withOrigin,
} from "../src/archive/prerendered-page";
import type { Article } from "../src/content/article";
import { sourceSlug } from "../src/content/sources";
import { memoryArchive, serveFiles, syntheticArticles } from "./fixtures/synthetic-archive";

const P = PLACEHOLDER_ORIGIN;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}
const hashBytes = (parts: readonly Uint8Array[]) => bytesHash(concat(parts));

describe("a page file", () => {
  it.each([
    {
      rendered: `<a href="${P}/x">${P}</a>`,
      originAt: [9, 13],
      origin: "http://h",
      body: `<a href="http://h/x">http://h</a>`,
    },
    {
      rendered: `é ${P}/feed.json`,
      originAt: [3],
      origin: "https://a.example",
      body: "é https://a.example/feed.json",
    },
    {
      rendered: `${P}${P}`,
      originAt: [0, 0],
      origin: "http://[::1]:8787",
      body: "http://[::1]:8787http://[::1]:8787",
    },
    {
      rendered: `https://origin.wirefeed.in ${P}`,
      originAt: [27],
      origin: "http://h",
      body: "https://origin.wirefeed.in http://h",
    },
    { rendered: "no links at all", originAt: [], origin: "http://h", body: "no links at all" },
  ])("keeps $rendered with the origin at $originAt", ({ rendered, originAt, origin, body }) => {
    const page = decodePrerenderedPage(
      concat(encodePrerenderedPage(encoder.encode(rendered), "scope1", "name1")),
    );
    expect(page).toMatchObject({ hash: "name1", scope: "scope1", originAt });
    expect(decoder.decode(withOrigin(page, origin))).toBe(body);
  });

  it.each([
    ["no header line", "just a body"],
    ["a header without a scope", `{"hash":"h","originAt":[],"bytes":4}\nbody`],
    ["offsets out of order", `{"hash":"h","scope":"s","originAt":[3,1],"bytes":4}\nbody`],
    ["an offset past the body", `{"hash":"h","scope":"s","originAt":[5],"bytes":4}\nbody`],
    ["a body cut short", `{"hash":"h","scope":"s","originAt":[1],"bytes":5}\nbody`],
    ["a header that is not JSON", "{hash\nbody"],
  ])("is refused with %s", (_, file) => {
    expect(() => decodePrerenderedPage(encoder.encode(file))).toThrow();
  });

  it.each([
    ["http://127.0.0.1:8787", true],
    ["https://news.example.com", true],
    ["http://[::1]:8787", true],
    ["https://xn--bcher-kva.example", true],
    ["https://a&b.example", false],
    ['https://a"b.example', false],
    ["https://a<b.example", false],
    ["javascript:alert(1)", false],
    ["https://news.example.com/path", false],
  ])("takes %s as a plain origin: %s", (origin, plain) => {
    expect(isPlainOrigin(origin)).toBe(plain);
  });
});

describe("placesOf", () => {
  it.each([
    ["origin", "an origin, the origin", [3, 15]],
    ["origin", "origin", [0]],
    ["origin", "xorigin", [1]],
    ["origin", "origi", []],
    ["origin", "originorigin", [0, 6]],
    ["aa", "aaaaa", [0, 2]],
    ["aba", "abababa", [0, 4]],
    ["abc", "ababcabc", [2, 5]],
    ["xx", "", []],
    ["x", "axbxx", [1, 3, 4]],
    ["é!", "ée!é!", [4]],
    [P, `${P.slice(0, -1)}${P}`, [P.length - 1]],
  ])("finds %j in %j at %j", (pattern, text, places) => {
    expect(placesOf(encoder.encode(pattern), encoder.encode(text))).toEqual(places);
  });
});

const ARTICLES = syntheticArticles(120);
const ORIGINS = ["https://news.example.com", "http://127.0.0.1:8787"];
const SITE_PAGES = ["/", "/feed.xml", "/atom.xml", "/feed.json"];

/** The pages the build renders for `articles`, none of them in place from an earlier build. */
async function prerender(
  articles: readonly Article[],
  {
    vars = {},
    codeKey = "test",
    isInPlace = (_name: string): boolean => false,
  }: { vars?: Record<string, string>; codeKey?: string; isInPlace?: (name: string) => boolean } = {},
) {
  const { archive, files } = memoryArchive(articles);
  const index = await archive.index();
  return prerenderPages(serveFiles(files), archive.manifest, index, vars, { codeKey, hashBytes, isInPlace });
}

/** The archive of `articles` with the pages the build renders under `vars`, and every path it reads. */
async function withPages(articles: readonly Article[], vars: Record<string, string> = {}) {
  const { archive, files } = memoryArchive(articles);
  const prerendered = await prerenderPages(serveFiles(files), archive.manifest, await archive.index(), vars, {
    codeKey: "test",
    hashBytes,
    isInPlace: () => false,
  });
  for (const [path, parts] of prerendered.files)
    files.set(path, parts instanceof Uint8Array ? parts : concat(parts ?? []));
  const fetched: string[] = [];
  const serve = serveFiles(files);
  const served = assetArchive(
    (path) => {
      fetched.push(path);
      return serve(path);
    },
    { ...archive.manifest, pages: prerendered.pages },
  );
  return { archive: served, fetched, pages: prerendered.pages, files };
}

/** Status, body and the headers a cache or reader goes by. */
async function seen(archive: Archive, url: string, env: Record<string, string> = {}) {
  const response = await createApp({ archive: () => archive }).fetch(new Request(url), env);
  const headers = ["Content-Type", "ETag", "Last-Modified", "Link"].map((name) => response.headers.get(name));
  return { status: response.status, headers, body: await response.text() };
}

describe("prerendered pages", () => {
  it("are made for the first page of every feed and list, and /sources", async () => {
    const { pages } = await prerender(ARTICLES);
    const slugs = (await memoryArchive(ARTICLES).archive.index()).sources.map(({ slug }) => slug);
    expect(slugs).toContain("efe");
    const feeds = (base: string) => [`${base}/feed.xml`, `${base}/atom.xml`, `${base}/feed.json`];
    expect(Object.keys(pages)).toEqual([
      ...SITE_PAGES,
      "/sources",
      ...slugs.flatMap((slug) => [`/sources/${slug}`, ...feeds(`/sources/${slug}`)]),
    ]);
  });

  it("are kept from an earlier build when what they are made of is the same", async () => {
    const before = await prerender(ARTICLES);
    const kept = await prerender(ARTICLES, { isInPlace: () => true });
    expect(kept.pages).toEqual(before.pages);
    expect(kept.rendered).toBe(0);
    expect(kept.files.every(([, content]) => content === null)).toBe(true);
  });

  it("are named again when what they are made of changes, and only then", async () => {
    const before = (await prerender(ARTICLES)).pages;
    const corrected = (article: Article) =>
      prerender(ARTICLES.map((a) => (a === article ? { ...a, lede: `${a.lede} Corrected.` } : a)));
    // An article older than page 1 leaves the site's first pages, and the sources page, as they were.
    const old = (await corrected(ARTICLES[100] as Article)).pages;
    for (const path of [...SITE_PAGES, "/sources"]) expect(old[path], path).toBe(before[path]);
    // The newest and the 46th newest are on all four; the sources page shows no ledes.
    for (const onPageOne of [ARTICLES[0], ARTICLES[45]] as Article[]) {
      const pages = (await corrected(onPageOne)).pages;
      for (const path of SITE_PAGES) expect(pages[path], path).not.toBe(before[path]);
      expect(pages["/sources"]).toBe(before["/sources"]);
    }
    // One article fewer changes the site's count and its sources' counts: their pages, not others'.
    const gone = ARTICLES.findLast((article) => article.sources.length === 1) as Article;
    const fewer = (await prerender(ARTICLES.filter((article) => article !== gone))).pages;
    const ofSource = (slug: string) =>
      Object.keys(before).filter((path) => path.startsWith(`/sources/${slug}`));
    const changed = [...SITE_PAGES, "/sources", ...ofSource(sourceSlug(gone.sources[0] as string))];
    for (const path of Object.keys(before)) {
      if (changed.includes(path)) expect(fewer[path], path).not.toBe(before[path]);
      else expect(fewer[path], path).toBe(before[path]);
    }
    // A source's newest article is on its pages, not on other sources'.
    const sourced = ARTICLES.find((article) => article.sources.length === 1) as Article;
    const correctedSource = (await corrected(sourced)).pages;
    const its = ofSource(sourceSlug(sourced.sources[0] as string));
    expect(its).toHaveLength(4);
    for (const path of Object.keys(before).filter((path) => path.startsWith("/sources/"))) {
      if (its.includes(path)) expect(correctedSource[path], path).not.toBe(before[path]);
      else expect(correctedSource[path], path).toBe(before[path]);
    }
    // Other code and other settings rename every page.
    for (const other of [{ codeKey: "other" }, { vars: { SITE_TITLE: "Other" } }]) {
      const pages = (await prerender(ARTICLES, other)).pages;
      for (const path of Object.keys(before)) expect(pages[path], path).not.toBe(before[path]);
    }
  });

  it("are served for any origin as the app renders them, without reading a chunk", async () => {
    for (const origin of ORIGINS) {
      const { archive, fetched, pages } = await withPages(ARTICLES);
      for (const path of Object.keys(pages)) {
        fetched.length = 0;
        const served = await seen(archive, origin + path);
        const read = fetched.filter((file) => !file.startsWith("/index."));
        expect(read, path).toEqual([`/pages/${pages[path]}.page`]);
        expect(served.body).toContain(`${origin}/`);
        expect(served, `${origin}${path}`).toEqual(
          await seen(memoryArchive(ARTICLES).archive, origin + path),
        );
      }
    }
  });

  it("hold SITE_URL's links when it is set, whatever the request's host", async () => {
    const vars = { SITE_URL: "https://news.example.org" };
    const { archive, fetched, pages } = await withPages(ARTICLES, vars);
    for (const path of Object.keys(pages)) {
      fetched.length = 0;
      const served = await seen(archive, `http://127.0.0.1:8787${path}`, vars);
      expect(
        fetched.some((file) => file.includes("/chunks/") || file.startsWith("/sources/")),
        path,
      ).toBe(false);
      expect(served.body).not.toContain("127.0.0.1");
      expect(served).toEqual(
        await seen(memoryArchive(ARTICLES).archive, `http://127.0.0.1:8787${path}`, vars),
      );
    }
  });

  it("are not used under other settings: the app renders the page itself", async () => {
    const env = { FEED_ITEM_LIMIT: "20" };
    for (const path of SITE_PAGES) {
      const { archive, fetched } = await withPages(ARTICLES);
      const served = await seen(archive, `https://news.example.com${path}`, env);
      expect(
        fetched.some((file) => file.startsWith("/chunks/")),
        path,
      ).toBe(true);
      expect(served).toEqual(
        await seen(memoryArchive(ARTICLES).archive, `https://news.example.com${path}`, env),
      );
    }
  });

  it("are not used past page 1", async () => {
    const { archive, fetched } = await withPages(ARTICLES);
    const served = await seen(archive, "https://news.example.com/feed.xml?page=2");
    expect(fetched.some((file) => file.startsWith("/pages/"))).toBe(false);
    expect(served).toEqual(
      await seen(memoryArchive(ARTICLES).archive, "https://news.example.com/feed.xml?page=2"),
    );
  });

  it("are left to the Worker when an article quotes the placeholder origin", async () => {
    const [first, ...rest] = ARTICLES as [Article, ...Article[]];
    const quoting = [{ ...first, lede: `${first.lede} (${P}/feed.xml)` }, ...rest];
    const { archive, pages } = await withPages(quoting);
    for (const path of SITE_PAGES) expect(pages[path], path).toBeUndefined();
    expect(pages["/sources"]).toBeDefined();
    const served = await seen(archive, "https://news.example.com/feed.xml");
    expect(served.body).toContain(`${P}/feed.xml`);
    expect(served).toEqual(await seen(memoryArchive(quoting).archive, "https://news.example.com/feed.xml"));
  });

  it("are left to the Worker when a setting quotes the placeholder origin", async () => {
    const vars = { SITE_TITLE: `News from ${P}` };
    const { archive, pages } = await withPages(ARTICLES, vars);
    expect(pages).toEqual({});
    const served = await seen(archive, "https://news.example.com/", vars);
    expect(served).toEqual(await seen(memoryArchive(ARTICLES).archive, "https://news.example.com/", vars));
  });

  it("answer 503 when the page file is not the one the manifest names", async () => {
    const { archive, files, pages } = await withPages(ARTICLES);
    const path = `/pages/${pages["/feed.xml"]}.page`;
    files.set(path, `{"hash":"000000000000","scope":"s","originAt":[],"bytes":6}\n<rss/>`);
    const served = await seen(archive, "https://news.example.com/feed.xml");
    expect(served.status).toBe(503);
  });
});
