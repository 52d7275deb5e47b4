/** Change times from git and from file times (runs in Node, on real temporary repositories). */
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readContentHistory } from "../../scripts/lib/content-history";

const run = promisify(execFile);
let work: string;

const at = (iso: string) => new Date(iso);
const ms = (iso: string) => Date.parse(iso);

async function write(file: string, text: string, mtime?: string): Promise<void> {
  await mkdir(path.dirname(path.join(work, file)), { recursive: true });
  await writeFile(path.join(work, file), text);
  if (mtime) await utimes(path.join(work, file), at(mtime), at(mtime));
}

/** Commits everything in the work tree at a fixed time, as a newsroom's commit would be. */
async function commit(when: string): Promise<void> {
  const env = { ...process.env, GIT_AUTHOR_DATE: when, GIT_COMMITTER_DATE: when };
  await run("git", ["-C", work, "add", "-A"], { env });
  await run(
    "git",
    ["-C", work, "-c", "user.name=Desk", "-c", "user.email=desk@example.com", "commit", "-qm", when],
    {
      env,
    },
  );
}

const history = (seedNames: string[]) =>
  readContentHistory({
    seedsDir: path.join(work, "seeds"),
    seedNames,
    projectDir: work,
    codePaths: ["src", "wrangler.toml"],
  });

beforeEach(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), "wirefeed-history-test-"));
});

afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

describe("readContentHistory with git", () => {
  beforeEach(async () => {
    await run("git", ["init", "-q", work]);
    await write("seeds/a.txt", "A");
    await write("seeds/b.txt", "B");
    await write("src/app.ts", "v1");
    await write("src/generated/manifest.ts", "ignored"); // the build's own output
    await write(".gitignore", "src/generated/\n");
    await commit("2024-09-01T10:00:00Z");
  });

  it("dates everything by its last commit, and calls nothing corrected after one commit", async () => {
    expect(await history(["a.txt", "b.txt"])).toEqual({
      seeds: new Map([
        ["a.txt", { changedAt: ms("2024-09-01T10:00:00Z"), correctedAt: null }],
        ["b.txt", { changedAt: ms("2024-09-01T10:00:00Z"), correctedAt: null }],
      ]),
      seedsChanged: ms("2024-09-01T10:00:00Z"),
      codeChanged: ms("2024-09-01T10:00:00Z"),
      source: "git",
    });
  });

  it("dates a correction, a retraction and a template change by their commits", async () => {
    await write("seeds/a.txt", "A, corrected");
    await commit("2024-09-02T10:00:00Z");
    await rm(path.join(work, "seeds/b.txt"));
    await commit("2024-09-03T10:00:00Z");
    await write("src/app.ts", "v2");
    await commit("2024-09-04T10:00:00Z");
    expect(await history(["a.txt"])).toEqual({
      seeds: new Map([
        ["a.txt", { changedAt: ms("2024-09-02T10:00:00Z"), correctedAt: ms("2024-09-02T10:00:00Z") }],
      ]),
      seedsChanged: ms("2024-09-03T10:00:00Z"),
      codeChanged: ms("2024-09-04T10:00:00Z"),
      source: "git",
    });
  });

  it("counts uncommitted edits by their file times, as wrangler dev needs", async () => {
    await write("seeds/a.txt", "A, being corrected", "2024-09-06T10:00:00Z");
    await write("seeds/new.txt", "New", "2024-09-05T10:00:00Z");
    await utimes(path.join(work, "seeds"), at("2024-09-05T12:00:00Z"), at("2024-09-05T12:00:00Z"));
    await write("src/app.ts", "v3", "2024-09-07T10:00:00Z");
    expect(await history(["a.txt", "b.txt", "new.txt"])).toEqual({
      seeds: new Map([
        ["a.txt", { changedAt: ms("2024-09-06T10:00:00Z"), correctedAt: ms("2024-09-06T10:00:00Z") }],
        ["b.txt", { changedAt: ms("2024-09-01T10:00:00Z"), correctedAt: null }],
        // Never committed: new, not corrected.
        ["new.txt", { changedAt: ms("2024-09-05T10:00:00Z"), correctedAt: null }],
      ]),
      seedsChanged: ms("2024-09-06T10:00:00Z"),
      codeChanged: ms("2024-09-07T10:00:00Z"),
      source: "git",
    });
  });
});

describe("readContentHistory without git (a tarball)", () => {
  it("dates the seeds and the code by their newest file times, the build's own output left out", async () => {
    await write("seeds/a.txt", "A", "2024-09-01T10:00:00Z");
    await write("seeds/b.txt", "B", "2024-09-02T10:00:00Z");
    await utimes(path.join(work, "seeds"), at("2024-09-01T12:00:00Z"), at("2024-09-01T12:00:00Z"));
    await write("src/app.ts", "v1", "2024-08-01T10:00:00Z");
    await write("src/generated/manifest.ts", "written by the build", "2030-01-01T00:00:00Z");
    await write("wrangler.toml", "", "2024-08-02T10:00:00Z");
    expect(await history(["a.txt", "b.txt"])).toEqual({
      seeds: new Map([
        ["a.txt", { changedAt: ms("2024-09-01T10:00:00Z"), correctedAt: null }],
        ["b.txt", { changedAt: ms("2024-09-02T10:00:00Z"), correctedAt: null }],
      ]),
      seedsChanged: ms("2024-09-02T10:00:00Z"),
      codeChanged: ms("2024-08-02T10:00:00Z"),
      source: "file times",
    });
  });
});
