/**
 * The quick build: after edits that change no id, title, date, source or RELATED headline (a
 * correction's usual shape), and articles that come or go among the newest without changing
 * another's links (a story published, or pulled), the archive is packed again from the last
 * build's state (archive-state.ts) instead of the build cache: only the changed seeds are read,
 * and the chunks that hold them, or articles that moved, are written again from their old files'
 * lines. Anything else, and it refuses (QuickRefusal): the build's full path runs instead.
 */
import path from "node:path";
import {
  chunkPath,
  HASH_LENGTH,
  hashAt,
  type IndexFile,
  indexPath,
  lineStarts,
  shardPath,
  sourceChunkPath,
} from "../../src/archive/layout";
import type { ArchiveContent, ArticleEntry, ChunkReuse } from "../../src/archive/pack-archive";
import { newestFirst as byNewestFirst, updatedDate } from "../../src/content/build-archive";
import type { ArchiveOutput } from "./archive-output";
import { type ArchiveState, KeptSeeds, SHA_BYTES } from "./archive-state";
import type { CachedSeed, SeedSummary } from "./build-cache";
import type { CacheChange } from "./cache-journal";
import type { ContentHistory } from "./content-history";
import { type ArticleBytes, articleJsonParts, historyJson, isRacy, readSeedFile } from "./seed-file";
import type { StampTable } from "./seed-stamps";

/** Why the quick build does not apply: the full build runs instead, and the summary says why. */
export class QuickRefusal extends Error {
  override readonly name = "QuickRefusal";

  constructor(
    message: string,
    /** An archive file found damaged, by asset path: the full path writes it again, whatever its size. */
    readonly damaged?: string,
  ) {
    super(message);
  }
}

/**
 * At most this many articles changed (read anew, or dated anew) or moved, and a new or removed
 * one at most this deep among the newest: beyond, the chunks to write again approach what the
 * full path writes, and it is the one that keeps the build cache current.
 */
export const QUICK_CHANGES_AT_MOST = 50;

/** The seeds as this build finds them, against the last build's state. */
export interface SeedsNow {
  state: ArchiveState;
  seedsDir: string;
  displayDir: string;
  /** The seed file names, sorted, and their stamp fields in the same order. */
  names: readonly string[];
  stamps: StampTable;
  timeZone: string;
  /** When this build began reading the seeds (ms). */
  scannedAt: number;
}

/** The seeds a quick build read, by their position in this build's file-name order. */
export interface QuickReading {
  /** Parsed anew, new seeds included: the article's summary and its JSON around its links. */
  fresh: Map<number, { summary: SeedSummary; json: ArticleBytes }>;
  /** Seeds that were not there before, newest first: they stand among the newest (see mergedOrder). */
  added: number[];
  /** Each seed's index in the last build's file-name order (KeptSeeds), -1 for a new one. */
  before: Int32Array;
  /** The ids of the articles whose seeds are gone: they too were among the newest. */
  removedIds: string[];
  /** The new seeds' RELATED links, resolved against every title as assembleArchive resolves them. */
  links: Map<number, RelatedLink[]>;
  /**
   * The seeds' columns in this build's order, with the new stamps and SHA-1s, and the new seeds'
   * articles in their places in the newest-first order; their history is added later.
   */
  seeds: KeptSeeds;
  /** The seeds' file names, in this build's order. */
  names: readonly string[];
  /** Each seed's modification time (ms, whole seconds), for the history. */
  fileTimes: Map<string, number>;
  seedsRead: number;
  /** The seeds read, for the build cache's journal: parsed ones whole, the rest restamped. */
  cacheChange: Pick<CacheChange, "restamped"> & { set: [string, CachedSeed][] };
}

/**
 * Reads the seeds whose stamps changed since the state was written, and the new ones, and parses
 * those whose bytes changed. Refuses when too many changed, when one has errors (the full path
 * reports them), when an edit changed what the state keeps of an article's shape, or when an
 * article comes or goes other than among the newest and without changing another's links.
 */
