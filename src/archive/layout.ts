/**
 * How the archive is laid out as static assets, shared by the build (which writes it) and the
 * Worker (which reads it). Articles are stored oldest first in fixed-size chunks, so publishing a
 * new article rewrites one chunk; slugs are found through hashed shards of slug -> position.
 */

/** Articles per chunk file: small enough to fetch and parse in well under a millisecond. */
export const CHUNK_SIZE = 25;

/** About this many slugs per shard file. */
export const SLUGS_PER_SHARD = 512;

/** What the Worker bundles about the archive: a few numbers, whatever its size. */
export interface ArchiveManifest {
  articleCount: number;
  chunkSize: number;
  slugShardCount: number;
  /** The newest article's dateline (RFC 3339), or null for an empty archive. */
  newestPublished: string | null;
}

/** Asset path of chunk `index`, holding oldest-first positions [index * size, (index + 1) * size). */
export function chunkPath(index: number): string {
  return `/chunks/${index}.json`;
}

/** Asset path of slug shard `index`, a JSON object of slug -> oldest-first position. */
export function slugShardPath(index: number): string {
  return `/slugs/${index}.json`;
}

/**
 * The shard a slug lives in: FNV-1a over its UTF-16 code units, so build and Worker agree.
 *
 * @example slugShard("a-b", 1) // 0
 */
export function slugShard(slug: string, shardCount: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < slug.length; i++) {
    hash ^= slug.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % shardCount;
}
