/**
 * Pages the build renders ahead: the file format, and the app serving them byte for byte as it
 * would render them, for any origin, only under the settings they were rendered in.
 */
import { describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { type Archive, assetArchive } from "../src/archive/archive";
import { bytesHash } from "../src/archive/layout";
import { PRERENDERED_PATHS, prerenderPages } from "../src/archive/prerender-pages";
import {
  decodePrerenderedPage,
  encodePrerenderedPage,
  isPlainOrigin,
  PLACEHOLDER_ORIGIN,
  withOrigin,
} from "../src/archive/prerendered-page";
import type { Article } from "../src/content/article";
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
    { rendered: "no links at all", originAt: [], origin: "http://h", body: "no links at all" },
  ])("keeps $rendered with the origin at $originAt", ({ rendered, originAt, origin, body }) => {
    const { hash, parts } = encodePrerenderedPage(rendered, "scope1", hashBytes);
    const page = decodePrerenderedPage(concat(parts));
    expect(page).toMatchObject({ hash, scope: "scope1", originAt });
    expect(decoder.decode(withOrigin(page, origin))).toBe(body);
  });

  it("is named by what it holds", () => {
    const name = (rendered: string, scope: string) => encodePrerenderedPage(rendered, scope, hashBytes).hash;
    expect(
      new Set([name(`a${P}b`, "s"), name(`a${P}c`, "s"), name(`a${P}b`, "t"), name(`ab${P}`, "s")]).size,
    ).toBe(4);
  });

  it.each([
    ["no header line", "just a body"],
    ["a header without a scope", `{"hash":"h","originAt":[]}\nbody`],
    ["offsets out of order", `{"hash":"h","scope":"s","originAt":[3,1]}\nbody`],
    ["an offset past the body", `{"hash":"h","scope":"s","originAt":[5]}\nbody`],
    ["a header that is not JSON", `{hash\nbody`],
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

const ARTICLES = syntheticArticles(120);
const ORIGINS = ["https://news.example.com", "http://127.0.0.1:8787"];

/** The archive of `articles` with the pages the build renders under `vars`, and every path it reads. */
async function withPages(articles: readonly Article[], vars: Record<string, string> = {}) {
  const { archive, files } = memoryArchive(articles);
  const prerendered = await prerenderPages(archive, vars, hashBytes);
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
  it("are made for the first page of the site's feeds and home page", async () => {
    const { pages } = await withPages(ARTICLES);
    expect(Object.keys(pages).sort()).toEqual(["/", "/atom.xml", "/feed.json", "/feed.xml"]);
    expect(PRERENDERED_PATHS).toHaveLength(4);
  });

  it("are served for any origin as the app renders them, without reading a chunk", async () => {
    for (const origin of ORIGINS) {
      const { archive, fetched, pages } = await withPages(ARTICLES);
      for (const path of PRERENDERED_PATHS) {
        fetched.length = 0;
        const served = await seen(archive, origin + path);
        expect(fetched, path).toEqual([`/pages/${pages[path]}.page`]);
        expect(served.body).toContain(`${origin}/articles/`);
        expect(served, `${origin}${path}`).toEqual(
          await seen(memoryArchive(ARTICLES).archive, origin + path),
        );
      }
    }
  });

  it("hold SITE_URL's links when it is set, whatever the request's host", async () => {
    const vars = { SITE_URL: "https://news.example.org" };
    const { archive, fetched } = await withPages(ARTICLES, vars);
    for (const path of PRERENDERED_PATHS) {
      fetched.length = 0;
      const served = await seen(archive, `http://127.0.0.1:8787${path}`, vars);
      expect(
        fetched.some((file) => file.startsWith("/chunks/")),
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
    for (const path of PRERENDERED_PATHS) {
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
    expect(pages).toEqual({});
    const served = await seen(archive, "https://news.example.com/feed.xml");
    expect(served.body).toContain(`${P}/feed.xml`);
    expect(served).toEqual(await seen(memoryArchive(quoting).archive, "https://news.example.com/feed.xml"));
  });

  it("answer 503 when the page file is not the one the manifest names", async () => {
    const { archive, files, pages } = await withPages(ARTICLES);
    const path = `/pages/${pages["/feed.xml"]}.page`;
    files.set(path, `{"hash":"000000000000","scope":"s","originAt":[]}\n<rss/>`);
    const served = await seen(archive, "https://news.example.com/feed.xml");
    expect(served.status).toBe(503);
  });
});