export function readChangedSeeds(now: SeedsNow, old: OldArchive): QuickReading {
  const { state, names, stamps } = now;
  const kept = state.seeds;
  const { before, removed } = positionsBefore(names, kept);
  if (removed.length > QUICK_CHANGES_AT_MOST) throw new QuickRefusal("too many seeds changed");
  const fresh: QuickReading["fresh"] = new Map();
  const fileTimes = new Map<string, number>();
  const cacheChange: QuickReading["cacheChange"] = { set: [], restamped: [] };
  const rereads: [i: number, stamp: string, sha: string][] = [];
  const added: number[] = [];
  let seedsRead = 0;
  for (const [i, name] of names.entries()) {
    const was = before[i] as number;
    if (was >= 0 && stamps.same(i, kept.stamps, was)) {
      const info = kept.stamp(was);
      if (!isRacy(info, state.scannedAt)) {
        fileTimes.set(name, Math.floor(info.mtimeMs / 1000) * 1000);
        continue;
      }
    } else if (stamps.at(i) === undefined) throw new QuickRefusal("a seed went missing while read");
    if (++seedsRead > QUICK_CHANGES_AT_MOST) throw new QuickRefusal("too many seeds changed");
    const job = {
      file: path.join(now.seedsDir, name),
      display: `${now.displayDir}/${name}`,
      knownSha: was >= 0 ? kept.sha(was) : undefined,
    };
    const reading = readSeedFile(job, now.timeZone);
    if (reading.outcome === "failed") throw new QuickRefusal("a changed seed has errors");
    fileTimes.set(name, Math.floor(reading.modifiedMs / 1000) * 1000);
    rereads.push([i, reading.stamp, reading.sha]);
    if (reading.outcome === "parsed") {
      if (was >= 0 && !sameShape(reading.summary, kept, was)) {
        throw new QuickRefusal("an edit changed an article's place or links");
      }
      if (was < 0) added.push(i);
      fresh.set(i, { summary: reading.summary, json: reading.json });
      cacheChange.set.push([name, { stamp: reading.stamp, sha: reading.sha, summary: reading.summary }]);
    } else cacheChange.restamped?.push([name, reading.stamp, reading.sha]);
  }
  const summaryOf = (i: number) => fresh.get(i)?.summary as SeedSummary;
  added.sort((a, b) => byNewestFirst(summaryOf(a), summaryOf(b)));
  const { seeds, links } =
    added.length === 0 && removed.length === 0
      ? { seeds: kept.copy(), links: new Map<number, RelatedLink[]>() }
      : cameAndWent(kept, { names, before, added, removed, summaryOf }, old);
  for (const [i, stamp, sha] of rereads) seeds.reread(i, stamp, sha);
  const removedIds = removed.map((was) => kept.shape.ids[was] as string);
  return { fresh, added, before, removedIds, links, seeds, names, fileTimes, seedsRead, cacheChange };
}

/**
 * The seeds' columns after articles came and went (see mergedOrder), and the new ones' RELATED
 * links. Refuses the removal of an article that a RELATED headline leads to (that article's link
 * would change), and a new article that would take such links from another (see checkTitles).
 */
function cameAndWent(
  kept: KeptSeeds,
  change: {
    names: readonly string[];
    before: Int32Array;
    added: readonly number[];
    removed: readonly number[];
    summaryOf: (i: number) => SeedSummary;
  },
  old: OldArchive,
): { seeds: KeptSeeds; links: Map<number, RelatedLink[]> } {
  const { names, before, added, removed, summaryOf } = change;
  for (const was of removed) {
    if (kept.shape.hasHeadline("linked", kept.shape.titles[was] as string)) {
      throw new QuickRefusal("a removed article's title is a RELATED headline");
    }
  }
  const order = mergedOrder(kept, before, added, summaryOf, old);
  const titleOf = (i: number) => {
    const was = before[i] as number;
    return was < 0 ? summaryOf(i).title : (kept.shape.titles[was] as string);
  };
  checkTitles(order, added, titleOf);
  const links = linksOfAdded(kept, before, order, added, summaryOf);
  return { seeds: reorderedColumns(kept, names, before, order, summaryOf, links), links };
}

/**
 * Each name's position among the last build's (both sorted), -1 for a new one, and the positions
 * of the last build's names that are gone.
 */
function positionsBefore(
  names: readonly string[],
  kept: KeptSeeds,
): { before: Int32Array; removed: number[] } {
  if (names.length === kept.count && kept.shape.hasNames(names)) {
    return { before: Int32Array.from(names, (_, i) => i), removed: [] };
  }
  const earlier = kept.shape.names;
  const before = new Int32Array(names.length).fill(-1);
  const removed: number[] = [];
  let j = 0;
  for (const [i, name] of names.entries()) {
    while (j < earlier.length && (earlier[j] as string) < name) removed.push(j++);
    if (earlier[j] === name) before[i] = j++;
  }
  while (j < earlier.length) removed.push(j++);
  return { before, removed };
}

