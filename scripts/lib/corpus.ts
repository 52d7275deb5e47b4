/** Node-side corpus steps shared by the benchmark and the soak: write synthetic seeds, build them. */
import { execFile } from "node:child_process";
import { cp, mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { syntheticSeeds } from "./synthetic-seed";

const run = promisify(execFile);
export const ROOT = path.resolve(import.meta.dirname, "../..");

/** Writes `count` synthetic seeds (seed 1) into `folder`. */
export async function writeSyntheticSeeds(folder: string, count: number): Promise<void> {
  await mkdir(folder, { recursive: true });
  const seeds = syntheticSeeds(count, 1);
  for (let i = 0; i < seeds.length; i += 256) {
    await Promise.all(
      seeds.slice(i, i + 256).map(({ name, text }) => writeFile(path.join(folder, name), text)),
    );
  }
}

/**
 * Runs `npm run build` on a seeds folder, as a publisher would, and copies the archive it wrote
 * to `archiveCopy`. Returns the build's wall time in milliseconds.
 */
export async function buildCorpus(seedsDir: string | null, archiveCopy?: string): Promise<number> {
  const started = performance.now();
  const env = { ...process.env, ...(seedsDir ? { SEEDS_DIR: seedsDir } : {}) };
  if (!seedsDir) delete env.SEEDS_DIR;
  await run("npm", ["run", "-s", "build"], { cwd: ROOT, env, maxBuffer: 64 * 1024 * 1024 });
  const elapsed = performance.now() - started;
  if (archiveCopy) {
    await rm(archiveCopy, { recursive: true, force: true });
    await cp(path.join(ROOT, "build/archive"), archiveCopy, { recursive: true });
  }
  return elapsed;
}
