/**
 * The content build: seeds/ -> parsed, checked articles -> the archive as static assets
 * (build/archive/) plus its manifest (src/generated/manifest.ts), all or nothing.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parse as parseToml } from "smol-toml";
import {
  type ArchiveManifest,
  HASH_LENGTH,
  type IconName,
  type IndexFile,
  indexPath,
} from "../src/archive/layout";
import { type ArchiveContent, archiveFiles, type ChunkReuse } from "../src/archive/pack-archive";
import { prerenderPages } from "../src/archive/prerender-pages";
import { parseSiteConfig } from "../src/config";
import { formatSeedError } from "../src/content/article";
import { type Assembled, assembleArchive, type ParsedSeed, shortUrlId } from "../src/content/build-archive";
import { parseRedirects, type Redirect } from "../src/content/redirects";
import { ArchiveOutput, writeIfChanged } from "./lib/archive-output";
import {
  type ArchiveState,
  archiveStateFile,
  type KeptSeed,
  type KeptSeeds,
  keptSeeds,
  loadArchiveState,
  saveArchiveState,
} from "./lib/archive-state";
import {
  type BuildCache,
  type CachedChunk,
  type CachedIcons,
  type CachedSeed,
  cacheKey,
  journalChange,
  type LoadedCache,
  loadCache,
  type SeedSummary,
  saveCache,
  sha1,
} from "./lib/build-cache";
import { parseBuildConfig } from "./lib/build-config";
import { withBuildLock } from "./lib/build-lock";
import { type ContentHistory, GitError, readContentHistory } from "./lib/content-history";
import { watchContent } from "./lib/content-watch";
import { renderIcons } from "./lib/icons";
import { readSeedsInParallel } from "./lib/parse-pool";
import { OldArchive, QuickArchive, QuickRefusal, readChangedSeeds } from "./lib/quick-build";
import {
  type ArticleBytes,
  articleJsonParts,
  isUnchanged,
  readSeedFile,
  type SeedJob,
  type SeedReading,
} from "./lib/seed-file";
import { readSeedStamps, type StampFields, type StampTable } from "./lib/seed-stamps";

/** The optional file, beside the seeds, of old article paths and the ids they lead to. */
export const REDIRECTS_FILE = "redirects.tsv";

/** What shapes every page besides the seeds: a change to any of these moves every Last-Modified. */
const CODE_PATHS = ["src", "scripts/build-content.ts", "scripts/lib", "wrangler.toml", "package-lock.json"];

export interface ContentBuildOptions {
  /** Folder of `*.txt` seeds. */
  seedsDir: string;
  /** The generated manifest module to write. */
  manifestFile: string;
  /** The static assets folder to fill with the archive's chunk and slug files. */
  assetsDir: string;
  /** wrangler.toml, whose `[vars]` hold TIME_ZONE and the rest of the site config. */
  wranglerConfig: string;
  /** The project whose code paths (src/, wrangler.toml, ...) date the code; default: this one. */
  projectDir?: string;
  /** The incremental build's cache; default `.wirefeed/build-cache.json` in `projectDir`. */
  cacheFile?: string;
  /**
   * A process that builds again and again (`--watch`) keeps the cache here between builds instead
   * of reading it from `cacheFile` each time; it writes the file when it likes (`saveCache`).
   */
  memory?: BuildMemory;
  /** Parse on worker threads from this many changed seeds on; default PARALLEL_PARSE_FROM. */
  parallelParseFrom?: number;
  /** How many threads then: default one a core, at most MAX_PARSE_THREADS. */
  parseThreads?: number;
  /** Read the seeds' stamps on a thread of their own from this many seeds on; default STAMP_THREAD_FROM. */
  stampThreadFrom?: number;
}

/** The cache as a watching process holds it, with the key it is valid for. */
export interface BuildMemory {
  key?: string;
  cache?: BuildCache;
}

/** What the build did, for the bench and the tests: how much it could take from its cache. */
export interface BuildWork {
  /** Seed files read, because their stamp (size, times, inode) was new or too recent to trust. */
  seedsRead: number;
  /** Seeds parsed, because their bytes changed; the rest came from the cache. */
  seedsParsed: number;
  /** Chunk files written anew, and kept as an earlier build wrote them. */
  chunksWritten: number;
  chunksKept: number;
  /** Why the cache was not used, when it was not. */
  cacheIgnored?: string;
  /** The build was a quick one (see scripts/lib/quick-build.ts). */
  quick?: true;
  /** Why a new process's build could not be a quick one, when it could not. */
  quickRefused?: string;
  /** Wall time of each step (ms), in order: where a build's time goes. */
  steps: Record<string, number>;
}

