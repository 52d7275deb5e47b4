/** Change times from git and from file times (runs in Node, on real temporary repositories). */
import { execFile } from "node:child_process";
import { realpathSync } from "node:fs";
import { mkdir, mkdtemp, rm, symlink, utimes, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  type CodeCommit,
  type CommitLog,
  parseStatus,
  readContentHistory,
  workTreeOf,
} from "../../scripts/lib/content-history";

const run = promisify(execFile);
let work: string;

const at = (iso: string) => new Date(iso);
const ms = (iso: string) => Date.parse(iso);

async function write(file: string, text: string, mtime?: string): Promise<void> {
  await mkdir(path.dirname(path.join(work, file)), { recursive: true });
  await writeFile(path.join(work, file), text);
  if (mtime) await utimes(path.join(work, file), at(mtime), at(mtime));
}

/** Commits everything in a work tree (`work`'s own by default) at a fixed time, as a newsroom's commit would be. */
async function commit(when: string, tree = work): Promise<void> {
  const env = { ...process.env, GIT_AUTHOR_DATE: when, GIT_COMMITTER_DATE: when };
  await run("git", ["-C", tree, "add", "-A"], { env });
  await run(
    "git",
    ["-C", tree, "-c", "user.name=Desk", "-c", "user.email=desk@example.com", "commit", "-qm", when],
    {
      env,
    },
  );
}

/** The history of `seedNames`, without the commits it read for the cache (see below). */
const history = async (seedNames: string[]) => {
  const { log: _log, codeCommit: _codeCommit, ...read } = await readWithLog(seedNames);
  return read;
};

const readWithLog = (seedNames: string[], earlierLog?: CommitLog, earlierCodeCommit?: CodeCommit) =>
  readContentHistory({
    seedsDir: path.join(work, "seeds"),
    seedNames,
    projectDir: work,
    codePaths: ["src", "wrangler.toml"],
    // As the build gives it: once its cache is loaded, after git has been asked.
    earlier: Promise.resolve({ log: earlierLog, codeCommit: earlierCodeCommit }),
  });

const headOf = async () => (await run("git", ["-C", work, "rev-parse", "HEAD"])).stdout.trim();

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

  it("dates a code commit made after an earlier read in the same process (a watcher)", async () => {
    expect((await history(["a.txt"])).codeChanged).toBe(ms("2024-09-01T10:00:00Z"));
    await write("src/app.ts", "v2");
    await commit("2024-09-02T10:00:00Z");
    expect((await history(["a.txt"])).codeChanged).toBe(ms("2024-09-02T10:00:00Z"));
  });

  it("dates only the seeds by an uncommitted seed edit, not the code (which would move every page)", async () => {
    await write("seeds/a.txt", "A, being corrected", "2024-09-06T10:00:00Z");
    const read = await history(["a.txt"]);
    expect(read.seeds.get("a.txt")?.changedAt).toBe(ms("2024-09-06T10:00:00Z"));
    expect(read.codeChanged).toBe(ms("2024-09-01T10:00:00Z"));
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

  it("counts a staged edit and a file whose name has spaces as uncommitted too", async () => {
    await write("seeds/a.txt", "A, corrected and staged", "2024-09-06T10:00:00Z");
    await run("git", ["-C", work, "add", "seeds/a.txt"]);
    await write("seeds/b c.txt", "New, with a space", "2024-09-05T10:00:00Z");
    const read = await history(["a.txt", "b c.txt"]);
    expect(read.seeds).toEqual(
      new Map([
        ["a.txt", { changedAt: ms("2024-09-06T10:00:00Z"), correctedAt: ms("2024-09-06T10:00:00Z") }],
        ["b c.txt", { changedAt: ms("2024-09-05T10:00:00Z"), correctedAt: null }],
      ]),
    );
  });
});

describe("seeds that git ignores, in the project's repository (exported from a CMS, say)", () => {
  beforeEach(async () => {
    await run("git", ["init", "-q", work]);
    await write("src/app.ts", "v1");
    await write(".gitignore", "seeds/\n");
    await commit("2024-09-01T10:00:00Z");
    await write("seeds/a.txt", "A", "2024-09-03T10:00:00Z");
    await write("seeds/b.txt", "B", "2024-09-05T10:00:00Z");
    await utimes(path.join(work, "seeds"), at("2024-09-04T10:00:00Z"), at("2024-09-04T10:00:00Z"));
  });

  it("are dated by their file times, the folder's too (a removal), as git sees none of it", async () => {
    expect(await history(["a.txt", "b.txt"])).toEqual({
      seeds: new Map([
        ["a.txt", { changedAt: ms("2024-09-03T10:00:00Z"), correctedAt: null }],
        ["b.txt", { changedAt: ms("2024-09-05T10:00:00Z"), correctedAt: null }],
      ]),
      seedsChanged: ms("2024-09-05T10:00:00Z"),
      codeChanged: ms("2024-09-01T10:00:00Z"),
      source: "git",
    });
    await rm(path.join(work, "seeds/b.txt"));
    await utimes(path.join(work, "seeds"), at("2024-09-07T10:00:00Z"), at("2024-09-07T10:00:00Z"));
    expect((await history(["a.txt"])).seedsChanged).toBe(ms("2024-09-07T10:00:00Z"));
  });
});

