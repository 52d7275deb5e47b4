/** The build's half of the archive layout: articles in, manifest and asset files out. Pure. */
import type { Article } from "../content/article";
import { paragraphBreaks, storedArticle } from "../content/body-html";
import type { Redirect } from "../content/redirects";
import { groupSources } from "../content/sources";
import { articleModified } from "../http/modified";
import { PATHS } from "../site-links";
import {
  type ArchiveManifest,
  bytesHash,
  CHUNK_SIZE,
  type ChunkHeader,
  chunkPath,
  HASH_LENGTH,
  HTML_KEY,
  hashAt,
  type IconName,
  type IndexFile,
  iconPath,
  indexPath,
  KEYS_PER_SHARD,
  type LineLayout,
  SITEMAP_BLOCK_SIZE,
  type SourceEntry,
  shardOf,
  shardPath,
  sitemapBlockPath,
  sourceChunkPath,
} from "./layout";

export interface PackedArchive {
  manifest: ArchiveManifest;
  /** Asset path (e.g. `/chunks/0.1a2b3c4d5e6f.json`) -> file content. */
  files: Map<string, Uint8Array>;
}

/**
 * One asset file: its path (e.g. `/chunks/0.1a2b3c4d5e6f.json`) and content, as bytes or as the
 * parts that make it up in order (written as they are, never joined), or null for a file an
 * earlier build wrote with exactly this content (see ChunkReuse), already in place.
 */
export type AssetFile = [path: string, content: Uint8Array | readonly Uint8Array[] | null];

/** What the lookup, sitemap and source lists need of every article: of its related links, how many. */
export type ArticleEntry = Pick<Article, "id" | "slug" | "sources" | "changedAt"> & {
  related: ArrayLike<unknown>;
};

/** The articles to lay out: a short entry for each, and the whole article only when a chunk needs it. */
export interface ArchiveContent {
  /** Every article, newest first, as the archive build sorts them. */
  newestFirst: readonly ArticleEntry[];
  /**
   * The JSON of the whole article at a position of `newestFirst`, exactly as JSON.stringify
   * writes it, as UTF-8 in one or more parts. Asked at most once per article and only for
   * chunks that are written: the packer keeps it for the source chunks that hold it too.
   */
  articleJson(position: number): readonly Uint8Array[];
}

/** How an incremental build skips rewriting chunks that it wrote before. */
export interface ChunkReuse {
  /**
   * The content hash of the chunk of exactly these articles (positions of `newestFirst`) if an
   * earlier build wrote it at `pathOf(hash)` and it is still there; undefined to write it anew.
   */
  find(positions: readonly number[], pathOf: (hash: string) => string): string | undefined;
  /** Told of every chunk written anew: its articles, hash and size in bytes. */
  wrote(positions: readonly number[], hash: string, size: number): void;
}

export interface PackOptions {
  /** Names a file by its bytes (in parts); bytesHash by default. Any stable hash of `HASH_LENGTH` hex digits. */
  hashBytes?: (parts: readonly Uint8Array[]) => string;
  reuse?: ChunkReuse;
  /**
   * The lookup shards' hashes (ArchiveManifest.shardHashes) of an earlier build whose articles had
   * the same ids in the same order, with the same redirects, and whose shard files are in place
   * (the caller checked): kept as they are rather than made again.
   */
  keptShards?: string;
}

/** What the archive holds besides the articles: when its inputs changed, and the icon files. */
export interface ArchiveExtras {
  seedsChanged: number;
  codeChanged: number;
  icons: Record<IconName, Uint8Array>;
}

/** When the archive's inputs last changed, for the validators (see ArchiveManifest). */
export type ArchiveTimes = Pick<ArchiveExtras, "seedsChanged" | "codeChanged">;

/** `archiveFiles` with every file held in memory: for tests and small archives. */
export function packArchive(
  newestFirst: readonly Article[],
  redirects: readonly Redirect[],
  extras: ArchiveExtras,
): PackedArchive {
  const files = new Map<string, Uint8Array>();
  const content = {
    newestFirst,
    articleJson: (position: number) => [encodeJson(storedArticle(newestFirst[position] as Article))],
  };
  const generator = archiveFiles(content, redirects, extras);
  for (let next = generator.next(); ; next = generator.next()) {
    if (next.done) return { manifest: next.value, files };
    const [path, file] = next.value;
    if (file !== null) files.set(path, file instanceof Uint8Array ? file : concatBytes(file));
  }
}

/**
 * Lays out articles (newest first, as the archive build sorts them) as chunk, lookup, source,
 * sitemap and index files, one file at a time, so that the build can write each and let it go
 * (the files of 100,000 articles are well over 1 GiB), and returns the manifest. A file's name
 * and stamp is the hash of its content, so an unchanged file keeps its name from build to build
 * and only what changed is uploaded again.
 */
