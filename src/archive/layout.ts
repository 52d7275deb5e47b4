/**
 * How the archive is laid out as static assets, shared by the build (which writes it) and the
 * Worker (which reads it). Articles are stored oldest first in fixed-size chunks, so publishing a
 * new article rewrites one chunk; ids and redirected paths are found through hashed lookup shards.
 * Every file is named and stamped with the hash of its content (a prerendered page, with the hash
 * of what it was rendered from), and the manifest names the hash it expects, so a file from
 * another build is never taken for this one's.
 */

/** Articles per chunk file: small enough to fetch and parse in well under a millisecond. */
export const CHUNK_SIZE = 25;

/** About this many keys per lookup shard. */
export const KEYS_PER_SHARD = 512;

/** Hex digits of each file's content hash, as the manifest lists them. */
export const HASH_LENGTH = 12;

/** What the Worker bundles about the archive: a few numbers and one short hash per file. */
export interface ArchiveManifest {
  articleCount: number;
  chunkSize: number;
  /** The chunks' content hashes, `HASH_LENGTH` hex digits each, concatenated in chunk order. */
  chunkHashes: string;
  /** The lookup shards' content hashes, likewise. */
  shardHashes: string;
  /** When any seed last changed: added, corrected or removed (ms since the epoch). */
  seedsChanged: number;
  /** When the code or wrangler.toml, which shape every page, last changed (ms since the epoch). */
  codeChanged: number;
  /** The content hash of the index file (sources, sitemap blocks). */
  indexHash: string;
  /** Each icon file's content hash, which names its folder. */
  iconHashes: Record<IconName, string>;
  /**
   * Each icon file's size in bytes: the Worker checks an icon by its size, as it does a prerendered
   * page, since its path already names its hash (the build's, as for every file) and hashing it
   * again on a new isolate cost about 6 ms.
   */
  iconSizes: Record<IconName, number>;
  /**
   * Pages the build rendered ahead of any request (see prerendered-page.ts): a request path such
   * as `/feed.xml` to its file's name. Empty when the build rendered none.
   */
  pages: Record<string, string>;
}

/** The site's icon files, rendered by the build from one SVG, with their media types. */
export const ICON_TYPES = {
  "favicon.ico": "image/x-icon",
  "icon.svg": "image/svg+xml",
  "icon-32.png": "image/png",
  "icon-64.png": "image/png",
  "icon-144.png": "image/png",
  "icon-180.png": "image/png",
  "icon-512.png": "image/png",
  "logo.png": "image/png",
} as const;
export type IconName = keyof typeof ICON_TYPES;

/** Asset path of an icon file. */
export function iconPath(name: IconName, hash: string): string {
  return `/icons/${hash}/${name}`;
}

/** Article URLs per sitemap block file: a child sitemap is one block (see MAX_SITEMAP_URLS). */
export const SITEMAP_BLOCK_SIZE = 1_000;

/** The archive's index file: what some routes need beyond the manifest, fetched once per isolate. */
export interface IndexFile {
  hash: string;
  /** Every source named in a byline, sorted by slug. */
  sources: SourceEntry[];
  /** The sitemap blocks' content hashes, concatenated. */
  sitemapHashes: string;
}

/** A source in the index: its articles are in its own chunk files, oldest first. */
export interface SourceEntry {
  slug: string;
  name: string;
  /** How many articles name it. */
  count: number;
  /** Its chunks' content hashes, concatenated. */
  chunkHashes: string;
}

/** A sitemap block: article paths with their Last-Modified (ms since the epoch), newest first. */
export interface SitemapBlockFile {
  hash: string;
  entries: [path: string, lastModified: number][];
}

/**
 * A chunk file holds the articles at oldest-first positions [index * size, ...) as JSON Lines: a
 * header line, then one line per article. The header names the file's content hash (that of the
 * lines after it) and where things stand in each line, so that the Worker finds a line, and a
 * feed its body's HTML, without searching the bytes for them. A page that shows one article (its
 * own page, a redirect) parses that line alone.
 */
export interface ChunkHeader {
  hash: string;
  /** Each article's line, in the file's order (see LineLayout). */
  lines: LineLayout[];
}

