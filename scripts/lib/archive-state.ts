/**
 * What a quick build (quick-build.ts) needs of the last build, kept beside the build cache: each
 * seed's stamp, its article's place and history, the files written and the manifest. Checked whole
 * (format, key, checksum) as the cache is; one byte of doubt and the build takes its full path.
 */
import { createHash } from "node:crypto";
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, writevSync } from "node:fs";
import path from "node:path";
import type { ArchiveManifest } from "../../src/archive/layout";
import { type CachedIcons, commitLogFrom, sha1 } from "./build-cache";
import type { CodeCommit, CommitLog } from "./content-history";
import type { StampFields } from "./seed-stamps";

/** Bumped whenever the file's shape changes. */
const FORMAT = 1;

/**
 * The seeds and their articles as the last build read and wrote them, a column each, by position
 * in file-name order. Numbers are typed arrays and travel as bytes: a quick build loads and saves
 * them all, and parsing and writing them as 10,000 strings each took a third of its time.
 */
export class KeptSeeds {
  constructor(
    /** SHA-1 of the file names joined by line breaks: the same seeds, without keeping the names. */
    readonly namesSha: string,
    /** StampFields, four numbers a seed, when it was read (see CachedSeed). */
    readonly stamps: Float64Array,
    /** Each file's SHA-1 when it was read, 20 bytes a seed. */
    readonly shas: Uint8Array,
    readonly changedAt: Float64Array,
    /** NaN for a seed with no correction. */
    readonly correctedAt: Float64Array,
    /** How many RELATED headlines each has: whether its Last-Modified follows every seed's. */
    readonly relatedCounts: Uint32Array,
    /** Positions, newest article first. */
    readonly newestFirst: Uint32Array,
    readonly ids: readonly string[],
    readonly slugs: readonly string[],
    readonly sources: readonly (readonly string[])[],
    /** ids, slugs and sources as stored (see shapeBytes): written again as they were read. */
    readonly shape: Uint8Array,
  ) {}

  static namesSha(names: readonly string[]): string {
    return sha1(names.join("\n"));
  }

  get count(): number {
    return this.ids.length;
  }

  stamp(i: number): StampFields {
    const at = (field: number) => this.stamps[i * 4 + field] as number;
    return { size: at(0), mtimeMs: at(1), ctimeMs: at(2), ino: at(3) };
  }

  sha(i: number): string {
    return Buffer.from(this.shas.buffer, this.shas.byteOffset + i * SHA_BYTES, SHA_BYTES).toString("hex");
  }

  correction(i: number): number | null {
    const time = this.correctedAt[i] as number;
    return Number.isNaN(time) ? null : time;
  }

  /** A copy whose numbers can be changed: the seeds as a build that read some of them again has them. */
  copy(): KeptSeeds {
    return new KeptSeeds(
      this.namesSha,
      this.stamps.slice(),
      this.shas.slice(),
      this.changedAt.slice(),
      this.correctedAt.slice(),
      this.relatedCounts,
      this.newestFirst,
      this.ids,
      this.slugs,
      this.sources,
      this.shape,
    );
  }

  /** Records what reading seed `i` again found: its stamp (`size:mtimeMs:ctimeMs:ino`) and SHA-1. */
  reread(i: number, stamp: string, sha: string): void {
    this.stamps.set(stamp.split(":").map(Number), i * 4);
    this.shas.set(Buffer.from(sha, "hex"), i * SHA_BYTES);
  }

  dated(i: number, changedAt: number, correctedAt: number | null): void {
    this.changedAt[i] = changedAt;
    this.correctedAt[i] = correctedAt ?? Number.NaN;
  }
}

const SHA_BYTES = 20;

/** One seed and its article, as the full build hands them to KeptSeeds. */
export interface KeptSeed {
  stamp: string;
  sha: string;
  id: string;
  slug: string;
  sources: readonly string[];
  relatedCount: number;
  changedAt: number;
  correctedAt: number | null;
}

