/**
 * The quick build: after edits that move no article and change no id, title, date, source or
 * RELATED headline (a correction's usual shape), the archive is packed again from the last
 * build's state (archive-state.ts) instead of the build cache: only the changed seeds are read,
 * and the chunks that hold them are written again from their old files' lines. Anything else, and
 * it refuses (QuickRefusal): the build's full path runs instead.
 */
import path from "node:path";
import {
  chunkPath,
  HASH_LENGTH,
  hashAt,
  type IndexFile,
  indexPath,
  shardPath,
  sourceChunkPath,
} from "../../src/archive/layout";
import type { ArchiveContent, ArticleEntry, ChunkReuse } from "../../src/archive/pack-archive";
import { updatedDate } from "../../src/content/build-archive";
import type { ArchiveOutput } from "./archive-output";
import { type ArchiveState, KeptSeeds } from "./archive-state";
import type { CachedSeed, SeedSummary } from "./build-cache";
import type { CacheChange } from "./cache-journal";
import type { ContentHistory } from "./content-history";
import { type ArticleBytes, articleJsonParts, historyJson, isRacy, readSeedFile } from "./seed-file";
import type { StampTable } from "./seed-stamps";

/** Why the quick build does not apply: the full build runs instead, and the summary says why. */
export class QuickRefusal extends Error {
  override readonly name = "QuickRefusal";
}

/**
 * At most this many articles changed (read anew, or dated anew): beyond, the chunks to write
 * again approach what the full path writes, and it is the one that keeps the build cache current.
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

/** The seeds a quick build read, by their position in file-name order: what changed. */
export interface QuickReading {
  /** Parsed anew: the article's summary and its JSON around its links. */
  fresh: Map<number, { summary: SeedSummary; json: ArticleBytes }>;
  /** The seeds' columns with the new stamps and SHA-1s: a copy, which the history is added to. */
  seeds: KeptSeeds;
  /** Each seed's modification time (ms, whole seconds), for the history. */
  fileTimes: Map<string, number>;
  seedsRead: number;
  /** The seeds read, for the build cache's journal: parsed ones whole, the rest restamped. */
  cacheChange: Pick<CacheChange, "restamped"> & { set: [string, CachedSeed][] };
}

/**
 * Reads the seeds whose stamps changed since the state was written, and parses those whose bytes
 * did. Refuses when the set of seeds changed, when too many did, when one has errors (the full
 * path reports them), or when an edit changed what the state keeps of an article's shape.
 */
export function readChangedSeeds(now: SeedsNow): QuickReading {
  const { state, names, stamps } = now;
  const kept = state.seeds;
  if (names.length !== kept.count || KeptSeeds.namesSha(names) !== kept.namesSha) {
    throw new QuickRefusal("seeds were added or removed");
  }
  const seeds = kept.copy();
  const fresh: QuickReading["fresh"] = new Map();
  const fileTimes = new Map<string, number>();
  const cacheChange: QuickReading["cacheChange"] = { set: [], restamped: [] };
  let seedsRead = 0;
  for (const [i, name] of names.entries()) {
    if (stamps.same(i, kept.stamps)) {
      const info = kept.stamp(i);
      if (!isRacy(info, state.scannedAt)) {
        fileTimes.set(name, Math.floor(info.mtimeMs / 1000) * 1000);
        continue;
      }
    } else if (stamps.at(i) === undefined) throw new QuickRefusal("seeds were added or removed");
    if (++seedsRead > QUICK_CHANGES_AT_MOST) throw new QuickRefusal("too many seeds changed");
    const job = {
      file: path.join(now.seedsDir, name),
      display: `${now.displayDir}/${name}`,
      knownSha: kept.sha(i),
    };
    const reading = readSeedFile(job, now.timeZone);
    if (reading.outcome === "failed") throw new QuickRefusal("a changed seed has errors");
    fileTimes.set(name, Math.floor(reading.modifiedMs / 1000) * 1000);
    seeds.reread(i, reading.stamp, reading.sha);
    if (reading.outcome === "parsed") {
      if (!sameShape(reading.summary, kept, i))
        throw new QuickRefusal("an edit changed an article's place or links");
      fresh.set(i, { summary: reading.summary, json: reading.json });
      cacheChange.set.push([name, { stamp: reading.stamp, sha: reading.sha, summary: reading.summary }]);
    } else cacheChange.restamped?.push([name, reading.stamp, reading.sha]);
  }
  return { fresh, seeds, fileTimes, seedsRead, cacheChange };
}

