/** The build cache file: what a build keeps for the next one comes back as it was (runs in Node). */
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm, truncate, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import {
  type BuildCache,
  type CachedSeed,
  journalChange,
  journalFile,
  loadCache,
  SEEDS_A_BATCH,
  saveCache,
} from "../../scripts/lib/build-cache";

let work: string;
beforeEach(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), "wirefeed-cache-test-"));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

const CACHE: BuildCache = {
  scannedAt: Date.UTC(2024, 8, 2, 10),
  seeds: new Map(),
  chunks: new Map([["chunk key", { hash: "0123456789ab", size: 1234 }]]),
  commits: {
    head: "4b825dc642cb6eb9a060e54bf8d69288fbee4904",
    newest: Date.UTC(2024, 8, 2, 10),
    files: new Map([["a.txt", [Date.UTC(2024, 8, 2, 10), 2]]]),
  },
  codeCommit: { head: "4b825dc642cb6eb9a060e54bf8d69288fbee4904", time: Date.UTC(2024, 8, 1, 10) },
};

it("gives back the seeds folder's commit log and the code's last commit as they were saved", () => {
  const file = path.join(work, "cache.json");
  saveCache(file, "key", CACHE);
  expect(loadCache(file, "key")).toMatchObject({ ok: true, cache: CACHE });
});

it("reads a cache without a commit log (no git) as one: the next build walks the history", () => {
  const file = path.join(work, "cache.json");
  const { commits: _commits, codeCommit: _codeCommit, ...withoutLog } = CACHE;
  saveCache(file, "key", withoutLog);
  const loaded = loadCache(file, "key");
  expect(loaded.ok).toBe(true);
  expect(loaded.cache).toEqual({ ...withoutLog, commits: undefined, codeCommit: undefined });
});

/** A seed's cache entry, told apart by `n`. */
const seed = (n: number): CachedSeed => ({
  stamp: `${1000 + n}:1725271200000:1725271200000:${n}`,
  sha: String(n).padStart(40, "0"),
  summary: {
    id: `id${n}`,
    slug: `slug-${n}`,
    title: `Title ${n}`,
    published: "2024-09-02T10:00:00-04:00",
    related: [{ headline: `Title ${n + 1}`, position: 1 }],
    sources: ["EFE"],
  },
});

/** A cache of 40 seeds, saved whole, and loaded back as a build loads it. */
function savedWhole(file: string) {
  const whole: BuildCache = {
    ...CACHE,
    seeds: new Map(Array.from({ length: 40 }, (_, n) => [`${n}.txt`, seed(n)])),
  };
  saveCache(file, "key", whole);
  return loadCache(file, "key");
}

it("gives back every seed of a cache written whole in batches, its non-ASCII text included", () => {
  const file = path.join(work, "cache.json");
  // Two whole batches and one seed more, one titled outside ASCII.
  const count = 2 * SEEDS_A_BATCH + 1;
  const seeds = new Map(Array.from({ length: count }, (_, n) => [`${n}.txt`, seed(n)]));
  const title = "Año nuevo en Bogotá: “el sector” — 東京 🗞️";
  seeds.set("1500.txt", { ...seed(1500), summary: { ...seed(1500).summary, title } });
  saveCache(file, "key", { ...CACHE, seeds });
  const loaded = loadCache(file, "key");
  expect(loaded.ok).toBe(true);
  expect(loaded.cache.seeds.size).toBe(count);
  expect(loaded.cache.seeds.get("1500.txt")?.summary.title).toBe(title);
  expect(loaded.cache).toEqual({ ...CACHE, seeds, icons: undefined });
});

it("gives back a seed whose UTF-8 (1.2 MB) is longer than the writer's first buffer, its text not", () => {
  const file = path.join(work, "cache.json");
  const title = "é".repeat(600_000);
  const seeds = new Map([["a.txt", { ...seed(1), summary: { ...seed(1).summary, title } }]]);
  saveCache(file, "key", { ...CACHE, seeds });
  expect(loadCache(file, "key")).toMatchObject({ ok: true, cache: { seeds } });
});

/** What a build makes of a loaded cache: seed 3 edited, seed 4 gone, seed 40 new, a chunk and a commit more. */
function edited(loaded: BuildCache, scannedAt: number): BuildCache {
  const seeds = new Map(loaded.seeds);
  seeds.set("3.txt", { ...seed(3), stamp: `edited at ${scannedAt}` });
  seeds.delete("4.txt");
  seeds.set("40.txt", seed(40));
  const commits = loaded.commits && {
    ...loaded.commits,
    head: "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391",
    files: new Map([...loaded.commits.files, ["40.txt", [scannedAt, 1] as [number, number]]]),
  };
  const chunks = new Map([["another chunk", { hash: "ba9876543210", size: 99 }]]);
  return { ...loaded, scannedAt, seeds, chunks, commits, codeCommit: undefined };
}