/** KeptSeeds of seeds in file-name order, with the newest-first order of their articles. */
export function keptSeeds(
  names: readonly string[],
  seeds: readonly KeptSeed[],
  newestFirst: readonly number[],
): KeptSeeds {
  const ids = seeds.map((seed) => seed.id);
  const slugs = seeds.map((seed) => seed.slug);
  const sources = seeds.map((seed) => seed.sources);
  const kept = new KeptSeeds(
    KeptSeeds.namesSha(names),
    new Float64Array(seeds.length * 4),
    new Uint8Array(seeds.length * SHA_BYTES),
    new Float64Array(seeds.length),
    new Float64Array(seeds.length),
    Uint32Array.from(seeds, (seed) => seed.relatedCount),
    Uint32Array.from(newestFirst),
    ids,
    slugs,
    sources,
    shapeBytes(ids, slugs, sources),
  );
  for (const [i, seed] of seeds.entries()) {
    kept.reread(i, seed.stamp, seed.sha);
    kept.dated(i, seed.changedAt, seed.correctedAt);
  }
  return kept;
}

export interface ArchiveState {
  /** The build cache's key (code, config, seeds folder) the state was written under. */
  key: string;
  /** When that build began reading the seeds (ms), as the cache's scannedAt. */
  scannedAt: number;
  seeds: KeptSeeds;
  /** The manifest written, pages included. */
  manifest: ArchiveManifest;
  /** Every file of the archive folder, by asset path, with its size in bytes. */
  files: ReadonlyMap<string, number>;
  /** SHA-1 of the redirects file's text ("" for none). */
  redirectsSha: string;
  icons: CachedIcons;
  commits?: CommitLog;
  codeCommit?: CodeCommit;
}

/** Where the state of the build whose cache is `cacheFile` lives: beside it. */
export const archiveStateFile = (cacheFile: string) =>
  path.join(path.dirname(cacheFile), "archive-state.json");

/**
 * The file: a line of JSON (everything but the seeds' columns), a line of the seeds' ids, slugs and
 * sources (see shapeBytes), the numeric columns as bytes in the order `numberColumns` gives, and
 * the SHA-1 (hex) of all before it.
 */
function numberColumns(seeds: KeptSeeds): ArrayBufferView[] {
  return [
    seeds.stamps,
    seeds.changedAt,
    seeds.correctedAt,
    seeds.relatedCounts,
    seeds.newestFirst,
    seeds.shas,
  ];
}

/**
 * The seeds' ids and slugs joined by line breaks (none holds one), and their sources as indexes
 * into one list of names: one line of JSON, which no quick build changes, and which a quick build
 * therefore writes back as the bytes it read.
 */
function shapeBytes(
  ids: readonly string[],
  slugs: readonly string[],
  sources: readonly (readonly string[])[],
) {
  const sourceIndex = new Map<string, number>();
  const indexOf = (name: string) => {
    if (!sourceIndex.has(name)) sourceIndex.set(name, sourceIndex.size);
    return sourceIndex.get(name) as number;
  };
  const shape: StoredShape = {
    ids: ids.join("\n"),
    slugs: slugs.join("\n"),
    sources: sources.map((names) => names.map(indexOf).join(",")).join("\n"),
    sourceNames: [],
  };
  shape.sourceNames = [...sourceIndex.keys()];
  return Buffer.from(JSON.stringify(shape));
}

interface StoredShape {
  ids: string;
  slugs: string;
  sources: string;
  sourceNames: string[];
}

/** Writes the state through a temporary file and a rename, its checksum last. */
export function saveArchiveState(file: string, state: ArchiveState): void {
  const { seeds } = state;
  const header = JSON.stringify({
    format: FORMAT,
    ...state,
    seeds: { namesSha: seeds.namesSha, count: seeds.count },
    files: [...state.files],
    commits: state.commits && { ...state.commits, files: [...state.commits.files] },
  });
  const parts = [
    Buffer.from(`${header}\n`),
    seeds.shape,
    NEWLINE,
    ...numberColumns(seeds).map(
      (column) => new Uint8Array(column.buffer, column.byteOffset, column.byteLength),
    ),
  ];
  parts.push(Buffer.from(sha1Parts(parts)));
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  const descriptor = openSync(temporary, "w");
  try {
    writevSync(descriptor, parts);
  } finally {
    closeSync(descriptor);
  }
  renameSync(temporary, file);
}