export function* archiveFiles(
  content: ArchiveContent,
  redirects: readonly Redirect[],
  extras: ArchiveExtras,
  { hashBytes = (parts) => bytesHash(concatBytes(parts)), reuse, keptShards }: PackOptions = {},
): Generator<AssetFile, ArchiveManifest> {
  const { newestFirst } = content;
  const oldestFirst = [...newestFirst].reverse();
  const last = newestFirst.length - 1;
  const groups = groupSources(oldestFirst);
  const json = new ArticleJson(content, newestFirst.length, groups);
  const chunks = (positions: readonly number[], pathOf: (index: number, hash: string) => string) =>
    chunkFiles(
      positions.map((position) => last - position),
      pathOf,
      { json, hashBytes, reuse },
    );
  const chunkHashes = yield* chunks(
    oldestFirst.map((_, position) => position),
    chunkPath,
  );

  // Each source's articles again, in chunks of its own, so that a source's feed page reads one to
  // three files as the site's does, rather than one chunk per item scattered over the archive.
  const sources: SourceEntry[] = [];
  for (const { slug, name, positions } of groups) {
    const hashes = yield* chunks(positions, (index, hash) => sourceChunkPath(slug, index, hash));
    sources.push({ slug, name, count: positions.length, chunkHashes: hashes });
  }

  let sitemapHashes = "";
  for (let start = 0; start < newestFirst.length; start += SITEMAP_BLOCK_SIZE) {
    const entries = newestFirst
      .slice(start, start + SITEMAP_BLOCK_SIZE)
      .map((article): [string, number] => [PATHS.article(article), articleModified(article, extras)]);
    const { hash, file } = stampedFile("entries", [encodeJson(entries)], hashBytes);
    yield [sitemapBlockPath(start / SITEMAP_BLOCK_SIZE, hash), file];
    sitemapHashes += hash;
  }

  let shardHashes = keptShards;
  if (shardHashes === undefined) shardHashes = yield* shardFiles(oldestFirst, redirects, hashBytes);
  else {
    for (let index = 0; index * HASH_LENGTH < shardHashes.length; index++) {
      yield [shardPath(index, hashAt(shardHashes, index)), null];
    }
  }

  const indexHash = hashBytes([encodeJson({ sources, sitemapHashes })]);
  const index: IndexFile = { hash: indexHash, sources, sitemapHashes };
  yield [indexPath(indexHash), encodeJson(index)];

  const iconHashes = {} as Record<IconName, string>;
  const iconSizes = {} as Record<IconName, number>;
  for (const [name, bytes] of Object.entries(extras.icons) as [IconName, Uint8Array][]) {
    iconHashes[name] = hashBytes([bytes]);
    iconSizes[name] = bytes.byteLength;
    yield [iconPath(name, iconHashes[name]), bytes];
  }

  return {
    articleCount: oldestFirst.length,
    chunkSize: CHUNK_SIZE,
    chunkHashes,
    shardHashes,
    seedsChanged: extras.seedsChanged,
    codeChanged: extras.codeChanged,
    indexHash,
    iconHashes,
    iconSizes,
    pages: {},
  };
}

/** The lookup shards: each article's id, and each redirected path, to its oldest-first position. */
function* shardFiles(
  oldestFirst: readonly ArticleEntry[],
  redirects: readonly Redirect[],
  hashBytes: (parts: readonly Uint8Array[]) => string,
): Generator<AssetFile, string> {
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
  for (const [index, shardKeys] of shards.entries()) {
    const { hash, file } = stampedFile("keys", [encodeJson(shardKeys)], hashBytes);
    yield [shardPath(index, hash), file];
    shardHashes += hash;
  }
  return shardHashes;
}

/**
 * Chunk files of the articles at `positions` (of `newestFirst`, oldest article first) at `pathOf`;
 * returns their hashes, concatenated. A chunk is JSON Lines (see ChunkHeader): its header, then
 * each article's JSON on a line of its own; its hash is that of the lines after the header.
 */
function* chunkFiles(
  positions: readonly number[],
  pathOf: (index: number, hash: string) => string,
  {
    json,
    hashBytes,
    reuse,
  }: { json: ArticleJson } & Required<Pick<PackOptions, "hashBytes">> & Pick<PackOptions, "reuse">,
): Generator<AssetFile, string> {
  let hashes = "";
  for (let start = 0; start < positions.length; start += CHUNK_SIZE) {
    const members = positions.slice(start, start + CHUNK_SIZE);
    const index = start / CHUNK_SIZE;
    const kept = reuse?.find(members, (hash) => pathOf(index, hash));
    if (kept !== undefined) {
      json.skip(members);
      yield [pathOf(index, kept), null];
      hashes += kept;
      continue;
    }
    const lines = members.map((position) => json.take(position));
    const parts = lines.flatMap((line) => [NEWLINE, ...line.parts]);
    const hash = hashBytes(parts);
    const header: ChunkHeader = { hash, lines: lines.map((line) => line.layout) };
    const file = [encoder.encode(JSON.stringify(header)), ...parts];
    reuse?.wrote(members, hash, byteLength(file));
    yield [pathOf(index, hash), file];
    hashes += hash;
  }
  return hashes;
}