describe("parseStatus: HEAD and the uncommitted files from git status --porcelain=v2 -z", () => {
  const oid = "a380de5f5e998eb3034999c5429f5a4b20ce6a86";
  const blob = "975fbec8256d3e8a3797e7a3611380f27c49f4ac";
  it.each([
    {
      case: "no commit yet, an untracked file",
      said: "# branch.oid (initial)\0# branch.head main\0? seeds/a.txt\0",
      expected: { head: { commit: null }, files: ["seeds/a.txt"] },
    },
    {
      case: "a clean tree with an upstream",
      said: `# branch.oid ${oid}\0# branch.head main\0# branch.upstream origin/main\0# branch.ab +? -?\0`,
      expected: { head: { commit: oid }, files: [] },
    },
    {
      case: "an edit, a deletion and a name with spaces",
      said: `# branch.oid ${oid}\0# branch.head (detached)\0${[
        `1 .M N... 100644 100644 100644 ${blob} ${blob} seeds/a.txt`,
        `1 D. N... 100644 000000 000000 ${blob} ${"0".repeat(40)} seeds/gone.txt`,
        `1 A. N... 000000 100644 100644 ${"0".repeat(40)} ${blob} seeds/b c d.txt`,
      ].join("\0")}\0`,
      expected: {
        head: { commit: oid },
        files: ["seeds/a.txt", "seeds/gone.txt", "seeds/b c d.txt"],
      },
    },
    {
      case: "an unmerged file and an untracked one with spaces",
      said: `# branch.oid ${oid}\0u UU N... 100644 100644 100644 100644 ${blob} ${blob} ${blob} seeds/x y.txt\0? seeds/new one.txt\0`,
      expected: { head: { commit: oid }, files: ["seeds/x y.txt", "seeds/new one.txt"] },
    },
  ])("reads $case", ({ said, expected }) => {
    expect(parseStatus(said)).toEqual(expected);
  });
});

describe("the commit log, kept by the build cache", () => {
  beforeEach(async () => {
    await run("git", ["init", "-q", work]);
    await write("seeds/a.txt", "A");
    await write("seeds/b.txt", "B");
    await commit("2024-09-01T10:00:00Z");
    await write("seeds/a.txt", "A, corrected");
    await commit("2024-09-02T10:00:00Z");
  });

  it("holds each file's last commit and commit count, up to HEAD", async () => {
    expect((await readWithLog(["a.txt"])).log).toEqual({
      head: await headOf(),
      newest: ms("2024-09-02T10:00:00Z"),
      files: new Map([
        ["a.txt", [ms("2024-09-02T10:00:00Z"), 2]],
        ["b.txt", [ms("2024-09-01T10:00:00Z"), 1]],
      ]),
    });
  });

  it("walks only the commits after an earlier log's head when HEAD descends from it", async () => {
    const earlier = (await readWithLog(["a.txt"])).log as CommitLog;
    // A file the earlier log claims and the history lacks: kept only if that part is not walked again.
    earlier.files.set("ghost.txt", [ms("2024-08-01T10:00:00Z"), 3]);
    await write("seeds/b.txt", "B, corrected");
    await commit("2024-09-03T10:00:00Z");
    const later = await readWithLog(["a.txt", "b.txt"], earlier);
    expect(later.log?.files).toEqual(
      new Map([
        ["a.txt", [ms("2024-09-02T10:00:00Z"), 2]],
        ["b.txt", [ms("2024-09-03T10:00:00Z"), 2]],
        ["ghost.txt", [ms("2024-08-01T10:00:00Z"), 3]],
      ]),
    );
    expect(later.seeds.get("b.txt")).toEqual({
      changedAt: ms("2024-09-03T10:00:00Z"),
      correctedAt: ms("2024-09-03T10:00:00Z"),
    });
    expect(later.seedsChanged).toBe(ms("2024-09-03T10:00:00Z"));
  });

  it("walks the whole history again when the earlier head is not an ancestor (a rebase, a reset)", async () => {
    const earlier = (await readWithLog(["a.txt"])).log as CommitLog;
    earlier.files.set("ghost.txt", [ms("2024-08-01T10:00:00Z"), 3]);
    await run("git", ["-C", work, "reset", "-q", "--hard", "HEAD~1"]);
    expect((await readWithLog(["a.txt"], earlier)).log).toEqual({
      head: await headOf(),
      newest: ms("2024-09-01T10:00:00Z"),
      files: new Map([
        ["a.txt", [ms("2024-09-01T10:00:00Z"), 1]],
        ["b.txt", [ms("2024-09-01T10:00:00Z"), 1]],
      ]),
    });
  });
});