const NEWLINE = Buffer.from("\n");

function sha1Parts(parts: readonly Uint8Array[]): string {
  const hash = createHash("sha1");
  for (const part of parts) hash.update(part);
  return hash.digest("hex");
}

/** The state for `key`, or why there is none to trust: missing, damaged, stale or foreign. */
export function loadArchiveState(
  file: string,
  key: string,
): { ok: true; state: ArchiveState } | { ok: false; reason: string } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return { ok: false, reason: "no archive state yet" };
  }
  const body = bytes.subarray(0, Math.max(bytes.length - CHECKSUM_LENGTH, 0));
  if (bytes.length < CHECKSUM_LENGTH || bytes.subarray(body.length).toString() !== sha1(body)) {
    return { ok: false, reason: "archive state damaged (checksum)" };
  }
  try {
    const headerEnd = body.indexOf("\n");
    const stored = JSON.parse(body.subarray(0, headerEnd).toString());
    if (stored.format !== FORMAT) return { ok: false, reason: "archive state from another version" };
    if (stored.key !== key) return { ok: false, reason: "code, config or seeds folder changed" };
    const shapeEnd = body.indexOf("\n", headerEnd + 1);
    if (shapeEnd < 0) throw new Error("no seeds");
    const shape = new Uint8Array(body.subarray(headerEnd + 1, shapeEnd));
    const state: ArchiveState = {
      key: stored.key,
      scannedAt: stored.scannedAt,
      seeds: seedsFrom(stored.seeds, shape, body.subarray(shapeEnd + 1)),
      manifest: stored.manifest,
      files: new Map(stored.files),
      redirectsSha: stored.redirectsSha,
      icons: stored.icons,
      commits: commitLogFrom(stored.commits),
      codeCommit: stored.codeCommit,
    };
    return { ok: true, state };
  } catch {
    return { ok: false, reason: "archive state damaged (content)" };
  }
}

const CHECKSUM_LENGTH = 40;

function seedsFrom(stored: { namesSha: string; count: number }, shape: Uint8Array, numbers: Uint8Array) {
  const { count } = stored;
  // Each column copied into a buffer of its own: a typed array must start at a multiple of its
  // element size, which the header's length does not keep. In numberColumns' order.
  let at = 0;
  const take = (length: number) => {
    // Not Buffer#slice, which shares the buffer: a copy, whose buffer holds this column alone.
    const column = new Uint8Array(length);
    column.set(numbers.subarray(at, at + length));
    at += length;
    return column.buffer;
  };
  const stamps = new Float64Array(take(count * 4 * 8));
  const changedAt = new Float64Array(take(count * 8));
  const correctedAt = new Float64Array(take(count * 8));
  const relatedCounts = new Uint32Array(take(count * 4));
  const newestFirst = new Uint32Array(take(count * 4));
  const shas = new Uint8Array(take(count * SHA_BYTES));
  const columns = JSON.parse(
    Buffer.from(shape.buffer, shape.byteOffset, shape.byteLength).toString(),
  ) as StoredShape;
  const ids = columns.ids.split("\n");
  const slugs = columns.slugs.split("\n");
  // Most seeds name one of a few combinations of sources: each is read once, and shared.
  const combinations = new Map<string, string[]>();
  const sources = columns.sources.split("\n").map((line) => {
    let names = combinations.get(line);
    if (!names) {
      names = line === "" ? [] : line.split(",").map((index) => columns.sourceNames[Number(index)] ?? "");
      combinations.set(line, names);
    }
    return names;
  });
  if (at !== numbers.length || [ids, slugs, sources].some((column) => column.length !== count)) {
    throw new Error("columns of another length");
  }
  return new KeptSeeds(
    stored.namesSha,
    stamps,
    shas,
    changedAt,
    correctedAt,
    relatedCounts,
    newestFirst,
    ids,
    slugs,
    sources,
    shape,
  );
}
