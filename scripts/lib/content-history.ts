/**
 * When the content last changed, read from git as Hugo's GitInfo does: the last commit that
 * touched a file, plus the working tree's uncommitted edits (file times), so `wrangler dev` sees
 * them too. Without git history (a tarball), file modification times stand in for commits.
 */
import { execFile } from "node:child_process";
import { existsSync, realpathSync } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
/** What the build itself writes, which must not count as a change to the code. */
const GENERATED = /[\\/]generated([\\/]|$)/;

/** When one seed changed (ms since the epoch). */
export interface SeedChange {
  /** Its last change of any kind: its last commit, or its file time when uncommitted. */
  changedAt: number;
  /** Its last change after its first commit, a correction; null when it has none. */
  correctedAt: number | null;
}

/**
 * The seeds folder's commits as far as `head`: each file's last commit time and how many commits
 * touched it. Kept by the build cache, so that a build walks only the commits made since: walking
 * the whole history costs about 7 s for 10,000 seeds committed one at a time.
 */
export interface CommitLog {
  head: string;
  /** The newest commit's time (ms); 0 for none. */
  newest: number;
  /** File name (relative to the seeds folder) -> [last commit time (ms), commit count]. */
  files: Map<string, [last: number, count: number]>;
}

/** The last commit that touched the code paths, as of a HEAD: fixed once HEAD is. */
export interface CodeCommit {
  head: string;
  /** Its committer time (ms). */
  time: number;
}

export interface ContentHistory {
  /** Seed file name -> when it changed. */
  seeds: Map<string, SeedChange>;
  /** When any file in the seeds folder last changed: added, corrected or removed (ms). */
  seedsChanged: number;
  /** When any of the code paths last changed (ms). */
  codeChanged: number;
  /** Where the times came from, for the build's summary. */
  source: "git" | "file times";
  /** The commits read, for the next build's `earlier.log`; none without git. */
  log?: CommitLog;
  /** The code paths' last commit, for the next build's `earlier.codeCommit`; none without git. */
  codeCommit?: CodeCommit;
  /**
   * Why git could not read a repository the seeds or the code are in (git not installed, a
   * repository owned by another user), whose times then come from the files: the build says so.
   */
  gitProblem?: string;
}

export interface HistoryOptions {
  seedsDir: string;
  /** The seeds' file names in `seedsDir`, e.g. `000_eb764ef8279581fd.txt`. */
  seedNames: readonly string[];
  /**
   * The seeds' modification times (ms, whole seconds), once the caller has read them: git is asked
   * first, so it works while the caller reads the seeds. Without them, each seed is stat-ed.
   */
  seedTimes?: Promise<ReadonlyMap<string, number>>;
  projectDir: string;
  /** Paths under `projectDir` whose changes change every page: code, config, dependencies. */
  codePaths: readonly string[];
  /**
   * What an earlier build read, once the caller has it: git is asked first, so that it works while
   * the caller loads its cache.
   */
  earlier?: EarlierHistory | Promise<EarlierHistory>;
}

/** What an earlier build read of the history, kept by the build cache. */
export interface EarlierHistory {
  /** The seeds' log: only commits after its head are walked, if it is an ancestor. */
  log?: CommitLog;
  /** The code paths' last commit: kept while HEAD has not moved. */
  codeCommit?: CodeCommit;
}

/**
 * Reads the content's history from git when both folders have it, else from file times. Every
 * question that needs no answer before it is asked at once (each is a process of its own): a
 * build after an edit, with HEAD where the last build saw it, asks nothing after them.
 */