export type ContentBuildResult =
  | { ok: true; summary: string; changed: boolean; articleCount: number; work: BuildWork }
  | { ok: false; errors: string[] };

/**
 * Parses every seed and, only if all of them are good, writes the archive: changed asset files
 * first, stale ones removed, the manifest last. On any error nothing is touched, so a running
 * `wrangler dev` keeps the last good build and a deploy never ships a partial archive.
 *
 * Incremental: a seed whose file is unchanged since the last build is not read again, and a chunk
 * whose articles are unchanged is not written again (see scripts/lib/build-cache.ts). The output
 * is byte for byte what a build from nothing writes.
 */
export async function buildContent(options: ContentBuildOptions): Promise<ContentBuildResult> {
  const steps: Record<string, number> = {};
  let stepStart = performance.now();
  const step = (name: string) => {
    const now = performance.now();
    steps[name] = Math.round(now - stepStart);
    stepStart = now;
  };
  const tomlText = readFileSync(options.wranglerConfig, "utf8");
  const vars = (parseToml(tomlText).vars ?? {}) as Record<string, unknown>;
  const names = readdirSync(options.seedsDir)
    .filter((name) => name.endsWith(".txt"))
    .sort();
  const displayDir = path.relative(process.cwd(), options.seedsDir) || ".";
  const projectDir = options.projectDir ?? PROJECT_DIR;
  const cacheFile = options.cacheFile ?? path.join(projectDir, ".wirefeed", "build-cache.json");
  // The cache is valid for the build's code, wrangler.toml and the seeds folder.
  // Prerendered pages are named by the code and wrangler.toml alone, so the same pages built from
  // another folder or clone keep their names; the code files are read and hashed once for both.
  const codeKey = cacheKey(PROJECT_DIR, [tomlText]);
  const key = createHash("sha256")
    .update(`${codeKey}\0${path.resolve(options.seedsDir)}\0${displayDir}`)
    .digest("hex");
  const { memory } = options;
  const held = memory?.cache && memory.key === key ? memory.cache : undefined;
  // A new process first tries the quick build from the last build's state (quick-build.ts); a
  // watching process holds its cache, which serves it as well.
  const stateFile = archiveStateFile(cacheFile);
  // The seeds' stamps. For the full path, read on a thread of their own, started first, while the
  // settings are checked and the cache is loaded; a watching process holds its cache, and a thread
  // would only cost it its start. A quick build reads them in this thread when it needs them: a
  // thread's start (about 0.1 s of CPU) cost it more than it saved. Without a cache or a state, or
  // with ones that cannot be used, no stamp is compared: a build from nothing reads none.
  const quickFirst = !memory && names.length > 0 && existsSync(stateFile);
  const stampsWanted = names.length > 0 && (held !== undefined || existsSync(cacheFile));
  const readStamps = (threadFrom = held ? Number.POSITIVE_INFINITY : options.stampThreadFrom) => {
    const reading = readSeedStamps(options.seedsDir, names, threadFrom);
    reading.stamps.catch(() => {});
    return reading;
  };
  let stamps = stampsWanted && !quickFirst ? readStamps() : undefined;
  const { config, problems } = parseBuildConfig(vars);
  // The Worker's own settings are checked here too, so a bad one fails before a deploy.
  problems.push(...parseSiteConfig(vars).problems);
  if (problems.length > 0) {
    stamps?.cancel();
    return { ok: false, errors: problems.map((problem) => `${options.wranglerConfig}: [vars] ${problem}`) };
  }
  if (names.length === 0) {
    return { ok: false, errors: [`${displayDir}: no *.txt seeds found: nothing to publish`] };
  }
  const iconFile = config.siteIcon
    ? path.resolve(path.dirname(options.wranglerConfig), config.siteIcon)
    : path.join(PROJECT_DIR, "src/assets/icon.svg");
  // The history's git process starts now and works while this process loads the state or the
  // cache and reads the seeds; only a HEAD moved since the last build needs the commit log they
  // keep, after it.
  let earlierRead = (_earlier: Pick<BuildCache, "commits" | "codeCommit">) => {};
  let seedTimesRead = (_times: ReadonlyMap<string, number>) => {};
  const historyRead = readContentHistory({
    seedsDir: options.seedsDir,
    seedNames: names,
    seedTimes: new Promise((resolve) => {
      seedTimesRead = resolve;
    }),
    projectDir,
    codePaths: config.siteIcon ? [...CODE_PATHS, path.relative(projectDir, iconFile)] : CODE_PATHS,
    earlier: new Promise((resolve) => {
      earlierRead = ({ commits, codeCommit }) => resolve({ log: commits, codeCommit });
    }),
  });
  // Its failure is the build's where it is awaited below; not a second, unhandled one if the
  // build stops before (bad seeds, a bad icon).
  historyRead.catch(() => {});
  step("settings");
  const kept = memory ? undefined : loadArchiveState(stateFile, key);
  step("load state");
  const redirectsFile = `${displayDir}/${REDIRECTS_FILE}`;
  const redirectsText = await readRedirectsText(path.join(options.seedsDir, REDIRECTS_FILE));
  const run: BuildRun = {
    options,
    vars,
    timeZone: config.timeZone,
    displayDir,
    names,
    codeKey,
    iconFile,
    redirectsText,
    cacheFile,
    stateFile,
    history: historyRead,
    seedTimesRead,
    step,
  };
  let quickRefused = kept && !kept.ok ? kept.reason : undefined;
  /** A file the quick build found damaged: the full path must not keep it by its name and size. */
  let damaged: string | undefined;
  if (kept?.ok) {
    earlierRead(kept.state);
    try {
      return await buildQuickly(
        run,
        kept.state,
        () => {
          stamps = readStamps(Number.POSITIVE_INFINITY);
          return stamps.stamps;
        },
        steps,
      );
    } catch (error) {
      if (!(error instanceof QuickRefusal)) throw error;
      quickRefused = error.message;
      damaged = error.damaged;
    }
  }

  if (!stamps && stampsWanted) stamps = readStamps();
  const loaded: LoadedCache = held ? { ok: true, cache: held } : loadCache(cacheFile, key);
  earlierRead(loaded.cache);
  const compared = loaded.cache.seeds.size > 0 ? stamps : null;
  if (!compared) stamps?.cancel();
  const keep = (cache: BuildCache) => {
    // A new process adds its change to the cache file's journal (see build-cache.ts).
    if (!memory) return saveCache(cacheFile, key, cache, loaded);
    memory.key = key;
    memory.cache = cache;
  };
  step("load cache");
  const icons = readIcons(iconFile, loaded.cache.icons);
  if (!icons.ok)
    return { ok: false, errors: [`${options.wranglerConfig}: [vars] SITE_ICON: ${icons.error}`] };
  step("icons");
  const seeds = await readSeeds(
    options.seedsDir,
    displayDir,
    names,
    compared ? await compared.stamps : undefined,
    config.timeZone,
    loaded.cache,
    {
      from: options.parallelParseFrom ?? PARALLEL_PARSE_FROM,
      threads: options.parseThreads ?? Math.min(os.availableParallelism(), MAX_PARSE_THREADS),
    },
  );
  seedTimesRead(seeds.fileTimes);
  step("read seeds");
  let history: ContentHistory;
  try {
    history = await historyRead;
  } catch (error) {
    // A repository git cannot answer about after all (a corrupt object, say): nothing can be dated.
    if (error instanceof GitError) return { ok: false, errors: [...seeds.errors, error.message] };
    throw error;
  }
  step("history");
  const redirects = parseRedirects(redirectsText, redirectsFile);
  const errors = [...seeds.errors];
  if (!redirects.ok) errors.push(...redirects.errors.map(formatSeedError));
  const archive = assembleArchive(
    seeds.parsed.map(({ file, article }) => {
      const { changedAt, correctedAt } = historyOf(history, article.name);
      return { file, article, changedAt, correctedAt };
    }),
    { timeZone: config.timeZone, redirects: redirects.ok ? redirects.redirects : [], redirectsFile },
  );
  if (!archive.ok) errors.push(...archive.errors.map(formatSeedError));
  step("check archive");
  const cache: BuildCache = {
    scannedAt: seeds.scannedAt,
    seeds: seeds.cached,
    chunks: new Map<string, CachedChunk>(),
    icons: icons.cached,
    commits: history.log,
    codeCommit: history.codeCommit,
  };
  if (errors.length > 0 || !archive.ok) {
    // The seeds read so far stay cached, so the build after the fix is quick too.
    keep({ ...cache, chunks: loaded.cache.chunks });
    return { ok: false, errors };
  }

  // Counted now: the packer takes each article's JSON from `fresh` as it writes it.
  const seedsParsed = seeds.fresh.size;
  const output = new ArchiveOutput(options.assetsDir, kept?.ok ? kept.state.settledAt : kept?.settledAt);
  if (damaged !== undefined) output.distrust(damaged);
  const sources = new ArticleSource(archive.articles, seeds, options.seedsDir, displayDir, config.timeZone);
  const reuse = new ChunkMemo(loaded.cache.chunks, cache.chunks, sources, output);
  const { manifest, changed } = await writeArchive(run, {
    output,
    content: sources,
    reuse,
    redirects: archive.redirects,
    history,
    icons: icons.files,
  });
  keep(cache);
  if (!memory) {
    saveArchiveState(stateFile, {
      key,
      scannedAt: seeds.scannedAt,
      settledAt: Date.now(),
      seeds: seedsToKeep(names, archive.articles, seeds.cached, history),
      manifest,
      files: new Map(output.files()),
      redirectsSha: sha1(redirectsText),
      icons: icons.cached,
      commits: history.log,
      codeCommit: history.codeCommit,
    });
  }
  step("save cache and manifest");
  return {
    ok: true,
    changed,
    articleCount: archive.articles.length,
    work: {
      seedsRead: seeds.filesRead,
      seedsParsed,
      chunksWritten: reuse.written,
      chunksKept: reuse.kept,
      steps,
      ...(loaded.ok ? {} : { cacheIgnored: loaded.reason }),
      ...(quickRefused ? { quickRefused } : {}),
    },
    summary: summaryLine(run, archive.articles, history),
  };
}