/** A RELATED headline with the article it leads to, as an article's JSON has it. */
interface RelatedLink {
  headline: string;
  position: number;
  article: { id: string; slug: string } | null;
}

/**
 * The newest-first order of this build's seeds (by their position in its file-name order): the new
 * articles stand among the last build's newest ones, by date, and the removed ones are left out.
 * Refuses either beyond the QUICK_CHANGES_AT_MOST newest: every article newer than an article
 * that comes or goes moves, and is written again.
 */
function mergedOrder(
  kept: KeptSeeds,
  before: Int32Array,
  added: readonly number[],
  summaryOf: (i: number) => SeedSummary,
  old: OldArchive,
): Uint32Array {
  const now = new Int32Array(kept.count).fill(-1);
  for (const [i, was] of before.entries()) if (was >= 0) now[was] = i;
  const order = new Uint32Array(before.length);
  let at = 0;
  const keep = (position: number) => {
    const i = now[kept.newestFirst[position] as number] as number;
    if (i >= 0) order[at++] = i;
    else if (position >= QUICK_CHANGES_AT_MOST) {
      throw new QuickRefusal(`a removed article is older than the ${QUICK_CHANGES_AT_MOST} newest`);
    }
  };
  let position = 0;
  for (const i of added) {
    for (; position < kept.count && byNewestFirst(old.article(position), summaryOf(i)) < 0; position++) {
      if (position >= QUICK_CHANGES_AT_MOST)
        throw new QuickRefusal(`a new article is older than the ${QUICK_CHANGES_AT_MOST} newest`);
      keep(position);
    }
    order[at++] = i;
  }
  for (; position < kept.count; position++) keep(position);
  return order;
}

/**
 * Refuses a new article newer than one of its title: RELATED headlines of that title lead to the
 * oldest article of it, which the new one would then be, and those articles' links would change.
 */
function checkTitles(order: Uint32Array, added: readonly number[], titleOf: (i: number) => string): void {
  const isAdded = new Set(added);
  const newerTitles = new Set<string>();
  for (let position = 0, left = added.length; left > 0; position++) {
    const i = order[position] as number;
    if (!isAdded.has(i)) newerTitles.add(titleOf(i));
    else if (newerTitles.has(titleOf(i)))
      throw new QuickRefusal("a new article is older than one of its title");
    else left--;
  }
}

/**
 * The new seeds' RELATED links: each headline leads to the oldest article of that title in the
 * merged order (`order`, newest first), or to none, as assembleArchive resolves them.
 */
function linksOfAdded(
  kept: KeptSeeds,
  before: Int32Array,
  order: Uint32Array,
  added: readonly number[],
  summaryOf: (i: number) => SeedSummary,
): Map<number, RelatedLink[]> {
  const wanted = new Set(added.flatMap((i) => summaryOf(i).related.map(({ headline }) => headline)));
  const holders = new Map<string, { id: string; slug: string }>();
  const { titles, ids, slugs } = kept.shape;
  for (let position = order.length - 1; position >= 0 && wanted.size > holders.size; position--) {
    const i = order[position] as number;
    const was = before[i] as number;
    const { title, id, slug } =
      was < 0
        ? summaryOf(i)
        : { title: titles[was] as string, id: ids[was] as string, slug: slugs[was] as string };
    if (wanted.has(title) && !holders.has(title)) holders.set(title, { id, slug });
  }
  return new Map(
    added.map((i) => [
      i,
      summaryOf(i).related.map(({ headline, position }) => ({
        headline,
        position,
        article: holders.get(headline) ?? null,
      })),
    ]),
  );
}

/**
 * The columns without the removed seeds and with the new ones in their places (file-name order),
 * the articles in `newestFirst`'s, and the new seeds' stamps, SHA-1s and history still to be set.
 */
