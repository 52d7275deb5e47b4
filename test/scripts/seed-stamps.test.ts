/** The seeds' stamp fields, read in the build's thread or a worker thread (runs in Node). */
import { statSync } from "node:fs";
import { mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { readSeedStamps } from "../../scripts/lib/seed-stamps";

let work: string;
const NAMES = ["a.txt", "b.txt", "gone.txt", "c.txt"];

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), "wirefeed-stamps-"));
  for (const [i, name] of ["a.txt", "b.txt", "c.txt"].entries()) {
    const file = path.join(work, name);
    await writeFile(file, "x".repeat(10 + i));
    // A modification time of its own, apart from the change time the write gave it.
    const time = new Date(Date.UTC(2024, 8, 2, 10, i));
    await utimes(file, time, time);
  }
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

it.each([
  ["in the build's own thread", Number.POSITIVE_INFINITY],
  ["on a worker thread", 0],
])(
  "reads each file's size, times and inode %s, and nothing for a file that is gone",
  async (_, threadFrom) => {
    const stamps = await readSeedStamps(work, NAMES, threadFrom).stamps;
    expect(stamps.length).toBe(4);
    for (const [i, name] of NAMES.entries()) {
      const info = statSync(path.join(work, name), { throwIfNoEntry: false });
      expect(stamps.at(i), name).toEqual(
        info && { size: info.size, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs, ino: info.ino },
      );
    }
    expect(stamps.at(0)).toMatchObject({ size: 10, mtimeMs: Date.UTC(2024, 8, 2, 10, 0) });
    expect(stamps.at(2)).toBeUndefined();
  },
);