/**
 * Where things stand in an article's line, in bytes: `[length, htmlStart, htmlEnd, ...breaks]`.
 * The line's length, its line break left out; its body's HTML (see body-html.ts), the value of
 * its `html` key, at [htmlStart, htmlEnd) of the line; then where each paragraph of that HTML
 * after the first starts (`paragraphBreaks`), where a RELATED headline may go. Only `[length]`
 * for a line whose HTML is not where the build writes it: it is read whole.
 */
export type LineLayout = readonly number[];

/** The key before an article's HTML in its line: the summary's keys come before it. */
export const HTML_KEY = ',"html":"';

/**
 * Where each line of `bytes` starts (lines end at a line break), and one past where the last one
 * ends: line `k` is `bytes.subarray(starts[k], starts[k + 1] - 1)`. For the build, reading files
 * it wrote before; the Worker finds a chunk's lines by its header.
 */
export function lineStarts(bytes: Uint8Array): number[] {
  const starts = [0];
  for (let at = bytes.indexOf(0x0a); at !== -1; at = bytes.indexOf(0x0a, at + 1)) starts.push(at + 1);
  starts.push(bytes.byteLength + 1);
  return starts;
}

/** A lookup shard: its content hash, and key -> oldest-first position. */
export interface ShardFile {
  hash: string;
  /** Article ids, and redirected paths (`/articles/...`), to positions. */
  keys: Record<string, number>;
}

/** The `index`th hash of a concatenated hash list. */
export function hashAt(hashes: string, index: number): string {
  return hashes.slice(index * HASH_LENGTH, (index + 1) * HASH_LENGTH);
}

/** Asset path of chunk `index` with content hash `hash`. */
export function chunkPath(index: number, hash: string): string {
  return `/chunks/${index}.${hash}.jsonl`;
}

/** Asset path of the index file with content hash `hash`. */
export function indexPath(hash: string): string {
  return `/index.${hash}.json`;
}

/** Asset path of chunk `index` of a source's own articles. */
export function sourceChunkPath(slug: string, index: number, hash: string): string {
  return `/sources/${slug}/${index}.${hash}.jsonl`;
}

/** Asset path of sitemap block `index`. */
export function sitemapBlockPath(index: number, hash: string): string {
  return `/sitemap/${index}.${hash}.json`;
}

/** Asset path of a page the build rendered ahead, named `name` (see prerender-pages.ts). */
export function prerenderedPagePath(name: string): string {
  return `/pages/${name}.page`;
}

/** Asset path of lookup shard `index` with content hash `hash`. */
export function shardPath(index: number, hash: string): string {
  return `/lookup/${index}.${hash}.json`;
}

/**
 * The shard a key lives in: FNV-1a over its UTF-16 code units, so build and Worker agree.
 *
 * @example shardOf("eb764ef8279581fd", 1) // 0
 */
export function shardOf(key: string, shardCount: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % shardCount;
}

/** `contentHash` of bytes, read as Latin-1 text. */
export function bytesHash(bytes: Uint8Array): string {
  // One plain loop per input type: a method call per unit cost a new isolate about 1 µs a byte.
  let a = FNV_OFFSET_A;
  let b = FNV_OFFSET_B;
  for (let i = 0; i < bytes.length; i++) {
    const unit = bytes[i] as number;
    a = Math.imul(a ^ unit, FNV_PRIME);
    const mixed = Math.imul(b ^ unit, FNV_PRIME);
    b = mixed ^ (mixed >>> 15);
  }
  return hashHex(a >>> 0, b >>> 0);
}

/**
 * A content hash of `HASH_LENGTH` hex digits (two independent 32-bit FNV-1a variants), the same in
 * Node and workerd and synchronous, unlike crypto.subtle. It names a version of a file; it is not
 * a defence against anyone, since the files come from our own build.
 *
 * @example contentHash("") // "811c9dc5050c"
 */
export function contentHash(text: string): string {
  let a = FNV_OFFSET_A;
  let b = FNV_OFFSET_B;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    a = Math.imul(a ^ unit, FNV_PRIME) >>> 0;
    const mixed = Math.imul(b ^ unit, FNV_PRIME) >>> 0;
    b = (mixed ^ (mixed >>> 15)) >>> 0;
  }
  return hashHex(a, b);
}

const FNV_OFFSET_A = 0x811c9dc5;
const FNV_OFFSET_B = 0x050c5d1f;
const FNV_PRIME = 0x01000193;

function hashHex(a: number, b: number): string {
  return (a.toString(16).padStart(8, "0") + b.toString(16).padStart(8, "0")).slice(0, HASH_LENGTH);
}