export async function readContentHistory(options: HistoryOptions): Promise<ContentHistory> {
  const { seedsDir, projectDir, codePaths } = options;
  const [seedsGit, codeGit] = askGit([
    { folder: seedsDir, paths: ["."] },
    { folder: projectDir, paths: codePaths },
  ]) as [FolderState, FolderState];
  const [seedsHead, codeHead, earlier = {}] = await Promise.all([
    seedsGit.head,
    codeGit.head,
    options.earlier,
  ]);
  const [seeds, code] = await Promise.all([
    seedsHead.commit === null ? null : seedsFromGit(options, seedsHead.commit, seedsGit.edits, earlier.log),
    codeHead.commit === null
      ? codeFromFiles(options)
      : codeFromGit(options, codeHead.commit, codeGit, earlier.codeCommit),
  ]);
  const gitProblem = seedsHead.problem ?? codeHead.problem;
  const codeCommit = {
    ...(code.commit ? { codeCommit: code.commit } : {}),
    ...(gitProblem ? { gitProblem } : {}),
  };
  if (seeds) return { ...seeds, codeChanged: code.time, source: "git", ...codeCommit };
  // Without history a file time is all there is: no change can be told apart as a correction.
  const times = await options.seedTimes;
  const changes = new Map<string, SeedChange>();
  for (const name of options.seedNames) {
    const time = seedTime(options, times, name);
    changes.set(name, { changedAt: typeof time === "number" ? time : await time, correctedAt: null });
  }
  return {
    seeds: changes,
    seedsChanged: Math.max(await fileTime(seedsDir), ...[...changes.values()].map((seed) => seed.changedAt)),
    codeChanged: code.time,
    source: "file times",
    ...codeCommit,
  };
}

/** Paths under a folder that git is asked about. */
interface FolderQuestion {
  folder: string;
  /** Relative to `folder`; `.` for all of it. */
  paths: readonly string[];
}

/** What git says of a folder: its HEAD, and its uncommitted files. */
interface FolderState {
  head: Promise<Head>;
  /** The asked paths in the working tree, which git can be asked about. */
  paths: readonly string[];
  /**
   * Absolute paths of the asked paths' files that differ from HEAD or are untracked, and of the
   * asked paths outside the working tree, which git cannot date.
   */
  edits: Promise<string[]>;
}

/**
 * Asks git about each folder, one `git status` per working tree: seeds in the project's
 * repository share the project's, and seeds outside any repository cost none (each process costs
 * the build 10-30 ms of its own time to start, see README, "Performance"). A tree without commits
 * has no edits to date; in one with commits, a failure is the build's.
 */
function askGit(questions: readonly FolderQuestion[]): FolderState[] {
  // Where each folder is: its tree's root, its path there, and its paths as the tree sees them.
  const places = questions.map(({ folder, paths }) => {
    const tree = workTreeOf(folder);
    if (tree === null) return null;
    // Where the tree cannot be told, the folder is asked on its own.
    const { root, within } = tree ?? { root: folder, within: "" };
    const specs = paths.map((spec) => path.posix.join(within, spec.split(path.sep).join("/")));
    // A path outside the tree (SITE_ICON beside the project, say) has no commits and git refuses
    // to be asked about it: like an untracked file, it is dated by its file time.
    const inTree = specs.map((spec) => spec !== ".." && !spec.startsWith("../"));
    return {
      root,
      within,
      specs: specs.filter((_, i) => inTree[i]),
      paths: paths.filter((_, i) => inTree[i]),
      untracked: paths.filter((_, i) => !inTree[i]).map((spec) => path.join(folder, spec)),
    };
  });
  const answers = new Map<string, Promise<TreeStatus>>();
  for (const place of places) {
    if (!place || answers.has(place.root)) continue;
    const specs = places.flatMap((other) => (other?.root === place.root ? other.specs : []));
    answers.set(place.root, treeStatus(place.root, specs));
  }
  return questions.map(({ folder }, i) => {
    const place = places[i];
    const answer = place && answers.get(place.root);
    if (!place || !answer)
      return { head: Promise.resolve({ commit: null }), paths: [], edits: Promise.resolve([]) };
    const edits = answer.then(({ files }) => [
      ...files
        .filter((file) => place.specs.some((spec) => isWithin(file, spec)))
        .map((file) => path.join(folder, place.within ? file.slice(place.within.length + 1) : file)),
      ...place.untracked,
    ]);
    edits.catch(() => {});
    return { head: answer.then(({ head }) => head), paths: place.paths, edits };
  });
}