describe("the code's last commit, kept by the build cache", () => {
  beforeEach(async () => {
    await run("git", ["init", "-q", work]);
    await write("seeds/a.txt", "A");
    await write("src/app.ts", "v1");
    await commit("2024-09-01T10:00:00Z");
  });

  it("is read from git and handed back with the HEAD it holds for", async () => {
    const read = await readWithLog(["a.txt"]);
    expect(read.codeCommit).toEqual({ head: await headOf(), time: ms("2024-09-01T10:00:00Z") });
  });

  it("is taken from the earlier build while HEAD has not moved, and asked again once it has", async () => {
    // A time no commit has: only the earlier build's word can give it.
    const earlier = { head: await headOf(), time: ms("2024-08-15T10:00:00Z") };
    expect((await readWithLog(["a.txt"], undefined, earlier)).codeChanged).toBe(ms("2024-08-15T10:00:00Z"));
    await write("src/app.ts", "v2");
    await commit("2024-09-02T10:00:00Z");
    const later = await readWithLog(["a.txt"], undefined, earlier);
    expect(later.codeChanged).toBe(ms("2024-09-02T10:00:00Z"));
    expect(later.codeCommit).toEqual({ head: await headOf(), time: ms("2024-09-02T10:00:00Z") });
  });

  it("dates the code by git when the seeds live outside any repository", async () => {
    const outside = await mkdtemp(path.join(os.tmpdir(), "wirefeed-history-seeds-"));
    try {
      await writeFile(path.join(outside, "a.txt"), "A");
      await utimes(path.join(outside, "a.txt"), at("2024-09-05T10:00:00Z"), at("2024-09-05T10:00:00Z"));
      await utimes(outside, at("2024-09-04T10:00:00Z"), at("2024-09-04T10:00:00Z"));
      const read = await readContentHistory({
        seedsDir: outside,
        seedNames: ["a.txt"],
        seedTimes: Promise.resolve(new Map([["a.txt", ms("2024-09-05T10:00:00Z")]])),
        projectDir: work,
        codePaths: ["src"],
      });
      expect(read).toEqual({
        seeds: new Map([["a.txt", { changedAt: ms("2024-09-05T10:00:00Z"), correctedAt: null }]]),
        seedsChanged: ms("2024-09-05T10:00:00Z"),
        codeChanged: ms("2024-09-01T10:00:00Z"),
        source: "file times",
        codeCommit: { head: await headOf(), time: ms("2024-09-01T10:00:00Z") },
      });
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });
});

describe("seeds and code in other repositories, or other folders of one", () => {
  /** The history of seeds in `seeds` and code (src/) in `project`, both under `work`. */
  const read = (seeds: string, project: string) =>
    readContentHistory({
      seedsDir: path.join(work, seeds),
      seedNames: ["a.txt"],
      projectDir: path.join(work, project),
      codePaths: ["src"],
    });

  it("dates seeds in a repository of their own inside the project's by that repository", async () => {
    await run("git", ["init", "-q", work]);
    await write(".gitignore", "seeds/\n");
    await write("src/app.ts", "v1");
    await commit("2024-09-01T10:00:00Z");
    await run("git", ["init", "-q", path.join(work, "seeds")]);
    await write("seeds/a.txt", "A");
    await commit("2024-09-03T10:00:00Z", path.join(work, "seeds"));
    await write("seeds/a.txt", "A, being corrected", "2024-09-05T10:00:00Z");
    const history = await read("seeds", ".");
    expect(history.seeds).toEqual(
      new Map([
        ["a.txt", { changedAt: ms("2024-09-05T10:00:00Z"), correctedAt: ms("2024-09-05T10:00:00Z") }],
      ]),
    );
    expect(history.codeChanged).toBe(ms("2024-09-01T10:00:00Z"));
  });

  it("dates seeds reached through a link into another repository by that repository", async () => {
    await run("git", ["init", "-q", path.join(work, "site")]);
    await write("site/src/app.ts", "v1");
    await commit("2024-09-01T10:00:00Z", path.join(work, "site"));
    await run("git", ["init", "-q", path.join(work, "desk")]);
    await write("desk/seeds/a.txt", "A");
    await commit("2024-09-03T10:00:00Z", path.join(work, "desk"));
    await symlink(path.join(work, "desk/seeds"), path.join(work, "site/seeds"));
    const history = await read("site/seeds", "site");
    expect(history.seeds).toEqual(
      new Map([["a.txt", { changedAt: ms("2024-09-03T10:00:00Z"), correctedAt: null }]]),
    );
    expect(history.codeChanged).toBe(ms("2024-09-01T10:00:00Z"));
  });

  it("tells the seeds' uncommitted edits from the code's when both are folders of one repository", async () => {
    await run("git", ["init", "-q", work]);
    await write("content/seeds/a.txt", "A");
    await write("site/src/app.ts", "v1");
    await commit("2024-09-01T10:00:00Z");
    await write("content/seeds/a.txt", "A, being corrected", "2024-09-06T10:00:00Z");
    await write("site/src/app.ts", "v2", "2024-09-07T10:00:00Z");
    await utimes(path.join(work, "content/seeds"), at("2024-09-05T10:00:00Z"), at("2024-09-05T10:00:00Z"));
    const history = await read("content/seeds", "site");
    expect(history.seeds).toEqual(
      new Map([
        ["a.txt", { changedAt: ms("2024-09-06T10:00:00Z"), correctedAt: ms("2024-09-06T10:00:00Z") }],
      ]),
    );
    expect(history.seedsChanged).toBe(ms("2024-09-06T10:00:00Z"));
    expect(history.codeChanged).toBe(ms("2024-09-07T10:00:00Z"));
  });
});

describe("a code path outside the project's repository (SITE_ICON beside it)", () => {
  it("is dated by its file time, git not asked about it", async () => {
    await run("git", ["init", "-q", path.join(work, "site")]);
    await write("site/seeds/a.txt", "A");
    await write("site/src/app.ts", "v1");
    await commit("2024-09-01T10:00:00Z", path.join(work, "site"));
    await write("brand/icon.svg", "<svg/>", "2024-09-08T10:00:00Z");
    const history = await readContentHistory({
      seedsDir: path.join(work, "site/seeds"),
      seedNames: ["a.txt"],
      projectDir: path.join(work, "site"),
      codePaths: ["src", path.join("..", "brand", "icon.svg")],
    });
    expect(history.seeds).toEqual(
      new Map([["a.txt", { changedAt: ms("2024-09-01T10:00:00Z"), correctedAt: null }]]),
    );
    expect(history.codeChanged).toBe(ms("2024-09-08T10:00:00Z"));
  });
});

describe("workTreeOf: the working tree git would find a folder in, without asking git", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it.each([
    { case: "the tree's own folder", folder: "repo", expected: { root: "repo", within: "" } },
    {
      case: "a folder in it",
      folder: "repo/content/seeds",
      expected: { root: "repo", within: "content/seeds" },
    },
    {
      case: "a folder with a .git file (a submodule)",
      folder: "repo/module/seeds",
      expected: { root: "repo/module", within: "seeds" },
    },
  ])("finds $case", async ({ folder, expected }) => {
    await run("git", ["init", "-q", path.join(work, "repo")]);
    await write("repo/content/seeds/a.txt", "A");
    await write("repo/module/.git", "gitdir: ../.git/modules/module\n");
    await write("repo/module/seeds/a.txt", "A");
    expect(workTreeOf(path.join(work, folder))).toEqual({
      ...expected,
      root: path.join(realpathSync(work), expected.root),
    });
  });

  it("finds none outside any repository, so git is not asked", async () => {
    await write("seeds/a.txt", "A");
    expect(workTreeOf(path.join(work, "seeds"))).toBeNull();
  });

  it("cannot tell when GIT_DIR chooses the repository", async () => {
    await write("seeds/a.txt", "A");
    vi.stubEnv("GIT_DIR", path.join(work, "elsewhere.git"));
    expect(workTreeOf(path.join(work, "seeds"))).toBeUndefined();
  });
});

describe("a repository git cannot read", () => {
  it("dates by file times and says why (here, a .git that names no repository)", async () => {
    await write(".git", "gitdir: /nonexistent-wirefeed-repository\n");
    await write("seeds/a.txt", "A", "2024-09-01T10:00:00Z");
    const read = await history(["a.txt"]);
    expect(read.source).toBe("file times");
    expect(read.seeds.get("a.txt")?.changedAt).toBe(ms("2024-09-01T10:00:00Z"));
    expect(read.gitProblem).toMatch(/^fatal: not a git repository: .*nonexistent-wirefeed-repository/);
  });

  it("is not a repository without a commit yet: file times, and nothing to say", async () => {
    await run("git", ["init", "-q", work]);
    await write("seeds/a.txt", "A", "2024-09-01T10:00:00Z");
    const read = await history(["a.txt"]);
    expect(read.source).toBe("file times");
    expect(read.gitProblem).toBeUndefined();
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