it("adds an edit's change to a journal beside the file, and reads the file and journal back as the edit left them", async () => {
  const file = path.join(work, "cache.json");
  const loaded = savedWhole(file);
  const whole = readFileSync(file);
  const after = edited(loaded.cache, Date.UTC(2024, 8, 3));
  saveCache(file, "key", after, loaded);
  expect(readFileSync(file).equals(whole)).toBe(true);
  expect(existsSync(journalFile(file))).toBe(true);
  const again = loadCache(file, "key");
  expect(again.cache).toEqual(after);
  // A second build's change goes after the first's.
  const later = { ...again.cache, scannedAt: Date.UTC(2024, 8, 4), seeds: new Map(again.cache.seeds) };
  later.seeds.set("5.txt", seed(55));
  saveCache(file, "key", later, again);
  expect(loadCache(file, "key").cache).toEqual(later);
});

/** The cache saved whole, then one build's edit added to its journal. */
function journaledOnce(file: string) {
  const loaded = savedWhole(file);
  const edit = edited(loaded.cache, Date.UTC(2024, 8, 3));
  saveCache(file, "key", edit, loaded);
  return { loaded, edit };
}

it("reads a journal cut short up to its last whole line: the state of the build before", async () => {
  const file = path.join(work, "cache.json");
  const { edit: first } = journaledOnce(file);
  const again = loadCache(file, "key");
  saveCache(file, "key", { ...again.cache, scannedAt: Date.UTC(2024, 8, 4), seeds: new Map() }, again);
  const journal = journalFile(file);
  await truncate(journal, readFileSync(journal).length - 10);
  const cut = loadCache(file, "key");
  expect(cut.cache).toEqual(first);
  // A line added after the damaged one would never be read: the next save writes the file whole.
  const next = { ...cut.cache, scannedAt: Date.UTC(2024, 8, 5) };
  saveCache(file, "key", next, cut);
  expect(existsSync(journal)).toBe(false);
  expect(loadCache(file, "key").cache).toEqual(next);
});

it("does not read a journal of another cache file, and writes the whole file once the journal would pass a quarter of it", async () => {
  const file = path.join(work, "cache.json");
  const { loaded } = journaledOnce(file);
  const journal = readFileSync(journalFile(file));
  // Another whole file (a watcher's save, say), and the old journal put back beside it.
  const other = { ...loaded.cache, scannedAt: Date.UTC(2024, 8, 5) };
  saveCache(file, "key", other);
  expect(existsSync(journalFile(file))).toBe(false);
  await writeFile(journalFile(file), journal);
  expect(loadCache(file, "key").cache).toEqual(other);
  // Every seed changed: more than a quarter of the file, so it is written whole.
  const current = loadCache(file, "key");
  const rewritten = {
    ...current.cache,
    seeds: new Map([...current.cache.seeds].map(([name, entry]) => [name, { ...entry, stamp: "new" }])),
  };
  saveCache(file, "key", rewritten, current);
  expect(existsSync(journalFile(file))).toBe(false);
  expect(loadCache(file, "key").cache).toEqual(rewritten);
});

it("takes a quick build's change into the journal without loading the cache: seeds parsed, and seeds restamped", () => {
  const file = path.join(work, "cache.json");
  const loaded = savedWhole(file);
  const scannedAt = Date.UTC(2024, 8, 5);
  journalChange(file, {
    scannedAt,
    seeds: { set: [["7.txt", seed(77)]], removed: [] },
    chunks: { set: [], removed: [] },
    restamped: [
      // The same bytes as the cache has: a new stamp for its entry.
      ["8.txt", "new stamp", seed(8).sha],
      // Other bytes than the cache has (an older cache): the entry goes, and the seed is read again.
      ["9.txt", "new stamp", seed(99).sha],
    ],
  });
  const seeds = new Map(loaded.cache.seeds);
  seeds.set("7.txt", seed(77));
  seeds.set("8.txt", { ...seed(8), stamp: "new stamp" });
  seeds.delete("9.txt");
  expect(loadCache(file, "key")).toMatchObject({ ok: true, cache: { ...loaded.cache, scannedAt, seeds } });
});

it("leaves no journal when there is no cache file to add a quick build's change to", () => {
  const file = path.join(work, "cache.json");
  journalChange(file, { scannedAt: 1, seeds: { set: [], removed: [] }, chunks: { set: [], removed: [] } });
  expect(existsSync(journalFile(file))).toBe(false);
});
