/** The archive as the Worker reads it: articles fetched from static assets a chunk at a time. */
import type { Article } from "../content/article";
import { PromiseCache } from "../promise-cache";
import { type ArchiveManifest, chunkPath, slugShard, slugShardPath } from "./layout";

/** Read access to every published article, newest first. */
export interface Archive {
  readonly count: number;
  /** The newest article's dateline, or null when there are none. */
  readonly newestPublished: string | null;
  /** Articles at newest-first positions [start, end), clamped to the archive. */
  newest(start: number, end: number): Promise<Article[]>;
  find(slug: string): Promise<Article | undefined>;
}

/** Fetches one asset by path, e.g. `/chunks/0.json`; the Worker passes its ASSETS binding. */
export type AssetFetcher = (path: string) => Promise<Response>;

/** Parsed chunks and shards kept per isolate; a bound, so memory stays flat under any traffic. */
const MAX_CACHED_FILES = 256;

/**
 * An archive over the asset files `packArchive` wrote. Startup reads nothing; each request
 * fetches and parses only the chunks it shows, and keeps them for the next one.
 */
export function assetArchive(fetchAsset: AssetFetcher, manifest: ArchiveManifest): Archive {
  const files = new PromiseCache<unknown>(MAX_CACHED_FILES);

  function load<T>(path: string): Promise<T> {
    return files.get(path, async () => {
      const response = await fetchAsset(path);
      if (!response.ok) throw new Error(`archive asset ${path} answered ${response.status}`);
      return response.json();
    }) as Promise<T>;
  }

  async function atOldestFirst(positions: number[]): Promise<Article[]> {
    const chunkIndexes = [...new Set(positions.map((position) => Math.floor(position / manifest.chunkSize)))];
    const chunks = new Map(
      await Promise.all(
        chunkIndexes.map(async (index) => [index, await load<Article[]>(chunkPath(index))] as const),
      ),
    );
    return positions.map((position) => {
      const article = chunks.get(Math.floor(position / manifest.chunkSize))?.[position % manifest.chunkSize];
      if (!article) throw new Error(`archive chunk is missing position ${position}`);
      return article;
    });
  }

  return {
    count: manifest.articleCount,
    newestPublished: manifest.newestPublished,
    newest(start, end) {
      const from = Math.max(0, start);
      const to = Math.min(manifest.articleCount, end);
      const positions = Array.from(
        { length: Math.max(0, to - from) },
        (_, i) => manifest.articleCount - 1 - (from + i),
      );
      return atOldestFirst(positions);
    },
    async find(slug) {
      const shard = await load<Record<string, number>>(
        slugShardPath(slugShard(slug, manifest.slugShardCount)),
      );
      const position = Object.hasOwn(shard, slug) ? shard[slug] : undefined;
      if (position === undefined) return undefined;
      const [article] = await atOldestFirst([position]);
      return article;
    },
  };
}
