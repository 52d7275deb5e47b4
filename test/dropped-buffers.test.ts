/** Buffers the caches let go of (chunks, bodies): freed after the requests that might read them, never before. */
import { describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { droppedBuffers } from "../src/deferred-detach";
import { memoryArchive, serveFiles, syntheticArticles, TEST_ICONS } from "./fixtures/synthetic-archive";

const ARTICLES = syntheticArticles(200);
const ENV = { FEED_ITEM_LIMIT: "50", SITE_URL: "https://news.example.com" };
const ARTICLE = ARTICLES[130];
/** Pages that read chunks: feeds' and lists' later pages, a source's, and an article page. */
const PAGES = [
  "/feed.xml?page=2",
  "/atom.xml?page=2",
  "/feed.json?page=3",
  "/feed.xml?page=4",
  "/?page=3",
  "/sources/el-salto/feed.json", // the first source of the newest article
  `/articles/${ARTICLE?.id}/${ARTICLE?.slug}`,
];

const ask = (app: ReturnType<typeof createApp>, path: string) =>
  Promise.resolve(app.fetch(new Request(`https://news.example.com${path}`), ENV));

/** Each page as an app whose file cache keeps every chunk serves it. */
async function servedWhole(): Promise<string[]> {
  const { archive } = memoryArchive(ARTICLES);
  const app = createApp({ archive: () => archive });
  const bodies: string[] = [];
  for (const path of PAGES) {
    const response = await ask(app, path);
    expect(response.status, path).toBe(200);
    bodies.push(await response.text());
  }
  return bodies;
}

/**
 * An app whose file cache keeps nothing, so that each chunk is let go of as soon as it is read,
 * and the buffers it read chunks into (held here, so that none is collected before the test looks).
 */
function evictingApp(hold: (path: string) => Promise<void> = async () => {}) {
  const read: { buffer: ArrayBuffer; bytes: number }[] = [];
  const { archive } = memoryArchive(ARTICLES, {
    fileCacheBytes: 1,
    fetcher: (files) => async (path) => {
      await hold(path);
      const response = await serveFiles(files)(path);
      if (!path.endsWith(".jsonl")) return response;
      const buffer = await response.arrayBuffer();
      read.push({ buffer, bytes: buffer.byteLength });
      return Object.assign(new Response(), { arrayBuffer: async () => buffer });
    },
  });
  return { app: createApp({ archive: () => archive }), read };
}

const detached = (read: { buffer: ArrayBuffer }[]) => read.filter(({ buffer }) => buffer.detached).length;
const total = (read: { bytes: number }[]) => read.reduce((sum, { bytes }) => sum + bytes, 0);

describe("evicted chunks", () => {
  it("serve every page whole when the pages are read together and each chunk is evicted at once", async () => {
    const whole = await servedWhole();
    const { app, read } = evictingApp();
    const before = droppedBuffers.detachedBytes;
    const bodies = await Promise.all(PAGES.map(async (path) => (await ask(app, path)).text()));
    expect(bodies).toEqual(whole);
    // Every chunk read was let go of, and freed once the last request had ended.
    expect(read.length).toBeGreaterThanOrEqual(2 * PAGES.length - 1);
    expect(detached(read)).toBe(read.length);
    expect(droppedBuffers.detachedBytes - before).toBeGreaterThanOrEqual(total(read));
  });

  it("are freed when every request running as they were let go of has ended, not before", async () => {
    const whole = await servedWhole();
    // /feed.xml?page=2 reads chunks 5 and 4 (articles 100-149 of 200, oldest first); chunk 4 is
    // held back, so the page waits for it with chunk 5 read and already let go of.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const { app, read } = evictingApp((path) => (path.startsWith("/chunks/4.") ? held : Promise.resolve()));
    const waiting = ask(app, "/feed.xml?page=2");
    const other = await ask(app, "/feed.json?page=3"); // chunks 3 and 2: starts and ends meanwhile
    expect(await other.text()).toBe(whole[PAGES.indexOf("/feed.json?page=3")]);
    expect([read.length, detached(read)]).toEqual([3, 0]);
    release();
    expect(await (await waiting).text()).toBe(whole[PAGES.indexOf("/feed.xml?page=2")]);
    expect([read.length, detached(read)]).toEqual([4, 4]);
  });
});

describe("rendered bodies", () => {
  it("are freed once the request ends when not kept, and kept whole from the second request", async () => {
    const { archive } = memoryArchive(ARTICLES); // its file cache keeps every chunk: none is let go of
    const app = createApp({ archive: () => archive });
    const freed: number[] = [];
    const bodies: string[] = [];
    for (let request = 1; request <= 3; request++) {
      const before = droppedBuffers.detachedBytes;
      const response = await ask(app, "/feed.xml?page=2");
      bodies.push(await response.text());
      freed.push(droppedBuffers.detachedBytes - before);
    }
    const size = new TextEncoder().encode(bodies[0]).byteLength;
    expect(size).toBeGreaterThan(100_000);
    // The first body is not kept: freed. The second is kept, the third served from it.
    expect(freed).toEqual([size, 0, 0]);
    expect(bodies[1]).toBe(bodies[0]);
    expect(bodies[2]).toBe(bodies[0]);
  });

  it("leave an icon's bytes whole in the file cache when its body is freed", async () => {
    const { archive } = memoryArchive(ARTICLES);
    const app = createApp({ archive: () => archive });
    for (let request = 1; request <= 3; request++) {
      const response = await ask(app, "/icon-512.png");
      expect(new Uint8Array(await response.arrayBuffer()), `request ${request}`).toEqual(
        TEST_ICONS["icon-512.png"],
      );
    }
  });
});