/** Whether a path git wrote is a pathspec's file, or in its folder (`.`: the whole tree). */
function isWithin(file: string, spec: string): boolean {
  return spec === "." || file === spec || file.startsWith(`${spec}/`);
}

/**
 * The working tree git finds `folder` in: the nearest folder up from its real path that holds a
 * `.git` (a folder, or a file for a linked worktree or a submodule), and the folder's path in it
 * (with `/`); null when there is none, so git need not be asked. Undefined when that cannot be
 * told without git: GIT_DIR or GIT_WORK_TREE is set, or the folder cannot be resolved.
 */
export function workTreeOf(folder: string): { root: string; within: string } | null | undefined {
  if (process.env.GIT_DIR || process.env.GIT_WORK_TREE) return undefined;
  let real: string;
  try {
    real = realpathSync(folder);
  } catch {
    return undefined;
  }
  for (let root = real; ; root = path.dirname(root)) {
    if (existsSync(path.join(root, ".git"))) {
      return { root, within: path.relative(root, real).split(path.sep).join("/") };
    }
    if (path.dirname(root) === root) return null;
  }
}

/**
 * git could not answer (a corrupt repository, say): where, which command, and git's own first
 * line about why. The build reports it as its error instead of dating anything wrongly.
 */
export class GitError extends Error {
  override readonly name = "GitError";
  constructor(
    folder: string,
    args: readonly string[],
    /** git's exit code, or the spawn's error code ("ENOENT": git is not installed). */
    readonly code: number | string | undefined,
    /** git's first line on stderr, or what failed instead. */
    readonly said: string,
  ) {
    super(`${folder}: git ${args[0]} failed: ${said}`);
  }
}

async function git(cwd: string, args: readonly string[]): Promise<string> {
  try {
    const { stdout } = await run("git", ["-C", cwd, ...args], {
      maxBuffer: 512 * 1024 * 1024,
      // No optional locks: `git status` would otherwise refresh the index under a lock that a
      // publisher's own git command, run meanwhile, could find taken.
      env: { ...process.env, GIT_OPTIONAL_LOCKS: "0" },
    });
    return stdout;
  } catch (error) {
    const { code, stderr } = error as { code?: number | string; stderr?: string };
    const said = code === "ENOENT" ? "git is not installed" : stderr?.trim().split("\n")[0];
    throw new GitError(cwd, args, code, said || String(error));
  }
}

/** The commit HEAD names; null when there is none, with why when that is not simply "no commit yet". */
interface Head {
  commit: string | null;
  problem?: string;
}

/** HEAD in `folder` (git's own answer when it cannot read the repository, or is not installed). */
async function headCommit(folder: string): Promise<Head> {
  try {
    return { commit: (await git(folder, ["rev-parse", "--verify", "-q", "HEAD"])).trim() };
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    // Exit code 1 (quietly, with -q): a repository without a commit yet.
    return error.code === 1 ? { commit: null } : { commit: null, problem: error.said };
  }
}

/**
 * Seeds' corrections and the folder's last change, from its commits and uncommitted edits. A seed
 * git shows neither in a commit nor as an edit is one it ignores (seeds exported from a CMS into
 * an ignored folder, say): dated by its file time, as without git.
 */
