/**
 * `npm run build` end to end (runs in Node): scripts/build.mjs compiles the content build and runs
 * it; a seed that cannot be parsed fails the command, by file and line, and writes nothing.
 */
import { execFile, spawnSync } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

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

describe("wrangler's [build] command, scripts/build.sh", { timeout: 30_000 }, () => {
  const note = path.join(".wirefeed", "watcher.pid");
  let earlier: string | null = null;
  beforeAll(async () => {
    earlier = await readFile(note, "utf8").catch(() => null);
  });
  afterAll(async () => {
    if (earlier === null) await rm(note, { force: true });
    else await writeFile(note, earlier);
  });
  const build = (pid: number) =>
    writeFile(note, String(pid)).then(() =>
      run("sh", ["scripts/build.sh"], {
        env: { ...process.env, SEEDS_DIR: seeds, WIREFEED_DEV_WATCHER: "1" },
      }).then(
        ({ stdout }) => ({ code: 0, stdout }),
        (error: { code: number; stdout: string }) => error,
      ),
    );

  it("leaves the build to npm run dev's watcher while it runs", async () => {
    const outcome = await build(process.pid);
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toBe("wirefeed: npm run dev's watcher builds the content\n");
  });

  it("waits while the watcher has a change to build, so wrangler bundles what it built", async () => {
    const busy = path.join(".wirefeed", "watcher.busy");
    await writeFile(busy, "");
    let answered = false;
    const outcome = build(process.pid).then((result) => {
      answered = true;
      return result;
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(answered).toBe(false);
    await rm(busy);
    expect((await outcome).stdout).toBe("wirefeed: npm run dev's watcher builds the content\n");
  });

  it("builds when the watcher named is gone", async () => {
    const gone = spawnSync(process.execPath, ["-e", "0"]).pid;
    expect((await build(gone)).code).toBe(1); // the broken seed: so the build ran
  });
});
