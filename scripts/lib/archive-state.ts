/**
 * What a quick build (quick-build.ts) needs of the last build, kept beside the build cache: each
 * seed's stamp, its article's place and history, the files written and the manifest. Checked whole
 * (format, key, checksum) as the cache is; one byte of doubt and the build takes its full path.
 */
import { createHash } from "node:crypto";
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, writevSync } from "node:fs";
import path from "node:path";
import { type ArchiveManifest, lineStarts } from "../../src/archive/layout";
import { type CachedIcons, commitLogFrom, sha1 } from "./build-cache";
import type { CodeCommit, CommitLog } from "./content-history";
import type { StampFields } from "./seed-stamps";

/** Bumped whenever the file's shape changes. */
const FORMAT = 3;

/** The shape's text sections, in the order they are stored. */
const SECTIONS = ["names", "ids", "slugs", "titles", "sources", "unresolved", "linked"] as const;
type Section = (typeof SECTIONS)[number];
type HeadlineList = "unresolved" | "linked";

/**
 * What an edit of an article's text never changes: the seeds' file names, and their articles' ids,
 * slugs, titles and sources; the RELATED headlines that lead to no article, each between line
 * breaks, which a new article's title would make links (`"\n" + title + "\n"`); and, the same way,
 * those that lead to one, whose links the removal of that article would change. Stored as UTF-8
 * text sections (lists joined by line breaks, which none holds; sources as indexes into one list
 * of names), which an edit writes back as it read them; names, titles and headlines are decoded
 * only when asked for, as an edit needs none of them.
 */
export class SeedShape {
  readonly ids: readonly string[];
  readonly slugs: readonly string[];
  readonly sources: readonly (readonly string[])[];
  private readonly texts = new Map<Section, string>();
  private readonly lists = new Map<Section, readonly string[]>();

  constructor(
    /** The sections, one after the other. */
    readonly bytes: Uint8Array,
    /** Each section's length in bytes, in SECTIONS order. */
    readonly lengths: readonly number[],
    readonly sourceNames: readonly string[],
  ) {
    this.ids = this.list("ids");
    this.slugs = this.list("slugs");
    // Most seeds name one of a few combinations of sources: each is read once, and shared.
    const combinations = new Map<string, string[]>();
    this.sources = this.list("sources").map((line) => {
      let names = combinations.get(line);
      if (!names) {
        names = line === "" ? [] : line.split(",").map((index) => sourceNames[Number(index)] ?? "");
        combinations.set(line, names);
      }
      return names;
    });
  }

  static of(
    columns: Record<Exclude<Section, "sources" | "unresolved" | "linked">, readonly string[]> & {
      sources: readonly (readonly string[])[];
      unresolved: Iterable<string>;
      linked: Iterable<string>;
    },
  ): SeedShape {
    const sourceIndex = new Map<string, number>();
    const indexOf = (name: string) => {
      if (!sourceIndex.has(name)) sourceIndex.set(name, sourceIndex.size);
      return sourceIndex.get(name) as number;
    };
    const texts: Record<Section, string> = {
      names: columns.names.join("\n"),
      ids: columns.ids.join("\n"),
      slugs: columns.slugs.join("\n"),
      titles: columns.titles.join("\n"),
      sources: columns.sources.map((names) => names.map(indexOf).join(",")).join("\n"),
      unresolved: headlineText(columns.unresolved),
      linked: headlineText(columns.linked),
    };
    const parts = SECTIONS.map((section) => Buffer.from(texts[section]));
    return new SeedShape(
      Buffer.concat(parts),
      parts.map((part) => part.byteLength),
      [...sourceIndex.keys()],
    );
  }

  get names(): readonly string[] {
    return this.list("names");
  }

  get titles(): readonly string[] {
    return this.list("titles");
  }

  /** Whether a RELATED headline of this text leads to no article ("unresolved") or to one ("linked"). */
  hasHeadline(list: HeadlineList, headline: string): boolean {
    return bufferOf(this.sectionBytes(list)).includes(`\n${headline}\n`);
  }