/** The seeds in file-name order, and their articles (newest first), as the quick build keeps them. */
function seedsToKeep(
  names: readonly string[],
  newestFirst: readonly AssembledSummary[],
  cached: ReadonlyMap<string, CachedSeed>,
  history: ContentHistory,
): KeptSeeds {
  const positionOf = new Map(names.map((name, i) => [name, i]));
  const seeds: KeptSeed[] = new Array(names.length);
  const unresolved: string[] = [];
  const linked: string[] = [];
  const order = newestFirst.map(({ name, id, slug, title, sources, related, changedAt }) => {
    const i = positionOf.get(name) as number;
    const { stamp, sha } = cached.get(name) as CachedSeed;
    const { correctedAt } = historyOf(history, name);
    seeds[i] = {
      name,
      stamp,
      sha,
      id,
      slug,
      title,
      sources,
      relatedCount: related.length,
      changedAt,
      correctedAt,
    };
    for (const { headline, article } of related) (article ? linked : unresolved).push(headline);
    return i;
  });
  return keptSeeds(seeds, order, unresolved, linked);
}

/** What one build knows before it takes either path. */
interface BuildRun {
  options: ContentBuildOptions;
  vars: Record<string, unknown>;
  timeZone: string;
  displayDir: string;
  names: readonly string[];
  codeKey: string;
  iconFile: string;
  /** The redirects file's text ("" without one). */
  redirectsText: string;
  cacheFile: string;
  stateFile: string;
  history: Promise<ContentHistory>;
  seedTimesRead(times: ReadonlyMap<string, number>): void;
  step(name: string): void;
}

