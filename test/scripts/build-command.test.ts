/**
 * `npm run build` end to end (runs in Node): scripts/build.mjs compiles the content build and runs
 * it; a seed that cannot be parsed fails the command, by file and line, and writes nothing.
 */
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";

const run = promisify(execFile);
let seeds: string;

beforeAll(async () => {
  seeds = path.join(await mkdtemp(path.join(os.tmpdir(), "wirefeed-command-")), "seeds");
  await mkdir(seeds);
  await writeFile(path.join(seeds, "broken.txt"), "A title\n\nNot a dateline\n");
});

afterAll(async () => {
  await rm(path.dirname(seeds), { recursive: true, force: true });
});

it("fails on a broken seed, naming its file and line, and leaves the archive as it was", async () => {
  const before = (await readdir("build/archive", { recursive: true })).sort();
  const failed = await run(process.execPath, ["scripts/build.mjs"], {
    env: { ...process.env, SEEDS_DIR: seeds, WIREFEED_KEEP_LAST_GOOD_BUILD: "" },
  }).then(
    () => null,
    (error: { code: number; stderr: string }) => error,
  );
  expect(failed?.code).toBe(1);
  expect(failed?.stderr).toMatch(/broken\.txt:\d+: /);
  expect(failed?.stderr).toContain("build failed with 1 error(s); the previous build is unchanged");
  expect((await readdir("build/archive", { recursive: true })).sort()).toEqual(before);
});