  /**
   * This shape after seeds came and went: the seed at each position of this build's file-name
   * order is the one `before` names (its index here), or a new one whose values `added` gives; new
   * headlines join their lists. Kept seeds' lines are copied as bytes, in runs, as are the lists
   * (a new headline is added at their end), so nothing is decoded or encoded but what is new.
   */
  spliced(
    before: Int32Array,
    added: (i: number) => {
      name: string;
      id: string;
      slug: string;
      title: string;
      sources: readonly string[];
    },
    headlines: Record<HeadlineList, Iterable<string>>,
  ): SeedShape {
    const sourceNames = [...this.sourceNames];
    const sourceIndex = new Map(sourceNames.map((name, index) => [name, index]));
    const indexOf = (name: string) => {
      if (!sourceIndex.has(name)) sourceIndex.set(name, sourceNames.push(name) - 1);
      return sourceIndex.get(name) as number;
    };
    const line: Record<Exclude<Section, HeadlineList>, (i: number) => string> = {
      names: (i) => added(i).name,
      ids: (i) => added(i).id,
      slugs: (i) => added(i).slug,
      titles: (i) => added(i).title,
      sources: (i) => added(i).sources.map(indexOf).join(","),
    };
    // One copy, into the new shape's bytes: each fresh page of memory costs this machine 15 µs.
    const pieces: Uint8Array[] = [];
    const lengths = SECTIONS.map((section) => {
      const bytes = this.sectionBytes(section);
      const from = pieces.length;
      if (section === "unresolved" || section === "linked") {
        const text = bufferOf(bytes);
        const more = [...new Set(headlines[section])].filter((headline) => !text.includes(`\n${headline}\n`));
        pieces.push(text, Buffer.from(more.map((headline) => `${headline}\n`).join("")));
      } else pieces.push(...splicedLines(bytes, before, line[section]));
      return pieces.slice(from).reduce((sum, piece) => sum + piece.byteLength, 0);
    });
    return new SeedShape(Buffer.concat(pieces), lengths, sourceNames);
  }

  /** Whether these are the names, in this order. */
  hasNames(names: readonly string[]): boolean {
    return Buffer.from(names.join("\n")).equals(this.sectionBytes("names"));
  }

  private sectionBytes(section: Section): Uint8Array {
    const index = SECTIONS.indexOf(section);
    const start = this.lengths.slice(0, index).reduce((sum, length) => sum + length, 0);
    return this.bytes.subarray(start, start + (this.lengths[index] ?? 0));
  }

  private text(section: Section): string {
    let text = this.texts.get(section);
    if (text === undefined) {
      const bytes = this.sectionBytes(section);
      text = bufferOf(bytes).toString();
      this.texts.set(section, text);
    }
    return text;
  }

  private list(section: Section): readonly string[] {
    let list = this.lists.get(section);
    if (!list) {
      list = this.text(section).split("\n");
      this.lists.set(section, list);
    }
    return list;
  }
}

/**
 * The lines of `old` (joined by line breaks) that `before` names, in its order, with `line(i)` for
 * each new one (-1), as pieces to join: runs of consecutive old lines are one range of bytes.
 */
function splicedLines(old: Uint8Array, before: Int32Array, line: (i: number) => string): Uint8Array[] {
  const starts = lineStarts(old);
  const pieces: Uint8Array[] = [];
  for (let i = 0; i < before.length; ) {
    if (i > 0) pieces.push(LINE_BREAK);
    const was = before[i] as number;
    let end = i + 1;
    if (was < 0) pieces.push(Buffer.from(line(i)));
    else {
      while (end < before.length && before[end] === (before[end - 1] as number) + 1) end++;
      pieces.push(old.subarray(starts[was], (starts[was + end - i] as number) - 1));
    }
    i = end;
  }
  return pieces;
}