/**
 * The quick build (see quick-build.ts): writes the archive from the last build's state when only
 * articles' text and history changed. Throws QuickRefusal, having written nothing the manifest
 * names, when it cannot.
 */
async function buildQuickly(
  run: BuildRun,
  state: ArchiveState,
  readStamps: () => Promise<StampTable>,
  steps: Record<string, number>,
): Promise<ContentBuildResult> {
  const { options, displayDir } = run;
  if (sha1(run.redirectsText) !== state.redirectsSha) throw new QuickRefusal("the redirects file changed");
  if (readTextIfAny(options.manifestFile) !== manifestModule(state.manifest, displayDir)) {
    throw new QuickRefusal("the manifest is not the one the last build wrote");
  }
  const icons = readIcons(run.iconFile, state.icons);
  if (!icons.ok) throw new QuickRefusal("the site icon does not render");
  run.step("icons");
  const seedStamps = await readStamps();
  run.step("stamps");
  const scannedAt = Date.now();
  const output = new ArchiveOutput(options.assetsDir, state.settledAt);
  const old = new OldArchive(state, output, hashBytes);
  const reading = readChangedSeeds(
    { ...run, seedsDir: options.seedsDir, state, stamps: seedStamps, scannedAt },
    old,
  );
  run.seedTimesRead(reading.fileTimes);
  run.step("read seeds");
  const history = await run.history.catch(() => {
    throw new QuickRefusal("git could not tell the history");
  });
  run.step("history");
  const archive = new QuickArchive(state, reading, history, old, output, run.timeZone);
  const redirects = parseRedirects(run.redirectsText, `${displayDir}/${REDIRECTS_FILE}`);
  if (!redirects.ok) throw new QuickRefusal("the redirects file has errors");
  // A redirect's path may not be a new article's own short URL, nor lead to a removed article
  // (assembleArchive reports both).
  const addedIds = new Set(archive.addedIds());
  if (
    redirects.redirects.some(
      (redirect) => shortUrlId(redirect) !== redirect.id && addedIds.has(shortUrlId(redirect)),
    )
  ) {
    throw new QuickRefusal("a redirect takes a new article's URL");
  }
  const removedIds = new Set(reading.removedIds);
  if (redirects.redirects.some((redirect) => removedIds.has(redirect.id))) {
    throw new QuickRefusal("a redirect leads to a removed article");
  }
  // Read now, before a page is rendered or the manifest written: the newest article's old line may
  // be in a damaged chunk kept by its size, and the pages read that chunk.
  const span = [archive.published(0), archive.published(run.names.length - 1)];
  run.step("check archive");
  const { manifest, changed } = await writeArchive(run, {
    output,
    content: archive,
    reuse: archive,
    keptShards: archive.keptShards(),
    redirects: redirects.redirects,
    history,
    icons: icons.files,
  });
  const { set, restamped } = reading.cacheChange;
  // The chunks written are left out: a full build finds them by their articles' fingerprints,
  // which this build does not make, and writes them again (the same bytes: no file changes).
  const chunks = { set: [], removed: [] };
  journalChange(run.cacheFile, { scannedAt, seeds: { set, removed: [] }, chunks, restamped });
  saveArchiveState(run.stateFile, {
    ...state,
    scannedAt,
    settledAt: Date.now(),
    seeds: archive.seeds,
    manifest,
    files: new Map(output.files()),
    icons: icons.cached,
    commits: history.log,
    codeCommit: history.codeCommit,
  });
  run.step("save cache and manifest");
  return {
    ok: true,
    changed,
    articleCount: run.names.length,
    work: {
      seedsRead: reading.seedsRead,
      seedsParsed: reading.fresh.size,
      chunksWritten: archive.written,
      chunksKept: archive.kept,
      steps,
      quick: true,
    },
    summary: summaryLine(run, span, history),
  };
}

