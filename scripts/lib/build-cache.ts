/**
 * The incremental build's memory of the last build: each seed's file stamp, content hash and
 * summary, and each chunk file's hash by the articles in it. Checked whole (format, key, checksum)
 * before any of it is used; one line of doubt and the build starts from nothing. Builds after it
 * add their changes to a journal beside it (cache-journal.ts) until it is written whole again.
 */
import { createHash } from "node:crypto";
import {
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import type { ArticleCore } from "../../src/content/build-archive";
import {
  appendJournal,
  applyChange,
  type CacheChange,
  changeBetween,
  journalText,
  readJournal,
} from "./cache-journal";
import type { CodeCommit, CommitLog } from "./content-history";

/** Bumped whenever the file's shape changes. */
const FORMAT = 2;

/** What the archive needs of a seed whose chunk files are not rewritten: no lede, no body. */
export type SeedSummary = ArticleCore & { sources: string[] };

export interface CachedSeed {
  /** `size:mtimeMs:ctimeMs:inode` of the seed file when it was read. */
  stamp: string;
  /** SHA-1 of its bytes. */
  sha: string;
  summary: SeedSummary;
}

export interface CachedChunk {
  hash: string;
  /** The file's size in bytes, checked against the file before it is kept. */
  size: number;
}

/** The site icon's files as the last build rendered them, by the SVG's SHA-1. */
export interface CachedIcons {
  sha: string;
  /** Icon name -> its bytes in base64. */
  files: Record<string, string>;
}

export interface BuildCache {
  /** When the last build began reading the seeds (ms): a file stamped later is read again. */
  scannedAt: number;
  seeds: Map<string, CachedSeed>;
  /** Chunk key (the hash of its articles' fingerprints) -> the file written for it. */
  chunks: Map<string, CachedChunk>;
  icons?: CachedIcons;
  /** The seeds folder's commits as far as the last build read them (see content-history.ts). */
  commits?: CommitLog;
  /** The code paths' last commit as of the HEAD the last build saw (see content-history.ts). */
  codeCommit?: CodeCommit;
}

export const emptyCache = (): BuildCache => ({ scannedAt: 0, seeds: new Map(), chunks: new Map() });

export type LoadedCache =
  | { ok: true; cache: BuildCache; disk?: OnDisk }
  | { ok: false; cache: BuildCache; reason: string };

/** The cache as `loadCache` found it on disk: the file's body's SHA-1 and size, its journal's size. */
export interface OnDisk {
  base: string;
  baseBytes: number;
  journalBytes: number;
}

/** The journal beside a cache file (see cache-journal.ts). */
export const journalFile = (file: string) => `${file}.log`;

/** SHA-1 of text or bytes, in hex: the build's fingerprint, not a defence against anyone. */
export function sha1(data: string | Uint8Array): string {
  return createHash("sha1").update(data).digest("hex");
}

/**
 * The key a cache is valid for: the build's own code (parser, layout, build scripts), the
 * dependencies, wrangler.toml and where the seeds are. Any change to one and the cache is stale.
 */
export function cacheKey(projectDir: string, inputs: readonly string[]): string {
  const hash = createHash("sha256").update(`wirefeed build cache ${FORMAT}\0`);
  for (const input of inputs) hash.update(`${input}\0`);
  for (const file of codeFiles(projectDir)) {
    hash
      .update(`${path.relative(projectDir, file)}\0`)
      .update(readFileSync(file))
      .update("\0");
  }
  return hash.digest("hex");
}

/** The files whose code decides what the build writes, in a fixed order. */
function codeFiles(projectDir: string): string[] {
  const under = (folder: string) =>
    readdirSync(path.join(projectDir, folder), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && !/[\\/]generated([\\/]|$)/.test(entry.parentPath))
      .map((entry) => path.join(entry.parentPath, entry.name));
  const files = [...under("src"), ...under("scripts/lib"), "scripts/build-content.ts", "package-lock.json"];
  return files.map((file) => path.resolve(projectDir, file)).sort();
}

/** Reads the cache for `key`; a missing, corrupt, stale or foreign file is an empty cache and why. */
export function loadCache(file: string, key: string): LoadedCache {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return { ok: false, cache: emptyCache(), reason: "no cache yet" };
  }
  const split = bytes.lastIndexOf("\n");
  const body = bytes.subarray(0, Math.max(split, 0));
  const base = sha1(body);
  if (split < 0 || bytes.subarray(split + 1).toString() !== base) {
    return { ok: false, cache: emptyCache(), reason: "cache file damaged (checksum)" };
  }
  try {
    const stored = JSON.parse(body.toString());
    if (stored.format !== FORMAT)
      return { ok: false, cache: emptyCache(), reason: "cache from another version" };
    if (stored.key !== key) {
      return { ok: false, cache: emptyCache(), reason: "code, config or seeds folder changed" };
    }
    if (!Number.isFinite(stored.scannedAt) || !Array.isArray(stored.seeds) || !Array.isArray(stored.chunks)) {
      throw new Error("shape");
    }
    const cache: BuildCache = {
      scannedAt: stored.scannedAt,
      seeds: new Map(stored.seeds),
      chunks: new Map(stored.chunks),
      icons: stored.icons,
      commits: commitLogFrom(stored.commits),
      codeCommit: codeCommitFrom(stored.codeCommit),
    };
    const journal = readJournal(journalFile(file), base);
    for (const change of journal.changes) applyChange(cache, change);
    return { ok: true, cache, disk: { base, baseBytes: bytes.length, journalBytes: journal.bytes } };
  } catch {
    return { ok: false, cache: emptyCache(), reason: "cache file damaged (content)" };
  }
}