async function seedsFromGit(
  options: HistoryOptions,
  head: string,
  edits: Promise<string[]>,
  earlierLog: CommitLog | undefined,
) {
  const [log, uncommitted] = await Promise.all([commitLog(options.seedsDir, head, earlierLog), edits]);
  const edited = new Set(uncommitted.map((file) => path.relative(options.seedsDir, file)));
  const times = await options.seedTimes;
  const changes = new Map<string, SeedChange>();
  let seedsChanged = log.newest;
  let ignored = false;
  for (const name of options.seedNames) {
    const [last, count] = log.files.get(name) ?? [0, 0];
    if (edited.has(name) || count === 0) {
      // Awaited only when it is a promise: every seed takes this path when git ignores them all.
      const time = seedTime(options, times, name);
      const changedAt = Math.max(last, typeof time === "number" ? time : await time);
      // Never committed: new, not corrected. Committed, then edited: a correction in the making.
      changes.set(name, { changedAt, correctedAt: count > 0 ? changedAt : null });
      if (!edited.has(name)) {
        ignored = true;
        seedsChanged = Math.max(seedsChanged, changedAt);
      }
    } else {
      changes.set(name, { changedAt: last, correctedAt: count > 1 ? last : null });
    }
  }
  // An uncommitted or ignored seed's removal shows only in the folder's own time.
  if (uncommitted.length > 0 || ignored) {
    seedsChanged = Math.max(seedsChanged, await newestFileTime([options.seedsDir, ...uncommitted], false));
  }
  return { seeds: changes, seedsChanged, log };
}

/**
 * The folder's commit log up to `head`: `earlier` as it is when HEAD has not moved, `earlier` and
 * the commits since when `head` descends from its head, else a walk of the whole history.
 */
async function commitLog(folder: string, head: string, earlier: CommitLog | undefined): Promise<CommitLog> {
  if (earlier?.head === head) return earlier;
  const descends =
    earlier !== undefined &&
    (await git(folder, ["merge-base", "--is-ancestor", earlier.head, head]).then(
      () => true,
      () => false, // not an ancestor (a rebase, a reset), or no longer there
    ));
  const log: CommitLog = descends
    ? { head, newest: earlier.newest, files: new Map(earlier.files) }
    : { head, newest: 0, files: new Map() };
  // Newest first: `\0<committer time>\n\n<file>\n<file>...`.
  const walked = await git(folder, [
    "log",
    "--relative",
    "--no-renames",
    "--format=%x00%ct",
    "--name-only",
    descends ? `${earlier.head}..${head}` : head,
    "--",
    ".",
  ]);
  const since = new Map<string, [number, number]>();
  for (const record of walked.split("\0").slice(1)) {
    const [time = "", ...files] = record.split("\n");
    const committed = Number(time) * 1000;
    log.newest = Math.max(log.newest, committed);
    for (const file of files) {
      if (file === "") continue;
      const seen = since.get(file);
      if (seen) seen[1]++;
      else since.set(file, [committed, 1]);
    }
  }
  for (const [file, [last, count]] of since) {
    const before = log.files.get(file);
    log.files.set(file, before ? [Math.max(last, before[0]), before[1] + count] : [last, count]);
  }
  return log;
}

/** When the code last changed (ms), and the commit that says so when the code is in git. */
interface CodeChange {
  time: number;
  commit?: CodeCommit;
}

/** When the code last changed without git: its newest file time. */
async function codeFromFiles({ projectDir, codePaths }: HistoryOptions): Promise<CodeChange> {
  return { time: await newestFileTime(codePaths.map((code) => path.join(projectDir, code))) };
}

/**
 * When the code last changed (ms): its last commit, or a later uncommitted edit of one of the code
 * paths. The commit is asked once per HEAD (the caller keeps it): finding it walks back past every
 * seed commit since, 0.1 s for 10,000 seeds committed one at a time.
 */
async function codeFromGit(
  { projectDir }: HistoryOptions,
  head: string,
  { paths, edits }: FolderState,
  earlierCodeCommit: CodeCommit | undefined,
): Promise<CodeChange> {
  const commit =
    earlierCodeCommit?.head === head
      ? earlierCodeCommit
      : { head, time: paths.length > 0 ? await lastCommitTime(projectDir, head, paths) : 0 };
  return { time: Math.max(commit.time, await newestFileTime(await edits, false)), commit };
}

/** The committer time (ms) of the last commit up to `head` that touched `paths`; 0 for none. */
async function lastCommitTime(folder: string, head: string, paths: readonly string[]): Promise<number> {
  return Number(await git(folder, ["log", "-1", "--format=%ct", head, "--", ...paths])) * 1000;
}