/** The same bytes as a Buffer, not copied. */
function bufferOf(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

const LINE_BREAK = Buffer.from("\n");

/**
 * Headlines, each once, between line breaks, in the order first given: the lists are only searched,
 * and sorting about 250,000 headlines cost a build of 100,000 seeds 0.15-0.4 s.
 */
function headlineText(headlines: Iterable<string>): string {
  return `\n${[...new Set(headlines)].join("\n")}\n`;
}

/**
 * The seeds and their articles as the last build read and wrote them, a column each, by position
 * in file-name order. Numbers are typed arrays and travel as bytes: a quick build loads and saves
 * them all, and parsing and writing them as 10,000 strings each took a third of its time.
 */
export class KeptSeeds {
  constructor(
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
    readonly shape: SeedShape,
  ) {}

  get count(): number {
    return this.shape.ids.length;
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
      this.stamps.slice(),
      this.shas.slice(),
      this.changedAt.slice(),
      this.correctedAt.slice(),
      this.relatedCounts,
      this.newestFirst,
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

/** Bytes of a SHA-1. */
export const SHA_BYTES = 20;

/** One seed and its article, as a build hands them to KeptSeeds. */
export interface KeptSeed {
  name: string;
  stamp: string;
  sha: string;
  id: string;
  slug: string;
  title: string;
  sources: readonly string[];
  relatedCount: number;
  changedAt: number;
  correctedAt: number | null;
}

/**
 * KeptSeeds of seeds in file-name order, with the newest-first order of their articles and the
 * RELATED headlines that lead to no article and those that lead to one.
 */
export function keptSeeds(
  seeds: readonly KeptSeed[],
  newestFirst: readonly number[],
  unresolved: Iterable<string>,
  linked: Iterable<string>,
): KeptSeeds {
  const shape = SeedShape.of({
    names: seeds.map((seed) => seed.name),
    ids: seeds.map((seed) => seed.id),
    slugs: seeds.map((seed) => seed.slug),
    titles: seeds.map((seed) => seed.title),
    sources: seeds.map((seed) => seed.sources),
    unresolved,
    linked,
  });
  const kept = new KeptSeeds(
    new Float64Array(seeds.length * 4),
    new Uint8Array(seeds.length * SHA_BYTES),
    new Float64Array(seeds.length),
    new Float64Array(seeds.length),
    Uint32Array.from(seeds, (seed) => seed.relatedCount),
    Uint32Array.from(newestFirst),
    shape,
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
  /**
   * When that build was done writing the archive folder (ms): a file there that changed at or after
   * it is not the one that build left, whatever its name and size (see ArchiveOutput).
   */
  settledAt: number;
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

/** Where the state of the build whose cache is `cacheFile` lives: beside it (a line of JSON, then bytes). */
export const archiveStateFile = (cacheFile: string) =>
  path.join(path.dirname(cacheFile), "archive-state.bin");

/**
 * The file: a line of JSON (everything but the seeds' columns), the seeds' shape (SeedShape's
 * sections), their numeric columns as bytes in the order `numberColumns` gives, and the SHA-1
 * (hex) of all before it.
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

/** Writes the state through a temporary file and a rename, its checksum last. */
export function saveArchiveState(file: string, state: ArchiveState): void {
  const { seeds } = state;
  const header = JSON.stringify({
    format: FORMAT,
    ...state,
    seeds: { count: seeds.count, lengths: seeds.shape.lengths, sourceNames: seeds.shape.sourceNames },
    files: [...state.files],
    commits: state.commits && { ...state.commits, files: [...state.commits.files] },
  });
  const parts = [
    Buffer.from(`${header}\n`),
    seeds.shape.bytes,
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

function sha1Parts(parts: readonly Uint8Array[]): string {
  const hash = createHash("sha1");
  for (const part of parts) hash.update(part);
  return hash.digest("hex");
}

/**
 * The state for `key`, or why there is none to trust: missing, damaged, stale or foreign (a stale
 * one still tells when its build was done writing the archive folder).
 */
export function loadArchiveState(
  file: string,
  key: string,
): { ok: true; state: ArchiveState } | { ok: false; reason: string; settledAt?: number } {
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
    if (!Number.isFinite(stored.settledAt)) throw new Error("shape");
    // The folder's files do not depend on the key: what the build left there is still known.
    if (stored.key !== key)
      return { ok: false, reason: "code, config or seeds folder changed", settledAt: stored.settledAt };
    const state: ArchiveState = {
      key: stored.key,
      scannedAt: stored.scannedAt,
      settledAt: stored.settledAt,
      seeds: seedsFrom(stored.seeds, body.subarray(headerEnd + 1)),
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

interface StoredSeeds {
  count: number;
  lengths: number[];
  sourceNames: string[];
}

function seedsFrom(stored: StoredSeeds, rest: Uint8Array): KeptSeeds {
  const { count } = stored;
  // Each part copied into a buffer of its own: a typed array must start at a multiple of its
  // element size, which the header's length does not keep. The shape, then numberColumns' order.
  let at = 0;
  const take = (length: number) => {
    // Not Buffer#slice, which shares the buffer: a copy, whose buffer holds this part alone.
    const part = new Uint8Array(length);
    part.set(rest.subarray(at, at + length));
    at += length;
    return part.buffer;
  };
  const shapeLength = stored.lengths.reduce((sum, length) => sum + length, 0);
  const shape = new SeedShape(new Uint8Array(take(shapeLength)), stored.lengths, stored.sourceNames);
  const stamps = new Float64Array(take(count * 4 * 8));
  const changedAt = new Float64Array(take(count * 8));
  const correctedAt = new Float64Array(take(count * 8));
  const relatedCounts = new Uint32Array(take(count * 4));
  const newestFirst = new Uint32Array(take(count * 4));
  const shas = new Uint8Array(take(count * SHA_BYTES));
  const { ids, slugs, sources } = shape;
  if (at !== rest.length || [ids, slugs, sources].some((column) => column.length !== count)) {
    throw new Error("columns of another length");
  }
  return new KeptSeeds(stamps, shas, changedAt, correctedAt, relatedCounts, newestFirst, shape);
}
