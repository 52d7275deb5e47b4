/**
 * The build cache's journal: what each build changed since the cache file was last written whole,
 * one checked line a build, so that an edit does not rewrite the 5 MB of 10,000 seeds (53 MB of
 * 100,000). Every cache entry holds for the file stamp or the fingerprint it names, so a journal
 * cut short, or an older state, only makes a build read or write more; it never trusts a wrong one.
 */
import { appendFileSync, readFileSync } from "node:fs";
// build-cache.ts imports this module too; sha1 is only called, never read while modules load.
import { type BuildCache, type CachedChunk, type CachedIcons, type CachedSeed, sha1 } from "./build-cache";
import type { CodeCommit } from "./content-history";

/** The keys set (added or changed) and removed between two maps. */
interface MapChange<V> {
  set: [string, V][];
  removed: string[];
}

/** One build's change to the cache. A field left out is unchanged; null means it is gone. */
export interface CacheChange {
  scannedAt: number;
  seeds: MapChange<CachedSeed>;
  chunks: MapChange<CachedChunk>;
  commits?: { head: string; newest: number; files: MapChange<[number, number]> } | null;
  /**
   * Seeds read again by a quick build (quick-build.ts), which has no summaries to set: a new stamp
   * for the entry of the same bytes (SHA-1); an entry of other bytes is dropped, to be read again.
   */
  restamped?: [name: string, stamp: string, sha: string][];
  codeCommit?: CodeCommit | null;
  icons?: CachedIcons | null;
}

/**
 * What changed from `before` to `after`. A build keeps the entries it did not change as the very
 * objects it loaded, so an entry is unchanged when it is the same object.
 */
export function changeBetween(before: BuildCache, after: BuildCache): CacheChange {
  const change: CacheChange = {
    scannedAt: after.scannedAt,
    seeds: mapChange(before.seeds, after.seeds),
    chunks: mapChange(before.chunks, after.chunks),
  };
  if (after.commits !== before.commits) {
    change.commits = after.commits
      ? {
          head: after.commits.head,
          newest: after.commits.newest,
          files: mapChange(before.commits?.files ?? new Map(), after.commits.files),
        }
      : null;
  }
  if (
    after.codeCommit?.head !== before.codeCommit?.head ||
    after.codeCommit?.time !== before.codeCommit?.time
  )
    change.codeCommit = after.codeCommit ?? null;
  if (after.icons?.sha !== before.icons?.sha) change.icons = after.icons ?? null;
  return change;
}

function mapChange<V>(before: ReadonlyMap<string, V>, after: ReadonlyMap<string, V>): MapChange<V> {
  const set: [string, V][] = [];
  for (const [key, value] of after) if (before.get(key) !== value) set.push([key, value]);
  const removed: string[] = [];
  for (const key of before.keys()) if (!after.has(key)) removed.push(key);
  return { set, removed };
}

/** `cache` with `change` applied, in place. */
export function applyChange(cache: BuildCache, change: CacheChange): BuildCache {
  cache.scannedAt = change.scannedAt;
  applyMapChange(cache.seeds, change.seeds);
  applyMapChange(cache.chunks, change.chunks);
  for (const [name, stamp, sha] of change.restamped ?? []) {
    const entry = cache.seeds.get(name);
    if (entry?.sha === sha) cache.seeds.set(name, { ...entry, stamp });
    else cache.seeds.delete(name);
  }
  if (change.commits === null) cache.commits = undefined;
  else if (change.commits) {
    // The cache being loaded is the caller's own: its map is changed where it is.
    const files = cache.commits?.files ?? new Map();
    applyMapChange(files, change.commits.files);
    cache.commits = { head: change.commits.head, newest: change.commits.newest, files };
  }
  if (change.codeCommit !== undefined) cache.codeCommit = change.codeCommit ?? undefined;
  if (change.icons !== undefined) cache.icons = change.icons ?? undefined;
  return cache;
}

function applyMapChange<V>(map: Map<string, V>, { set, removed }: MapChange<V>): void {
  for (const key of removed) map.delete(key);
  for (const [key, value] of set) map.set(key, value);
}

/** A journal line: the JSON, a tab and its SHA-1, so that a line cut short is told apart. */
function line(value: unknown): string {
  const json = JSON.stringify(value);
  return `${json}\t${sha1(json)}\n`;
}

/**
 * The changes in the journal `file` that belong to the cache file whose body has the SHA-1 `base`
 * (its first line names it), in order, up to the first line that does not check; and its size,
 * infinite when a damaged line ends it early: lines added after that one would never be read, so
 * the next save writes the cache file whole. A journal of another cache file, or none, is no change.
 */
export function readJournal(file: string, base: string): { changes: CacheChange[]; bytes: number } {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return { changes: [], bytes: 0 };
  }
  const values: unknown[] = [];
  const entries = text.split("\n");
  // Every line ends with a newline: what follows the last one is empty, unless it was cut short.
  const last = entries.pop();
  let whole = last === "";
  for (const entry of entries) {
    const tab = entry.lastIndexOf("\t");
    const json = entry.slice(0, tab);
    if (tab < 0 || entry.slice(tab + 1) !== sha1(json)) {
      whole = false;
      break;
    }
    values.push(JSON.parse(json));
  }
  const [header, ...changes] = values as [{ base?: string } | undefined, ...CacheChange[]];
  if (header?.base !== base) return { changes: [], bytes: 0 };
  return { changes, bytes: whole ? Buffer.byteLength(text) : Number.POSITIVE_INFINITY };
}

/**
 * The journal line of `change`, for the journal of the cache file whose body has the SHA-1 `base`:
 * with its first line too when `fresh` (no journal of that file yet).
 */
export function journalText(base: string, change: CacheChange, fresh: boolean): string {
  return (fresh ? line({ base }) : "") + line(change);
}

/** Adds text from journalText to the journal `file`, starting it anew when `fresh`. */
export function appendJournal(file: string, text: string, fresh: boolean): void {
  appendFileSync(file, text, { flag: fresh ? "w" : "a" });
}