/** A working tree's HEAD and its uncommitted files, paths relative to its root with `/`. */
interface TreeStatus {
  head: Head;
  files: string[];
}

/**
 * HEAD and the files under `paths` (relative to the tree's `root`) that differ from HEAD, staged
 * or not, or are untracked and not ignored: one `git status` for all of it, as one process costs
 * this one 10-30 ms to start. Where git fails, HEAD alone says why: no commit or a repository git
 * cannot read (dated by file times), else a failure of the build (a corrupt repository).
 */
async function treeStatus(root: string, paths: readonly string[]): Promise<TreeStatus> {
  // No path at all would ask git about the whole tree.
  if (paths.length === 0) return { head: await headCommit(root), files: [] };
  let said: string;
  try {
    said = await git(root, [
      "status",
      "--porcelain=v2",
      "--branch",
      // Not the commits ahead of and behind an upstream: 0.1 s to count 10,000 of them.
      "--no-ahead-behind",
      "-z",
      "--untracked-files=all",
      "--no-renames",
      "--",
      ...paths,
    ]);
  } catch (error) {
    const head = await headCommit(root);
    if (head.commit === null) return { head, files: [] };
    throw error;
  }
  return parseStatus(said);
}

/**
 * Reads `git status --porcelain=v2 --branch -z --no-renames`: `# branch.oid <commit | (initial)>`
 * among the headers, then an entry per file, its path last: a changed file after 8 fields, an
 * unmerged one after 10, an untracked one after `?`.
 */
export function parseStatus(said: string): TreeStatus {
  let commit: string | null = null;
  const files: string[] = [];
  for (const entry of said.split("\0")) {
    if (entry.startsWith("# branch.oid ")) {
      const oid = entry.slice("# branch.oid ".length);
      commit = oid === "(initial)" ? null : oid;
    } else if (entry.startsWith("? ")) files.push(entry.slice(2));
    else if (entry.startsWith("1 ")) files.push(afterFields(entry, 8));
    else if (entry.startsWith("u ")) files.push(afterFields(entry, 10));
  }
  return { head: { commit }, files };
}

/** What follows an entry's first `count` space-separated fields: its path, which may hold spaces. */
function afterFields(entry: string, count: number): string {
  let at = -1;
  for (let field = 0; field < count; field++) at = entry.indexOf(" ", at + 1);
  return entry.slice(at + 1);
}

/**
 * A seed's modification time, as the caller read it or from the file. A known time is returned as
 * it is, not as a promise, for the caller not to await: 10,000 awaits cost a build about 30 ms.
 */
function seedTime(
  options: HistoryOptions,
  times: ReadonlyMap<string, number> | undefined,
  name: string,
): number | Promise<number> {
  return times?.get(name) ?? fileTime(path.join(options.seedsDir, name));
}

/** One file's modification time (ms, whole seconds); 0 when it does not exist. */
function fileTime(file: string): Promise<number> {
  return newestFileTime([file], false);
}

/**
 * The newest modification time among `paths` (ms, whole seconds as HTTP dates have them). With
 * `recursive`, a folder counts by the files in it; without, by its own time, which moves when a
 * file in it is added or removed. A path that no longer exists counts for nothing.
 */
async function newestFileTime(paths: readonly string[], recursive = true): Promise<number> {
  let newest = 0;
  for (const file of paths) {
    const info = await stat(file).catch(() => null);
    if (!info) continue;
    if (recursive && info.isDirectory()) {
      const entries = await readdir(file, { recursive: true, withFileTypes: true });
      const files = entries
        .filter((entry) => entry.isFile() && !GENERATED.test(entry.parentPath))
        .map((entry) => path.join(entry.parentPath, entry.name));
      newest = Math.max(newest, await newestFileTime(files, false));
    } else {
      newest = Math.max(newest, Math.floor(info.mtimeMs / 1000) * 1000);
    }
  }
  return newest;
}