function reorderedColumns(
  kept: KeptSeeds,
  names: readonly string[],
  before: Int32Array,
  newestFirst: Uint32Array,
  summaryOf: (i: number) => SeedSummary,
  links: ReadonlyMap<number, RelatedLink[]>,
): KeptSeeds {
  const count = names.length;
  const stamps = new Float64Array(count * 4);
  const shas = new Uint8Array(count * SHA_BYTES);
  const changedAt = new Float64Array(count);
  const correctedAt = new Float64Array(count).fill(Number.NaN);
  const relatedCounts = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    const was = before[i] as number;
    if (was < 0) {
      relatedCounts[i] = summaryOf(i).related.length;
      continue;
    }
    stamps.set(kept.stamps.subarray(was * 4, was * 4 + 4), i * 4);
    shas.set(kept.shas.subarray(was * SHA_BYTES, (was + 1) * SHA_BYTES), i * SHA_BYTES);
    changedAt[i] = kept.changedAt[was] as number;
    correctedAt[i] = kept.correctedAt[was] as number;
    relatedCounts[i] = kept.relatedCounts[was] as number;
  }
  // A removed article's headlines stay in both lists: the checks they serve may refuse more, never less.
  const newLinks = [...links.values()].flat();
  const shape = kept.shape.spliced(before, (i) => ({ ...summaryOf(i), name: names[i] as string }), {
    unresolved: newLinks.filter((link) => link.article === null).map((link) => link.headline),
    linked: newLinks.filter((link) => link.article !== null).map((link) => link.headline),
  });
  return new KeptSeeds(stamps, shas, changedAt, correctedAt, relatedCounts, newestFirst, shape);
}

/** What the state keeps of an article's shape; its title, date and headlines are checked against its old line. */
function sameShape(summary: SeedSummary, kept: KeptSeeds, i: number): boolean {
  const { ids, slugs } = kept.shape;
  const sources = kept.shape.sources[i] ?? [];
  return (
    summary.id === ids[i] &&
    summary.slug === slugs[i] &&
    summary.related.length === kept.relatedCounts[i] &&
    summary.sources.length === sources.length &&
    summary.sources.every((source, at) => source === sources[at])
  );
}

/**
 * The archive's content for archiveFiles after a quick reading: every article as the state has it
 * with its new history, the changed and new ones' JSON made anew and the rest copied from the
 * chunk files the last build wrote; and the ChunkReuse that keeps every chunk none of them is in.
 * Articles come and go only among the newest (see mergedOrder): every article older than all of
 * them keeps its oldest-first position, and so its chunks; the newer ones move, and their chunks
 * are written again, from their old lines.
 * Positions are newest-first ones, as archiveFiles counts them, unless named otherwise.
 */
export class QuickArchive implements ArchiveContent, ChunkReuse {
  readonly newestFirst: ArticleEntry[];
  /** The seeds' columns with this build's stamps and history, for the next state. */
  readonly seeds: KeptSeeds;
  written = 0;
  kept = 0;
  /** The articles whose JSON changes, new ones included. */
  private readonly changed = new Set<number>();
  /** The articles whose chunks are written again: the changed ones, and those that moved. */
  private readonly rewritten = new Set<number>();
  /** Each position's in the last build (-1 for a new article). */
  private readonly oldPositions: Int32Array;
  /** A chunk file's place (its path without a hash) -> the hash and article count the last build wrote there. */
  private readonly oldChunks = new Map<string, { hash: string; count: number }>();

