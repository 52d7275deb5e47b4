/** The build's half of the archive layout: articles in, manifest and asset files out. Pure. */
import type { Article } from "../content/article";
import type { Redirect } from "../content/redirects";
import { groupSources } from "../content/sources";
import { articleModified } from "../http/modified";
import { PATHS } from "../site-links";
import {
  type ArchiveManifest,
  bytesHash,
  CHUNK_SIZE,
  type ChunkFile,
  chunkPath,
  contentHash,
  type IconName,
  type IndexFile,
  iconPath,
  indexPath,
  KEYS_PER_SHARD,
  type ShardFile,
  SITEMAP_BLOCK_SIZE,
  type SitemapBlockFile,
  type SourceEntry,
  shardOf,
  shardPath,
  sitemapBlockPath,
  sourceChunkPath,
} from "./layout";

export interface PackedArchive {
  manifest: ArchiveManifest;
  /** Asset path (e.g. `/chunks/0.1a2b3c4d5e6f.json`) -> file content. */
  files: Map<string, string | Uint8Array>;
}

/** One asset file: its path (e.g. `/chunks/0.1a2b3c4d5e6f.json`) and content. */
export type AssetFile = [path: string, content: string | Uint8Array];

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
  const files = new Map<string, string | Uint8Array>();
  const generator = archiveFiles(newestFirst, redirects, extras);
  for (let next = generator.next(); ; next = generator.next()) {
    if (next.done) return { manifest: next.value, files };
    files.set(...next.value);
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
  newestFirst: readonly Article[],
  redirects: readonly Redirect[],
  extras: ArchiveExtras,
): Generator<AssetFile, ArchiveManifest> {
  const oldestFirst = [...newestFirst].reverse();
  const chunkHashes = yield* chunkFiles(oldestFirst, chunkPath);

  // Each source's articles again, in chunks of its own, so that a source's feed page reads one to
  // three files as the site's does, rather than one chunk per item scattered over the archive.
  const sources: SourceEntry[] = [];
  for (const { slug, name, positions } of groupSources(oldestFirst)) {
    const articles = positions.map((position) => oldestFirst[position] as Article);
    const hashes = yield* chunkFiles(articles, (index, hash) => sourceChunkPath(slug, index, hash));
    sources.push({ slug, name, count: positions.length, chunkHashes: hashes });
  }

  let sitemapHashes = "";
  for (let start = 0; start < newestFirst.length; start += SITEMAP_BLOCK_SIZE) {
    const entries = newestFirst
      .slice(start, start + SITEMAP_BLOCK_SIZE)
      .map((article): [string, number] => [PATHS.article(article), articleModified(article, extras)]);
    const hash = contentHash(JSON.stringify(entries));
    const file: SitemapBlockFile = { hash, entries };
    yield [sitemapBlockPath(start / SITEMAP_BLOCK_SIZE, hash), JSON.stringify(file)];
    sitemapHashes += hash;
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
  for (const [index, shardKeys] of shards.entries()) {
    const hash = contentHash(JSON.stringify(shardKeys));
    const file: ShardFile = { hash, keys: shardKeys };
    yield [shardPath(index, hash), JSON.stringify(file)];
    shardHashes += hash;
  }

  const indexHash = contentHash(JSON.stringify({ sources, sitemapHashes }));
  const index: IndexFile = { hash: indexHash, sources, sitemapHashes };
  yield [indexPath(indexHash), JSON.stringify(index)];

  const iconHashes = {} as Record<IconName, string>;
  for (const [name, bytes] of Object.entries(extras.icons) as [IconName, Uint8Array][]) {
    iconHashes[name] = bytesHash(bytes);
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
  };
}

/** Chunk files of `articles` (oldest first) at `pathOf`; returns their hashes, concatenated. */
function* chunkFiles(
  articles: readonly Article[],
  pathOf: (index: number, hash: string) => string,
): Generator<AssetFile, string> {
  let hashes = "";
  for (let start = 0; start < articles.length; start += CHUNK_SIZE) {
    const chunk = articles.slice(start, start + CHUNK_SIZE);
    const hash = contentHash(JSON.stringify(chunk));
    const file: ChunkFile<Article> = { hash, articles: chunk };
    yield [pathOf(start / CHUNK_SIZE, hash), JSON.stringify(file)];
    hashes += hash;
  }
  return hashes;
}