/**
 * Each article's JSON as UTF-8, with its line's layout, made once and kept until the last chunk
 * that holds it (its own and one per source it names) is written: encoding, not layout, is what a
 * large build spends its time on. JSON.stringify writes no line breaks, so each article's JSON is
 * one line of a chunk.
 */
class ArticleJson {
  private readonly lines = new Map<number, ArticleLine>();
  /** How many chunks still to come hold each article (by position of `newestFirst`). */
  private readonly usesLeft: Uint8Array;

  constructor(
    private readonly content: ArchiveContent,
    count: number,
    groups: readonly { positions: readonly number[] }[],
  ) {
    this.usesLeft = new Uint8Array(count).fill(1);
    for (const { positions } of groups) {
      for (const oldestFirst of positions) {
        const position = count - 1 - oldestFirst;
        this.usesLeft[position] = (this.usesLeft[position] ?? 0) + 1;
      }
    }
  }

  take(position: number): ArticleLine {
    let line = this.lines.get(position);
    if (!line) {
      const parts = this.content.articleJson(position);
      line = { parts, layout: lineLayout(parts) };
      this.lines.set(position, line);
    }
    this.skip([position]);
    return line;
  }

  /** Counts a chunk holding these articles as done without their JSON (an earlier build wrote it). */
  skip(positions: readonly number[]): void {
    for (const position of positions) {
      const left = (this.usesLeft[position] ?? 1) - 1;
      this.usesLeft[position] = left;
      if (left === 0) this.lines.delete(position);
    }
  }
}

/** An article's line of a chunk: its JSON in parts, and where things stand in it. */
interface ArticleLine {
  parts: readonly Uint8Array[];
  layout: LineLayout;
}

/**
 * Where things stand in an article's line (see LineLayout), from its JSON in parts. Its HTML is
 * the value after the first `,"html":"`, which only a key can be, since a string's quotes are
 * escaped, and it runs to the next quote, since the build's HTML holds none (see body-html.ts).
 *
 * @example lineLayout([bytes('{"id":"a","html":"<p>x</p><p>y</p>","related":[]}')]) // [49, 18, 34, 8]
 */
export function lineLayout(parts: readonly Uint8Array[]): LineLayout {
  let length = 0;
  let html: number[] = [];
  for (const part of parts) {
    const key = html.length === 0 ? htmlKeyAt(part) : -1;
    const start = key + HTML_KEY_BYTES.byteLength;
    const end = key === -1 ? -1 : part.indexOf(QUOTE, start);
    if (end !== -1) html = [length + start, length + end, ...paragraphBreaks(part.subarray(start, end))];
    length += part.byteLength;
  }
  return [length, ...html];
}

/** Where the first `,"html":"` stands in `bytes`, or -1: commas are few before it, as it follows the summary. */
function htmlKeyAt(bytes: Uint8Array): number {
  for (let at = bytes.indexOf(COMMA); at !== -1; at = bytes.indexOf(COMMA, at + 1)) {
    if (HTML_KEY_BYTES.every((byte, i) => bytes[at + i] === byte)) return at;
  }
  return -1;
}

const encoder = new TextEncoder();
const NEWLINE = encoder.encode("\n");
const HTML_KEY_BYTES = encoder.encode(HTML_KEY);
const COMMA = 0x2c;
const QUOTE = 0x22;
const CLOSE_OBJECT = encoder.encode("}");

function encodeJson(value: unknown): Uint8Array {
  return encoder.encode(JSON.stringify(value));
}

/** `{"hash":"<hash of json>","<field>":<json>}` in parts, as JSON.stringify would write it. */
function stampedFile(
  field: string,
  json: readonly Uint8Array[],
  hashBytes: (parts: readonly Uint8Array[]) => string,
) {
  const hash = hashBytes(json);
  const file = [encoder.encode(`{"hash":"${hash}","${field}":`), ...json, CLOSE_OBJECT];
  return { hash, file };
}

function byteLength(parts: readonly Uint8Array[]): number {
  let length = 0;
  for (const part of parts) length += part.byteLength;
  return length;
}

function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const joined = new Uint8Array(byteLength(parts));
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.byteLength;
  }
  return joined;
}