/** What the packer is handed, by either path. */
interface Packing {
  output: ArchiveOutput;
  content: ArchiveContent;
  reuse: ChunkReuse;
  redirects: readonly Redirect[];
  history: ContentHistory;
  icons: Record<IconName, Uint8Array>;
  keptShards?: string;
}

/**
 * Packs the archive into its folder (changed files first, then the prerendered pages, stale
 * files removed) and writes the manifest last.
 */
async function writeArchive(
  run: BuildRun,
  { output, content, reuse, redirects, history, icons, keptShards }: Packing,
): Promise<{ manifest: ArchiveManifest; changed: boolean }> {
  const packed = output.write(
    archiveFiles(content, redirects, { ...history, icons }, { hashBytes, reuse, keptShards }),
  );
  run.step("write archive");
  const index = JSON.parse(output.readText(indexPath(packed.indexHash))) as IndexFile;
  const prerendered = await prerenderPages(output.readAsset, packed, index, run.vars, {
    codeKey: run.codeKey,
    hashBytes,
    isInPlace: (name) => output.holdsPage(name),
  });
  output.write(prerendered.files.values());
  output.removeStale();
  const manifest: ArchiveManifest = { ...packed, pages: prerendered.pages };
  run.step("prerender pages");
  const written = writeIfChanged(run.options.manifestFile, manifestModule(manifest, run.displayDir));
  return { manifest, changed: written || output.changes > 0 };
}