  constructor(
    private readonly state: ArchiveState,
    private readonly reading: QuickReading,
    history: ContentHistory,
    private readonly old: OldArchive,
    private readonly output: ArchiveOutput,
    private readonly timeZone: string,
  ) {
    const { seeds, added, before } = reading;
    const { newestFirst, shape } = seeds;
    const isAdded = new Set(added);
    const oldPositionOf = new Int32Array(state.seeds.count);
    for (const [position, was] of state.seeds.newestFirst.entries()) oldPositionOf[was] = position;
    this.oldPositions = Int32Array.from(newestFirst, (i) => {
      const was = before[i] as number;
      return was < 0 ? -1 : (oldPositionOf[was] as number);
    });
    for (const [position, i] of newestFirst.entries()) {
      const { changedAt, correctedAt } = history.seeds.get(reading.names[i] as string) ?? {
        changedAt: 0,
        correctedAt: null,
      };
      if (reading.fresh.has(i) || changedAt !== seeds.changedAt[i] || correctedAt !== seeds.correction(i)) {
        this.changed.add(position);
        seeds.dated(i, changedAt, correctedAt);
      }
      // Chunks count oldest first: an article moves when one older than it comes or goes.
      const oldPosition = this.oldPositions[position] as number;
      const moved = seeds.count - position !== state.seeds.count - oldPosition;
      if (this.changed.has(position) || moved) this.rewritten.add(position);
    }
    this.seeds = seeds;
    if (this.rewritten.size > QUICK_CHANGES_AT_MOST)
      throw new QuickRefusal("too many articles changed or moved");
    // The title, date and headlines decide other articles' links and every article's place.
    for (const [position, i] of newestFirst.entries()) {
      const summary = reading.fresh.get(i)?.summary;
      if (!summary || isAdded.has(i)) continue;
      const old = this.old.article(this.oldPositions[position] as number);
      const sameLinks =
        summary.related.length === old.related.length &&
        summary.related.every(
          ({ headline, position: at }, link) =>
            headline === old.related[link]?.headline && at === old.related[link]?.position,
        );
      if (summary.title !== old.title || summary.published !== old.published || !sameLinks) {
        throw new QuickRefusal("an edit changed an article's place or links");
      }
    }
    if (added.length > 0) this.checkAdded();
    this.newestFirst = Array.from(newestFirst, (i) => ({
      id: shape.ids[i] as string,
      slug: shape.slugs[i] as string,
      sources: shape.sources[i] as string[],
      changedAt: seeds.changedAt[i] as number,
      related: { length: seeds.relatedCounts[i] as number },
    }));
    const { manifest } = state;
    const chunks = (count: number, hashes: string, pathOf: (index: number) => string) => {
      for (let index = 0; index * manifest.chunkSize < count; index++) {
        const chunkCount = Math.min(manifest.chunkSize, count - index * manifest.chunkSize);
        this.oldChunks.set(pathOf(index), { hash: hashAt(hashes, index), count: chunkCount });
      }
    };
    chunks(manifest.articleCount, manifest.chunkHashes, (index) => chunkPath(index, ""));
    for (const { slug, count, chunkHashes } of this.old.index().sources) {
      chunks(count, chunkHashes, (index) => sourceChunkPath(slug, index, ""));
    }
  }

  /** The new articles' ids: a redirect may not take one for its path (see assembleArchive). */
  addedIds(): string[] {
    return this.reading.added.map((i) => this.seeds.shape.ids[i] as string);
  }

  /**
   * New articles must have ids of their own, and no title that a RELATED headline already names
   * without a link (that article's link would change).
   */
  private checkAdded(): void {
    const { added, fresh } = this.reading;
    const { shape } = this.state.seeds;
    const ids = new Set(shape.ids);
    for (const id of this.reading.removedIds) ids.delete(id);
    for (const i of added) {
      const summary = fresh.get(i)?.summary as SeedSummary;
      if (ids.has(summary.id)) throw new QuickRefusal("a new article's id is taken");
      ids.add(summary.id);
      if (shape.hasHeadline("unresolved", summary.title)) {
        throw new QuickRefusal("a new article's title is a RELATED headline");
      }
    }
  }

  /**
   * The lookup shards the last build wrote, if their files are in place and no article came or went:
   * an edit changes no id, order or redirect, so they are this build's too (see PackOptions.keptShards).
   */
  keptShards(): string | undefined {
    if (this.reading.added.length > 0 || this.reading.removedIds.length > 0) return undefined;
    const { shardHashes } = this.state.manifest;
    for (let index = 0; index * HASH_LENGTH < shardHashes.length; index++) {
      const shard = shardPath(index, hashAt(shardHashes, index));
      if (this.output.sizeOf(shard) !== this.state.files.get(shard)) return undefined;
    }
    return shardHashes;
  }

  /**
   * ChunkReuse: a chunk of as many articles as before, none of which changed or moved, is the file
   * the last build wrote in its place.
   */
  find(positions: readonly number[], pathOf: (hash: string) => string): string | undefined {
    if (positions.some((position) => this.rewritten.has(position))) return undefined;
    const { hash, count } = this.oldChunks.get(pathOf("")) ?? {};
    if (hash === undefined || count !== positions.length) return undefined;
    const size = this.output.sizeOf(pathOf(hash));
    if (size === undefined || size !== this.state.files.get(pathOf(hash))) return undefined;
    this.kept++;
    return hash;
  }

  wrote(): void {
    this.written++;
  }

