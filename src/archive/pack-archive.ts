/** The build's half of the archive layout: articles in, manifest and asset files out. Pure. */
import type { Article } from "../content/article";
import {
  type ArchiveManifest,
  CHUNK_SIZE,
  chunkPath,
  SLUGS_PER_SHARD,
  slugShard,
  slugShardPath,
} from "./layout";

export interface PackedArchive {
  manifest: ArchiveManifest;
  /** Asset path (e.g. `/chunks/0.json`) -> file content. */
  files: Map<string, string>;
}

/** Lays out articles (newest first, as the archive build sorts them) as chunk and slug files. */
export function packArchive(newestFirst: readonly Article[]): PackedArchive {
  const oldestFirst = [...newestFirst].reverse();
  const slugShardCount = Math.max(1, Math.ceil(oldestFirst.length / SLUGS_PER_SHARD));
  const files = new Map<string, string>();
  for (let start = 0; start < oldestFirst.length; start += CHUNK_SIZE) {
    files.set(chunkPath(start / CHUNK_SIZE), JSON.stringify(oldestFirst.slice(start, start + CHUNK_SIZE)));
  }
  const shards = Array.from({ length: slugShardCount }, () => ({}) as Record<string, number>);
  oldestFirst.forEach((article, position) => {
    const shard = shards[slugShard(article.slug, slugShardCount)];
    if (shard) shard[article.slug] = position;
  });
  shards.forEach((shard, index) => {
    files.set(slugShardPath(index), JSON.stringify(shard));
  });
  return {
    manifest: {
      articleCount: oldestFirst.length,
      chunkSize: CHUNK_SIZE,
      slugShardCount,
      newestPublished: newestFirst[0]?.published ?? null,
    },
    files,
  };
}