/** The generated manifest module's text. */
function manifestModule(manifest: ArchiveManifest, displayDir: string): string {
  return `// Generated by scripts/build-content.ts from ${displayDir}/: do not edit.
import type { ArchiveManifest } from "../archive/layout";

export const MANIFEST: ArchiveManifest = ${JSON.stringify(manifest, null, 2)};
`;
}

/** The build's one line: how many articles, their dates, and where the change times came from. */
function summaryLine(
  run: BuildRun,
  newestFirst: readonly { published: string }[],
  history: ContentHistory,
): string {
  const count = run.names.length;
  const newest = newestFirst[0]?.published;
  const oldest = newestFirst.at(-1)?.published;
  const dating = history.gitProblem
    ? `${history.source}; git cannot read the repository: ${history.gitProblem}`
    : history.source;
  return `wirefeed: ${count} article${count === 1 ? "" : "s"} from ${run.displayDir}/ (newest ${newest}, oldest ${oldest}, dates read in ${run.timeZone}, changes dated by ${dating})`;
}

function readTextIfAny(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/** Names the build's files: SHA-256 of their bytes, which Node computes far faster than bytesHash. */
function hashBytes(parts: readonly Uint8Array[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part);
  return hash.digest("hex").slice(0, HASH_LENGTH);
}

function historyOf(history: ContentHistory, name: string) {
  const change = history.seeds.get(name);
  return { changedAt: change?.changedAt ?? 0, correctedAt: change?.correctedAt ?? null };
}

/** The seeds as this build sees them: parsed (or summed up from the cache) and every error. */
interface SeedsRead {
  /** Every good seed's summary, in file-name order. */
  parsed: Omit<ParsedSeed<NamedSummary>, "changedAt" | "correctedAt">[];
  /** The JSON of the seeds read this time, by file name (see ArticleBytes). */
  fresh: Map<string, ArticleBytes>;
  /** The cache entries for the next build: every good seed. */
  cached: Map<string, CachedSeed>;
  errors: string[];
  /** Each seed file's modification time (ms, whole seconds). */
  fileTimes: Map<string, number>;
  /** How many seed files were read: the rest were known by their stamps. */
  filesRead: number;
  scannedAt: number;
}

/**
 * Reads the seeds: each file only when its stamp (one stat each, `stamps`) differs from the cached
 * one or is too recent to trust (as git does with racily clean files); then parses only the seeds
 * whose bytes changed, on worker threads when there are many.
 */
async function readSeeds(
  seedsDir: string,
  displayDir: string,
  names: readonly string[],
  stamps: StampTable | undefined,
  timeZone: string,
  cache: BuildCache,
  parallel: { from: number; threads: number },
): Promise<SeedsRead> {
  const scannedAt = Date.now();
  const read: SeedsRead = {
    parsed: [],
    fresh: new Map(),
    cached: new Map(),
    errors: [],
    fileTimes: new Map(),
    filesRead: 0,
    scannedAt,
  };
  const jobs: SeedJob[] = [];
  /** Per seed: its job's position, or its stamp when the cached entry is trusted and it is not read. */
  const plan: (number | StampFields)[] = [];
  for (const [i, name] of names.entries()) {
    const earlier = cache.seeds.get(name);
    // A seed the cache does not know is read whatever its stamp, and stamped as it is read.
    const info = earlier ? stamps?.at(i) : undefined;
    const trusted =
      info !== undefined && earlier !== undefined && isUnchanged(earlier.stamp, info, cache.scannedAt);
    plan.push(trusted ? info : jobs.length);
    if (!trusted) {
      jobs.push({
        file: path.join(seedsDir, name),
        display: `${displayDir}/${name}`,
        knownSha: earlier?.sha,
      });
    }
  }
  const readings =
    jobs.length >= parallel.from && parallel.threads > 1
      ? await readSeedsInParallel(jobs, timeZone, {
          threads: parallel.threads,
          workerEntry: PARSE_WORKER,
          compiledDir: COMPILED_DIR,
        })
      : jobs.map((job) => readSeedFile(job, timeZone));
  read.filesRead = jobs.length;
  for (const [i, name] of names.entries()) {
    const planned = plan[i] as number | StampFields;
    const earlier = cache.seeds.get(name) as CachedSeed;
    let entry = earlier;
    if (typeof planned === "number") {
      const reading = readings[planned] as SeedReading;
      read.fileTimes.set(name, Math.floor(reading.modifiedMs / 1000) * 1000);
      if (reading.outcome === "failed") {
        read.errors.push(...reading.errors);
        continue;
      }
      entry =
        reading.outcome === "parsed"
          ? { stamp: reading.stamp, sha: reading.sha, summary: reading.summary }
          : { ...earlier, stamp: reading.stamp };
      if (reading.outcome === "parsed") read.fresh.set(name, reading.json);
    } else read.fileTimes.set(name, Math.floor(planned.mtimeMs / 1000) * 1000);
    read.cached.set(name, entry);
    read.parsed.push({ file: `${displayDir}/${name}`, article: named(entry.summary, name) });
  }
  return read;
}

/**
 * The build parses this many changed seeds or more on worker threads: starting them takes about
 * 0.3 s, in which the main thread parses about a thousand seeds (and it parses them meanwhile).
 */
export const PARALLEL_PARSE_FROM = 2_000;
/** Threads for parsing, at most: one a core. */
const MAX_PARSE_THREADS = 4;

/** A summary with its seed's file name, which the archive's order is looked up by. */
type NamedSummary = SeedSummary & { name: string };
type AssembledSummary = Assembled<NamedSummary>;

/**
 * The summary with its name, written out field by field: one shape for all 10,000 or 100,000,
 * where a spread of objects made by JSON.parse cost a one-edit build about 30 ms.
 */
function named({ id, slug, title, published, related, sources }: SeedSummary, name: string): NamedSummary {
  return { id, slug, title, published, related, sources, name };
}

/**
 * The archive's articles for the packer: the summaries for everything, and whole articles for the
 * chunks that are written, taken from this build's reading or parsed again from their seeds.
 */
class ArticleSource implements ArchiveContent {
  readonly newestFirst: readonly AssembledSummary[];
  constructor(
    newestFirst: readonly AssembledSummary[],
    private readonly seeds: SeedsRead,
    private readonly seedsDir: string,
    private readonly displayDir: string,
    private readonly timeZone: string,
  ) {
    this.newestFirst = newestFirst;
  }

  private readonly fingerprints: string[] = [];

  /**
   * What decides an article's bytes in a chunk: its seed's name (the id comes from it) and bytes,
   * its history and its related links.
   */
  fingerprint(position: number): string {
    let fingerprint = this.fingerprints[position];
    if (fingerprint === undefined) {
      const { name, changedAt, updated, related } = this.newestFirst[position] as AssembledSummary;
      const links = related.map(({ article }) => (article ? `${article.id}/${article.slug}` : "")).join(" ");
      fingerprint = `${name}:${this.seeds.cached.get(name)?.sha}:${changedAt}:${updated}:${links}`;
      this.fingerprints[position] = fingerprint;
    }
    return fingerprint;
  }

  articleJson(position: number): readonly Uint8Array[] {
    const { name, changedAt, updated, related } = this.newestFirst[position] as AssembledSummary;
    const bytes = this.seeds.fresh.get(name) ?? this.readAgain(name);
    // Asked once per article: the packer keeps the JSON from here on.
    this.seeds.fresh.delete(name);
    return articleJsonParts(bytes, JSON.stringify(related), changedAt, updated);
  }

  /** The JSON of a seed this build knew from its cache, read again for a chunk that changed. */
  private readAgain(name: string): ArticleBytes {
    const display = `${this.displayDir}/${name}`;
    const job = { file: path.join(this.seedsDir, name), display, knownSha: undefined };
    const reading = readSeedFile(job, this.timeZone);
    // The seed changed while the build ran: the next build (wrangler dev runs one) picks it up.
    if (reading.outcome !== "parsed" || reading.sha !== this.seeds.cached.get(name)?.sha) {
      throw new Error(`${display} changed during the build: build again`);
    }
    return reading.json;
  }
}

/** ChunkReuse over the cache: a chunk is kept when its articles are unchanged and its file intact. */
class ChunkMemo implements ChunkReuse {
  written = 0;
  kept = 0;
  private readonly keys = new WeakMap<readonly number[], string>();
  constructor(
    private readonly earlier: ReadonlyMap<string, CachedChunk>,
    private readonly now: Map<string, CachedChunk>,
    private readonly source: ArticleSource,
    private readonly output: ArchiveOutput,
  ) {}

  private keyOf(positions: readonly number[]): string {
    let key = this.keys.get(positions);
    if (key === undefined) {
      key = sha1(positions.map((position) => this.source.fingerprint(position)).join("\n"));
      this.keys.set(positions, key);
    }
    return key;
  }

  find(positions: readonly number[], pathOf: (hash: string) => string): string | undefined {
    const key = this.keyOf(positions);
    const chunk = this.earlier.get(key);
    if (!chunk || this.output.sizeOf(pathOf(chunk.hash)) !== chunk.size) return undefined;
    this.now.set(key, chunk);
    this.kept++;
    return chunk.hash;
  }

  wrote(positions: readonly number[], hash: string, size: number): void {
    this.now.set(this.keyOf(positions), { hash, size });
    this.written++;
  }
}

const PROJECT_DIR = path.resolve(import.meta.dirname, "..");
const PARSE_WORKER = path.join(PROJECT_DIR, "scripts/lib/parse-worker.ts");
/** Where scripts/build.mjs keeps this script compiled, and the parse threads' code goes too. */
const COMPILED_DIR = path.join(PROJECT_DIR, ".wirefeed", "compiled");

/** The site icon, rendered in every size (or as the last build rendered it), or why it cannot be. */
function readIcons(file: string, earlier: CachedIcons | undefined) {
  try {
    const svg = readFileSync(file, "utf8");
    const sha = sha1(svg);
    let files: Record<IconName, Uint8Array>;
    if (earlier?.sha === sha) {
      files = {} as Record<IconName, Uint8Array>;
      for (const [name, base64] of Object.entries(earlier.files)) {
        files[name as IconName] = Buffer.from(base64, "base64");
      }
    } else files = renderIcons(svg);
    const cached: CachedIcons = {
      sha,
      files: Object.fromEntries(
        Object.entries(files).map(([name, bytes]) => [name, Buffer.from(bytes).toString("base64")]),
      ),
    };
    return { ok: true as const, files, cached };
  } catch (error) {
    return {
      ok: false as const,
      error: `${file}: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

/** The redirects file's text beside the seeds; none at all is an empty one. */
async function readRedirectsText(file: string): Promise<string> {
  return readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return "";
    throw error;
  });
}

/** The command line: `npm run build` (through scripts/build.mjs), or `--watch` for `npm run dev`. */
export async function main(): Promise<void> {
  const manifestFile = path.resolve("src/generated/manifest.ts");
  const options: ContentBuildOptions = {
    seedsDir: path.resolve(process.env.SEEDS_DIR || "seeds"),
    manifestFile,
    assetsDir: path.resolve("build/archive"),
    wranglerConfig: "wrangler.toml",
  };
  const memory: BuildMemory = {};
  const describe = (result: ContentBuildResult) => {
    if (result.ok) return { ok: true, key: memory.key, lines: [result.summary] };
    const lines = [
      ...result.errors,
      `wirefeed: build failed with ${result.errors.length} error(s); the previous build is unchanged`,
    ];
    return { ok: false, key: memory.key, lines };
  };
  if (process.argv.includes("--watch")) {
    await watchContent({
      projectDir: PROJECT_DIR,
      seedsDir: path.relative(process.cwd(), options.seedsDir) || ".",
      cacheFile: path.join(PROJECT_DIR, ".wirefeed", "build-cache.json"),
      memory,
      build: async () => describe(await buildContent({ ...options, memory })),
    });
  }
  const result = await withBuildLock(PROJECT_DIR, () => buildContent(options));
  const { lines } = describe(result);
  if (!result.ok) {
    for (const line of lines) console.error(line);
    // wrangler dev stops when its [build] command fails; `npm run dev` asks to keep serving the
    // last good build instead, once there is one. Every other caller (deploy, CI) gets the failure.
    const keepServing = process.env.WIREFEED_KEEP_LAST_GOOD_BUILD === "1" && existsSync(manifestFile);
    if (keepServing)
      console.error("wirefeed: wrangler dev keeps serving the previous build; fix the seed and save");
    process.exitCode = keepServing ? 0 : 1;
    return;
  }
  for (const line of lines) console.log(line);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