  articleJson(position: number): readonly Uint8Array[] {
    const i = this.seeds.newestFirst[position] as number;
    const changedAt = this.seeds.changedAt[i] as number;
    const links = this.reading.links.get(i);
    if (links) {
      const { summary, json } = this.reading.fresh.get(i) as { summary: SeedSummary; json: ArticleBytes };
      const updated = this.updated(summary.published, i);
      return articleJsonParts(json, JSON.stringify(links), changedAt, updated);
    }
    const oldPosition = this.oldPositions[position] as number;
    const line = this.old.line(oldPosition);
    if (!this.changed.has(position)) return [line];
    const old = this.old.article(oldPosition);
    const updated = this.updated(old.published, i);
    const fresh = this.reading.fresh.get(i);
    if (fresh) return articleJsonParts(fresh.json, JSON.stringify(old.related), changedAt, updated);
    // Dated anew, the same bytes: the history is the line's end (a key's bare quotes cannot stand
    // inside a string, where every quote is escaped).
    const end = line.lastIndexOf(',"changedAt":');
    return [line.subarray(0, end), Buffer.from(historyJson(changedAt, updated))];
  }

  private updated(published: string, i: number): string {
    return updatedDate(published, Date.parse(published), this.seeds.correction(i), this.timeZone);
  }

  /** The article's publication date (no quick build changes one). */
  published(position: number): { published: string } {
    const fresh = this.reading.fresh.get(this.seeds.newestFirst[position] as number);
    return {
      published:
        fresh?.summary.published ?? this.old.article(this.oldPositions[position] as number).published,
    };
  }
}

/** The archive the last build wrote, as its state names it: its articles' lines and its index file. */
export class OldArchive {
  /** Main chunks as they are read, by chunk index: their bytes and where each line starts. */
  private readonly chunks = new Map<number, { bytes: Buffer; starts: number[] }>();

  constructor(
    private readonly state: ArchiveState,
    private readonly output: ArchiveOutput,
    private readonly hashBytes: (parts: readonly Uint8Array[]) => string,
  ) {}

  /** The article at a position of the last build's newest-first order, as it wrote it. */
  article(position: number): OldArticle {
    return JSON.parse(this.line(position).toString()) as OldArticle;
  }

  /** The article's line in the main chunk the last build wrote it to; a damaged file is refused. */
  line(position: number): Buffer {
    const { manifest } = this.state;
    const oldestFirst = manifest.articleCount - 1 - position;
    const index = Math.floor(oldestFirst / manifest.chunkSize);
    const hash = hashAt(manifest.chunkHashes, index);
    const asset = chunkPath(index, hash);
    let chunk = this.chunks.get(index);
    if (!chunk) {
      const bytes = this.read(asset);
      const starts = lineStarts(bytes);
      // Its hash is that of the lines after the header, the line break before them included.
      if (this.hashBytes([bytes.subarray((starts[1] as number) - 1)]) !== hash) {
        throw new QuickRefusal(`chunk ${index} was damaged`, asset);
      }
      chunk = { bytes, starts };
      this.chunks.set(index, chunk);
    }
    // Line 0 is the header.
    const line = (oldestFirst % manifest.chunkSize) + 1;
    const { bytes, starts } = chunk;
    if (line + 1 >= starts.length) throw new QuickRefusal(`chunk ${index} was damaged`, asset);
    return bytes.subarray(starts[line], (starts[line + 1] as number) - 1);
  }

  /** The index file the last build wrote, checked against its hash. */
  index(): IndexFile {
    const { indexHash } = this.state.manifest;
    const bytes = this.read(indexPath(indexHash));
    const damaged = () => new QuickRefusal("the index file was damaged", indexPath(indexHash));
    let index: IndexFile;
    try {
      index = JSON.parse(bytes.toString()) as IndexFile;
    } catch {
      throw damaged();
    }
    const json = Buffer.from(JSON.stringify({ sources: index.sources, sitemapHashes: index.sitemapHashes }));
    if (this.hashBytes([json]) !== indexHash) throw damaged();
    return index;
  }

  private read(asset: string): Buffer {
    try {
      return this.output.read(asset);
    } catch {
      throw new QuickRefusal(`${asset} is missing`);
    }
  }
}

/** What a quick build reads of an article's old line: what decides places and links. */
interface OldArticle {
  id: string;
  title: string;
  published: string;
  related: { headline: string; position: number }[];
}