/** The stored commit log, if there is one of the right shape (else the build walks the history). */
export function commitLogFrom(stored: unknown): CommitLog | undefined {
  const log = stored as { head?: unknown; newest?: unknown; files?: unknown } | undefined;
  if (typeof log?.head !== "string" || !Number.isFinite(log.newest) || !Array.isArray(log.files))
    return undefined;
  return { head: log.head, newest: log.newest as number, files: new Map(log.files) };
}

/** The stored code commit, if it has the right shape (else the build asks git again). */
function codeCommitFrom(stored: unknown): CodeCommit | undefined {
  const commit = stored as { head?: unknown; time?: unknown } | undefined;
  if (typeof commit?.head !== "string" || !Number.isFinite(commit.time)) return undefined;
  return { head: commit.head, time: commit.time as number };
}

/**
 * Saves the cache. When `since` is the cache as loaded from `file` for the same key, and the
 * build changed little (its journal stays within a quarter of the file), only the change is
 * added to the file's journal; else the whole cache is written, and the journal started over.
 */
export function saveCache(file: string, key: string, cache: BuildCache, since?: LoadedCache): void {
  if (since?.ok && since.disk) {
    const { base, baseBytes, journalBytes } = since.disk;
    const text = journalText(base, changeBetween(since.cache, cache), journalBytes === 0);
    if (journalBytes + Buffer.byteLength(text) <= baseBytes / 4) {
      appendJournal(journalFile(file), text, journalBytes === 0);
      return;
    }
  }
  writeWhole(file, key, cache);
  rmSync(journalFile(file), { force: true });
}

/**
 * Adds a change to the journal of the cache file as it is on disk, without loading the cache (a
 * quick build's: see quick-build.ts). The file's last line names its body, as `loadCache` checks
 * it. Does nothing when there is no cache file, or its journal is damaged or full: the cache then
 * lacks the change, and the next full build reads those seeds again.
 */
export function journalChange(file: string, change: CacheChange): void {
  let base: string;
  let baseBytes: number;
  try {
    const descriptor = openSync(file, "r");
    try {
      baseBytes = fstatSync(descriptor).size;
      const tail = Buffer.alloc(Math.min(baseBytes, 41));
      readSync(descriptor, tail, 0, tail.length, baseBytes - tail.length);
      if (tail[0] !== 0x0a) return;
      base = tail.subarray(1).toString();
    } finally {
      closeSync(descriptor);
    }
  } catch {
    return;
  }
  const journal = readJournal(journalFile(file), base).bytes;
  const text = journalText(base, change, journal === 0);
  if (journal + Buffer.byteLength(text) <= baseBytes / 4)
    appendJournal(journalFile(file), text, journal === 0);
}

/**
 * Writes the cache through a temporary file and a rename, checksum last, so a torn write is caught.
 * The seeds are written a batch at a time through one buffer, never as one string and one buffer
 * of the whole (53 MB each at 100,000 seeds, the fresh memory alone costing 0.4 s here).
 */
function writeWhole(file: string, key: string, cache: BuildCache): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  const descriptor = openSync(temporary, "w");
  try {
    const body = new ChecksummedOutput(descriptor);
    body.write(`{"format":${FORMAT},"key":${JSON.stringify(key)},"scannedAt":${cache.scannedAt},"seeds":[`);
    let batch: [string, CachedSeed][] = [];
    let separator = "";
    const flush = () => {
      // The batch's array without its brackets: its entries, comma-separated.
      body.write(`${separator}${JSON.stringify(batch).slice(1, -1)}`);
      separator = ",";
      batch = [];
    };
    for (const entry of cache.seeds) {
      batch.push(entry);
      if (batch.length === SEEDS_A_BATCH) flush();
    }
    if (batch.length > 0) flush();
    // The rest as one object's members (`undefined` ones left out, as JSON.stringify leaves them).
    const rest = JSON.stringify({
      chunks: [...cache.chunks],
      icons: cache.icons,
      commits: cache.commits && { ...cache.commits, files: [...cache.commits.files] },
      codeCommit: cache.codeCommit,
    });
    body.write(`],${rest.slice(1)}`);
    writeFileSync(descriptor, `\n${body.checksum()}`);
  } finally {
    closeSync(descriptor);
  }
  renameSync(temporary, file);
}

/**
 * Seeds stringified at once when the cache is written whole: about 4 MB of text. At 100,000 seeds,
 * written whole in 1.3-1.8 s against 1.9-2.1 s as one string (one or two builds of each, 1,000 or
 * 8,000 a batch); at 10,000 no different.
 */
export const SEEDS_A_BATCH = 8000;

/** Text written to a file as UTF-8 through one reused buffer, and the SHA-1 of all of it. */
class ChecksummedOutput {
  private readonly hash = createHash("sha1");
  private buffer = Buffer.allocUnsafeSlow(1024 * 1024);

  constructor(private readonly descriptor: number) {}

  write(text: string): void {
    // UTF-8 takes at most 3 bytes for each UTF-16 code unit.
    if (text.length * 3 > this.buffer.byteLength) this.buffer = Buffer.allocUnsafeSlow(text.length * 3);
    const bytes = this.buffer.subarray(0, this.buffer.write(text));
    this.hash.update(bytes);
    writeFileSync(this.descriptor, bytes);
  }

  checksum(): string {
    return this.hash.digest("hex");
  }
}