/** What the state keeps of an article's shape; its title, date and headlines are checked against its old line. */
function sameShape(summary: SeedSummary, kept: KeptSeeds, i: number): boolean {
  const sources = kept.sources[i] ?? [];
  return (
    summary.id === kept.ids[i] &&
    summary.slug === kept.slugs[i] &&
    summary.related.length === kept.relatedCounts[i] &&
    summary.sources.length === sources.length &&
    summary.sources.every((source, at) => source === sources[at])
  );
}

/**
 * The archive's content for archiveFiles after a quick reading: every article as the state has it
 * with its new history, the changed ones' JSON made anew and the rest copied from the chunk files
 * the last build wrote; and the ChunkReuse that keeps every chunk none of them is in. Positions
 * are newest-first ones, as archiveFiles counts them, unless named otherwise.
 */
export class QuickArchive implements ArchiveContent, ChunkReuse {
  readonly newestFirst: ArticleEntry[];
  /** The seeds' columns with this build's stamps and history, for the next state. */
  readonly seeds: KeptSeeds;
  written = 0;
  kept = 0;
  /** The articles whose JSON changes. */
  private readonly changed = new Set<number>();
  /** A chunk file's place (its path without a hash) -> the hash the last build wrote there. */
  private readonly oldHashes = new Map<string, string>();
  /** Old main chunks' lines, by chunk index, as they are read. */
  private readonly oldLines = new Map<number, Buffer[]>();

