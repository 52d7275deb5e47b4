/** The build's half of the archive layout: articles in, manifest and asset files out. Pure. */
import type { Article } from "../content/article";
import type { Redirect } from "../content/redirects";
import {
  type ArchiveManifest,
  CHUNK_SIZE,
  type ChunkFile,
  chunkPath,
  contentHash,
  KEYS_PER_SHARD,
  type ShardFile,
  shardOf,
  shardPath,
} from "./layout";

export interface PackedArchive {
  manifest: ArchiveManifest;
  /** Asset path (e.g. `/chunks/0.1a2b3c4d5e6f.json`) -> file content. */
  files: Map<string, string>;
}

/** When the archive's inputs last changed, for the validators (see ArchiveManifest). */
export interface ArchiveTimes {
  seedsChanged: number;
  codeChanged: number;
}

/**
 * Lays out articles (newest first, as the archive build sorts them) as chunk and lookup files.
 * A file's name and stamp is the hash of its content, so an unchanged file keeps its name
 * from build to build and only what changed is uploaded again.
 */
export function packArchive(
  newestFirst: readonly Article[],
  redirects: readonly Redirect[],
  times: ArchiveTimes,
): PackedArchive {
  const oldestFirst = [...newestFirst].reverse();
  const files = new Map<string, string>();
  let chunkHashes = "";
  for (let start = 0; start < oldestFirst.length; start += CHUNK_SIZE) {
    const articles = oldestFirst.slice(start, start + CHUNK_SIZE);
    const hash = contentHash(JSON.stringify(articles));
    const file: ChunkFile<Article> = { hash, articles };
    files.set(chunkPath(start / CHUNK_SIZE, hash), JSON.stringify(file));
    chunkHashes += hash;
  }

  const positionById = new Map(oldestFirst.map((article, position) => [article.id, position]));
  const keys: [string, number][] = [...positionById];
  for (const redirect of redirects) {
    const position = positionById.get(redirect.id);
    if (position !== undefined) keys.push([redirect.path, position]);
  }
  const shardCount = Math.max(1, Math.ceil(keys.length / KEYS_PER_SHARD));
  const shards = Array.from({ length: shardCount }, () => ({}) as Record<string, number>);
  for (const [key, position] of keys) {
    const shard = shards[shardOf(key, shardCount)];
    if (shard) shard[key] = position;
  }
  let shardHashes = "";
  shards.forEach((shardKeys, index) => {
    const hash = contentHash(JSON.stringify(shardKeys));
    const file: ShardFile = { hash, keys: shardKeys };
    files.set(shardPath(index, hash), JSON.stringify(file));
    shardHashes += hash;
  });
  return {
    manifest: {
      articleCount: oldestFirst.length,
      chunkSize: CHUNK_SIZE,
      chunkHashes,
      shardHashes,
      seedsChanged: times.seedsChanged,
      codeChanged: times.codeChanged,
    },
    files,
  };
}
