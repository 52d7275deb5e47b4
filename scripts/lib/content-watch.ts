/**
 * `npm run dev`'s content watcher: builds once, then again whenever a seed changes, keeping the
 * build cache in memory so that an edit costs what it changes. Exits with RESTART when the code
 * or settings change, since this process still runs the old code; `npm run dev` starts it again.
 * While it runs, wrangler's [build] command (scripts/build.sh) leaves the building to it.
 */
import { watch, writeFileSync } from "node:fs";
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { saveCache } from "./build-cache";
import { withBuildLock } from "./build-lock";

/** The exit code that asks `npm run dev` for a new watcher. */
export const RESTART = 75;

/** Where the watcher leaves its pid for scripts/build.sh, which must stay in step with it. */
export const watcherNoteFile = (projectDir: string) => path.join(projectDir, ".wirefeed", "watcher.pid");
/**
 * There from a seed's change until the watcher has built it: scripts/build.sh, which wrangler
 * runs for the same change, waits while it is, so wrangler reloads once, with the new content.
 */
export const watcherBusyFile = (projectDir: string) => path.join(projectDir, ".wirefeed", "watcher.busy");

/** What else the watcher watches: a change to any of these means new code or settings. */
const CODE = ["src", "scripts", "wrangler.toml", "package-lock.json"];

interface BuildOutcome {
  ok: boolean;
  /** The cache key the build used: it changes with the code and settings. */
  key?: string;
  lines: string[];
}

export interface WatchOptions {
  projectDir: string;
  seedsDir: string;
  cacheFile: string;
  /** One build, with the cache kept in memory between calls. */
  build: () => Promise<BuildOutcome>;
  /** The cache to save when the watcher stops or restarts. */
  memory: { key?: string; cache?: Parameters<typeof saveCache>[2] };
}

export async function watchContent(options: WatchOptions): Promise<never> {
  const noteFile = watcherNoteFile(options.projectDir);
  const busyFile = watcherBusyFile(options.projectDir);
  let startKey: string | undefined;
  let running = false;
  let pending = false;
  let saveTimer: NodeJS.Timeout | undefined;

  const saveNow = () => {
    clearTimeout(saveTimer);
    const { key, cache } = options.memory;
    if (key && cache) saveCache(options.cacheFile, key, cache);
  };
  const stop = async (code: number) => {
    saveNow();
    await rm(noteFile, { force: true });
    await rm(busyFile, { force: true });
    process.exit(code);
  };

  const buildOnce = async () => {
    running = true;
    const started = performance.now();
    const outcome = await withBuildLock(options.projectDir, options.build);
    for (const line of outcome.lines) (outcome.ok ? console.log : console.error)(line);
    console.log(
      `wirefeed: built in ${Math.round(performance.now() - started)} ms; watching ${options.seedsDir}/`,
    );
    running = false;
    startKey ??= outcome.key;
    if (outcome.key && outcome.key !== startKey) {
      console.log("wirefeed: the code or settings changed: starting the watcher again");
      await stop(RESTART);
    }
    await writeFile(noteFile, String(process.pid));
    // The cache file is for the next process; writing it can wait until edits settle.
    clearTimeout(saveTimer);
    saveTimer = setTimeout(saveNow, 2000);
    if (pending) {
      pending = false;
      await buildOnce();
    } else await rm(busyFile, { force: true });
  };

  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  await buildOnce();
  let debounce: NodeJS.Timeout | undefined;
  watch(options.seedsDir, () => {
    writeFileSync(busyFile, "");
    clearTimeout(debounce);
    // Editors save in several steps (write, rename, chmod): build once they are done.
    debounce = setTimeout(() => {
      if (running) pending = true;
      else void buildOnce();
    }, 25);
  });
  for (const code of CODE) {
    // The build writes src/generated/; only a change to anything else is new code.
    watch(path.join(options.projectDir, code), { recursive: true }, (_, file) => {
      if (file && /(^|[\\/])generated([\\/]|$)|\.tmp$/.test(file)) return;
      console.log(`wirefeed: ${path.join(code, file ?? "")} changed: starting the watcher again`);
      void stop(RESTART);
    });
  }
  return new Promise<never>(() => {});
}