  constructor(
    private readonly state: ArchiveState,
    /** The seed file names, in file-name order. */
    names: readonly string[],
    private readonly reading: QuickReading,
    history: ContentHistory,
    private readonly output: ArchiveOutput,
    private readonly timeZone: string,
    private readonly hashBytes: (parts: readonly Uint8Array[]) => string,
  ) {
    const { seeds } = reading;
    const { newestFirst } = seeds;
    for (const [position, i] of newestFirst.entries()) {
      const { changedAt, correctedAt } = history.seeds.get(names[i] as string) ?? {
        changedAt: 0,
        correctedAt: null,
      };
      if (reading.fresh.has(i) || changedAt !== seeds.changedAt[i] || correctedAt !== seeds.correction(i)) {
        this.changed.add(position);
        seeds.dated(i, changedAt, correctedAt);
      }
    }
    this.seeds = seeds;
    if (this.changed.size > QUICK_CHANGES_AT_MOST)
      throw new QuickRefusal("too many articles were dated anew");
    // The title, date and headlines decide other articles' links and every article's place.
    for (const [position, i] of newestFirst.entries()) {
      const summary = reading.fresh.get(i)?.summary;
      if (!summary) continue;
      const old = this.oldArticle(position);
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
    this.newestFirst = Array.from(newestFirst, (i) => ({
      id: seeds.ids[i] as string,
      slug: seeds.slugs[i] as string,
      sources: seeds.sources[i] as string[],
      changedAt: seeds.changedAt[i] as number,
      related: { length: seeds.relatedCounts[i] as number },
    }));
    const { manifest } = state;
    for (let index = 0; index * manifest.chunkSize < manifest.articleCount; index++) {
      this.oldHashes.set(chunkPath(index, ""), hashAt(manifest.chunkHashes, index));
    }
    for (const { slug, count, chunkHashes } of this.oldIndex().sources) {
      for (let index = 0; index * manifest.chunkSize < count; index++) {
        this.oldHashes.set(sourceChunkPath(slug, index, ""), hashAt(chunkHashes, index));
      }
    }
  }

  /**
   * The lookup shards the last build wrote, if their files are in place: a quick build changes no
   * id, order or redirect, so they are this build's too (see PackOptions.keptShards).
   */
  keptShards(): string | undefined {
    const { shardHashes } = this.state.manifest;
    for (let index = 0; index * HASH_LENGTH < shardHashes.length; index++) {
      const shard = shardPath(index, hashAt(shardHashes, index));
      if (this.output.sizeOf(shard) !== this.state.files.get(shard)) return undefined;
    }
    return shardHashes;
  }

  /** ChunkReuse: a chunk none of whose articles changed is the file the last build wrote in its place. */
  find(positions: readonly number[], pathOf: (hash: string) => string): string | undefined {
    if (positions.some((position) => this.changed.has(position))) return undefined;
    const hash = this.oldHashes.get(pathOf(""));
    if (hash === undefined) return undefined;
    const size = this.output.sizeOf(pathOf(hash));
    if (size === undefined || size !== this.state.files.get(pathOf(hash))) return undefined;
    this.kept++;
    return hash;
  }

  wrote(): void {
    this.written++;
  }

  articleJson(position: number): readonly Uint8Array[] {
    const line = this.oldLine(position);
    if (!this.changed.has(position)) return [line];
    const i = this.seeds.newestFirst[position] as number;
    const changedAt = this.seeds.changedAt[i] as number;
    const old = this.oldArticle(position);
    const updated = updatedDate(
      old.published,
      Date.parse(old.published),
      this.seeds.correction(i),
      this.timeZone,
    );
    const fresh = this.reading.fresh.get(i);
    if (fresh) return articleJsonParts(fresh.json, JSON.stringify(old.related), changedAt, updated);
    // Dated anew, the same bytes: the history is the line's end (a key's bare quotes cannot stand
    // inside a string, where every quote is escaped).
    const end = line.lastIndexOf(',"changedAt":');
    return [line.subarray(0, end), Buffer.from(historyJson(changedAt, updated))];
  }

  /** The article's publication date, as its old line has it (no quick build changes one). */
  published(position: number): { published: string } {
    return { published: this.oldArticle(position).published };
  }

  /** The article as the last build wrote it. */
  private oldArticle(position: number): OldArticle {
    return JSON.parse(this.oldLine(position).toString()) as OldArticle;
  }

  /** The article's line in the main chunk the last build wrote it to; a damaged file is refused. */
  private oldLine(position: number): Buffer {
    const { manifest } = this.state;
    const oldestFirst = manifest.articleCount - 1 - position;
    const index = Math.floor(oldestFirst / manifest.chunkSize);
    let lines = this.oldLines.get(index);
    if (!lines) {
      const hash = hashAt(manifest.chunkHashes, index);
      const bytes = this.readOld(chunkPath(index, hash));
      const body = bytes.subarray(bytes.indexOf(NEWLINE));
      if (this.hashBytes([body]) !== hash) throw new QuickRefusal(`chunk ${index} was damaged`);
      lines = [];
      for (let start = 1; start < body.length; ) {
        const end = body.indexOf(NEWLINE, start);
        lines.push(body.subarray(start, end < 0 ? body.length : end));
        start = end < 0 ? body.length : end + 1;
      }
      this.oldLines.set(index, lines);
    }
    const line = lines[oldestFirst % manifest.chunkSize];
    if (!line) throw new QuickRefusal(`chunk ${index} was damaged`);
    return line;
  }

  /** The index file the last build wrote, checked against its hash. */
  private oldIndex(): IndexFile {
    const { indexHash } = this.state.manifest;
    const index = JSON.parse(this.readOld(indexPath(indexHash)).toString()) as IndexFile;
    const json = Buffer.from(JSON.stringify({ sources: index.sources, sitemapHashes: index.sitemapHashes }));
    if (this.hashBytes([json]) !== indexHash) throw new QuickRefusal("the index file was damaged");
    return index;
  }

  private readOld(asset: string): Buffer {
    try {
      return this.output.read(asset);
    } catch {
      throw new QuickRefusal(`${asset} is missing`);
    }
  }
}

const NEWLINE = 0x0a;

/** What a quick build reads of an article's old line: what decides places and links. */
interface OldArticle {
  title: string;
  published: string;
  related: { headline: string; position: number }[];
}
