/** The build cache file: what a build keeps for the next one comes back as it was (runs in Node). */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { type BuildCache, loadCache, saveCache } from "../../scripts/lib/build-cache";

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
  expect(loadCache(file, "key")).toEqual({ ok: true, cache: CACHE });
});

it("reads a cache without a commit log (no git) as one: the next build walks the history", () => {
  const file = path.join(work, "cache.json");
  const { commits: _commits, codeCommit: _codeCommit, ...withoutLog } = CACHE;
  saveCache(file, "key", withoutLog);
  expect(loadCache(file, "key")).toEqual({
    ok: true,
    cache: { ...withoutLog, commits: undefined, codeCommit: undefined },
  });
});
