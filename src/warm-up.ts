/** Later pages asked of the app over a sample archive when the Worker loads, so V8 compiles them then. */
import { createApp } from "./app";
import { type Archive, ChunkLines } from "./archive/archive";
import type { ArchiveManifest, ChunkHeader } from "./archive/layout";
import { lineLayout } from "./archive/pack-archive";
import type { Article } from "./content/article";
import { storedArticle } from "./content/body-html";
import { encodeParts } from "./http/representation";

/**
 * Asks the app, over an archive of two sample articles, for a later page of each feed and of the
 * home page when the Worker loads. V8 compiles a function on its first call, so without this a new
 * isolate's first request compiled Hono's routing, the middleware, the chunk reader, the renderers,
 * the encoder and the response's headers inside its own 10 ms of CPU. In instructions (callgrind),
 * a later feed page's first request at 50 items went from 37.6 M to 24.5 M and /robots.txt's from
 * 9.0 M to 3.9 M; loading, whose limit is its own (1 s), costs 34.8 M more, about 7-9 ms, once
 * per isolate. The requests are HEAD: workerd refuses to make a response with a body at load, and
 * a HEAD answer has none, after the same rendering as a GET. The article page is left out: warming
 * it too made the other routes' first requests 1.7-2.3 M dearer, the collector running inside them.
 */
export function warmUp(): Promise<Response>[] {
  const ask = sampleApp();
  return WARM_UP_PATHS.map((path) => ask(path, "HEAD"));
}

/** What the warm-up asks for. */
export const WARM_UP_PATHS = ["/feed.xml?page=2", "/atom.xml?page=2", "/feed.json?page=2", "/?page=2"];

/** The app over an archive of six articles, pages of two, whose later pages show the sample twice. */
export function sampleApp(): (path: string, method: "GET" | "HEAD") => Promise<Response> {
  const line = UTF8.encode(JSON.stringify(storedArticle(SAMPLE)));
  const layout = lineLayout([line]);
  const header: ChunkHeader = { hash: "warm-up", lines: [layout, layout] };
  const bytes = encodeParts([`${JSON.stringify(header)}\n`, line, "\n", line]);
  // A chunk is read anew for each page, as a new isolate reads its first.
  const both = <T>(read: (chunk: ChunkLines, index: number) => T) => {
    const chunk = new ChunkLines(bytes, "the warm-up's sample");
    return Promise.resolve([read(chunk, 1), read(chunk, 0)]);
  };
  const none = () => Promise.reject(new Error("the warm-up's sample has no such file"));
  const archive: Archive = {
    manifest: SAMPLE_MANIFEST,
    newest: () => both((chunk, index) => chunk.feedArticle(index)),
    newestSummaries: () => both((chunk, index) => chunk.summary(index)),
    byId: none,
    redirected: none,
    index: none,
    sourceNewest: none,
    sourceNewestSummaries: none,
    sitemapBlock: none,
    icon: none,
    prerendered: none,
  };
  const app = createApp({ archive: () => archive });
  const env = { FEED_ITEM_LIMIT: "2" };
  return async (path, method) => app.fetch(new Request(`${SAMPLE_ORIGIN}${path}`, { method }), env);
}

const SAMPLE_MANIFEST: ArchiveManifest = {
  articleCount: 6,
  chunkSize: 2,
  chunkHashes: "",
  shardHashes: "",
  seedsChanged: 0,
  codeChanged: 0,
  indexHash: "",
  iconHashes: {} as ArchiveManifest["iconHashes"],
  iconSizes: {} as ArchiveManifest["iconSizes"],
  pages: {},
};

const UTF8 = new TextEncoder();
/** A reserved name (RFC 2606): the sample is never served. */
const SAMPLE_ORIGIN = "https://warm-up.wirefeed.invalid";

/** An article with everything a feed item shows: a photo, a RELATED headline, an author, sources. */
const SAMPLE: Article = {
  id: "0000000000000000",
  slug: "warm-up-sample",
  title: "Warm-up sample & <title>",
  photo: { caption: "A caption.", credit: "A credit" },
  published: "2024-08-28T09:04:00-04:00",
  updated: "2024-08-29T10:00:00-04:00",
  changedAt: 0,
  lede: "A lede with “quotes” & an ampersand.",
  body: ["One paragraph.", "Another, in Київ.", "A third."],
  related: [
    { headline: "A related headline", position: 1, article: { id: "1111111111111111", slug: "related" } },
  ],
  byline: { publisher: "A publisher", author: "An author" },
  sources: ["EFE", "AFP"],
};
