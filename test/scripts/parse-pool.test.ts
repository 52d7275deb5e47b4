/**
 * Parsing on worker threads (runs in Node): the readings, and so the build, are the ones the main
 * thread makes alone, in the same order, errors included.
 */
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildContent } from "../../scripts/build-content";
import { sha1 } from "../../scripts/lib/build-cache";
import { readSeedsInParallel } from "../../scripts/lib/parse-pool";
import { readSeedFile, type SeedJob } from "../../scripts/lib/seed-file";
import { syntheticSeeds } from "../../scripts/lib/synthetic-seed";

const TIME_ZONE = "America/Caracas";
/** Everything through the threads: the main thread would parse a few hundred seeds itself first. */
const THREADS_ONLY = {
  threads: 2,
  workerEntry: path.resolve("scripts/lib/parse-worker.ts"),
  compiledDir: path.join(os.tmpdir(), `wirefeed-pool-compiled-${process.pid}`),
  mainThreadHelps: false,
};
let work: string;
let jobs: SeedJob[];

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), "wirefeed-pool-"));
  await writeFile(path.join(work, "wrangler.toml"), `[vars]\nTIME_ZONE = "${TIME_ZONE}"\n`);
  await writeFile(path.join(work, "package-lock.json"), "{}");
  const seeds = path.join(work, "seeds");
  await import("node:fs/promises").then(({ mkdir }) => mkdir(seeds));
  for (const { name, text } of syntheticSeeds(300, 11)) await writeFile(path.join(seeds, name), text);
  const names = (await readdir(seeds)).sort();
  jobs = names.map((name) => ({
    file: path.join(seeds, name),
    display: `seeds/${name}`,
    knownSha: undefined,
  }));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
  await rm(THREADS_ONLY.compiledDir, { recursive: true, force: true });
});

describe("readSeedsInParallel", () => {
  it("reads each seed as the main thread does, in the jobs' order", async () => {
    const readings = await readSeedsInParallel(jobs, TIME_ZONE, THREADS_ONLY);
    expect(readings).toHaveLength(300);
    for (const [i, job] of jobs.entries()) {
      const alone = readSeedFile(job, TIME_ZONE);
      const reading = readings[i];
      if (reading?.outcome !== "parsed" || alone.outcome !== "parsed") throw new Error(job.file);
      expect(reading.sha).toBe(sha1(await readFile(job.file)));
      const info = await stat(job.file);
      expect(reading.stamp).toBe(`${info.size}:${info.mtimeMs}:${info.ctimeMs}:${info.ino}`);
      expect(reading.modifiedMs).toBe(info.mtimeMs);
      expect(reading.summary).toEqual(alone.summary);
      expect(Buffer.from(reading.json.head).equals(alone.json.head), job.file).toBe(true);
      expect(Buffer.from(reading.json.tail).equals(alone.json.tail), job.file).toBe(true);
    }
  });

  it("knows a seed by its SHA-1, and reports a broken seed's errors by file and line", async () => {
    const broken = path.join(work, "broken.txt");
    await writeFile(broken, "A title\n\nNot a dateline\n");
    const known = jobs[7] as SeedJob;
    const readings = await readSeedsInParallel(
      [
        ...jobs.slice(0, 150),
        { file: broken, display: "seeds/broken.txt", knownSha: undefined },
        { ...known, knownSha: sha1(await readFile(known.file)) },
      ],
      TIME_ZONE,
      THREADS_ONLY,
    );
    expect(readings[150]).toEqual(
      readSeedFile({ file: broken, display: "seeds/broken.txt", knownSha: undefined }, TIME_ZONE),
    );
    expect(readings[150]).toMatchObject({
      outcome: "failed",
      errors: [expect.stringMatching(/^seeds\/broken\.txt:\d+:/)],
    });
    expect(readings[151]).toMatchObject({ sha: sha1(await readFile(known.file)), outcome: "known" });
  });
});

describe("the content build on worker threads", () => {
  it("writes byte for byte what a build on the main thread writes", async () => {
    const build = async (out: string, parallelParseFrom: number) => {
      const result = await buildContent({
        seedsDir: path.join(work, "seeds"),
        manifestFile: path.join(work, out, "manifest.ts"),
        assetsDir: path.join(work, out, "archive"),
        wranglerConfig: path.join(work, "wrangler.toml"),
        projectDir: work,
        cacheFile: path.join(work, out, "cache.json"),
        parallelParseFrom,
        parseThreads: 2,
      });
      expect(result).toMatchObject({ ok: true, work: { seedsParsed: 300 } });
      const root = path.join(work, out);
      const files = (await readdir(root, { recursive: true, withFileTypes: true })).filter((entry) =>
        entry.isFile(),
      );
      return new Map(
        await Promise.all(
          files.map(async (entry) => {
            const file = path.join(entry.parentPath, entry.name);
            return [path.relative(root, file), await readFile(file)] as const;
          }),
        ),
      );
    };
    const alone = await build("alone", Number.POSITIVE_INFINITY);
    const threaded = await build("threaded", 1);
    expect([...threaded.keys()].sort()).toEqual([...alone.keys()].sort());
    for (const [file, bytes] of alone) {
      // The cache and the quick build's state hold the time of their scan: the files two builds
      // cannot share.
      if (!["cache.json", "archive-state.bin"].includes(file)) {
        expect(threaded.get(file)?.equals(bytes), file).toBe(true);
      }
    }
  });
});
