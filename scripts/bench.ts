/**
 * `npm run bench`: what an archive costs to build and to serve, as figures to compare within one
 * run (see README, "Performance"), never assertions:
 *   1. build: a full build from nothing, a build with nothing changed, one after editing one seed
 *      (a new process, as `npm run build`), and one by `npm run dev`'s watcher; startup and size.
 *   2. cold: CPU and wall time of the first request of each route on a new isolate, at the
 *      default settings and at the largest FEED_ITEM_LIMIT, beside a constant Worker's first; and
 *      later pages' first renders on an isolate that has served the page before them.
 *   3. load: feeds, pages and 304s under wrk against a constant Worker answering the same bytes
 *      and headers behind the same [assets] routing, in alternating rounds, in bare Miniflare
 *      (16 connections) and in `wrangler dev` (2 connections): requests per second and the
 *      workerd process's CPU per request, medians and spreads.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs, promisify } from "node:util";
import type { Miniflare } from "miniflare";
import { stringify as stringifyToml } from "smol-toml";
import { MAX_FEED_ITEM_LIMIT } from "../src/config";
import { type BuildMemory, buildContent } from "./build-content";
import { buildCorpus, ROOT, writeSyntheticSeeds } from "./lib/corpus";
import {
  bundleWorker,
  folderStats,
  readWranglerConfig,
  recordAssetReads,
  startAssetReadingWorker,
  startConstantWorker,
  startWorker,
} from "./lib/local-worker";
import { cpuMs, minorFaults, pageFaultMicros, settle, workerdProcesses } from "./lib/workerd-cpu";
import { hasWrk, wrk } from "./lib/wrk";

const run = promisify(execFile);
const { values } = parseArgs({
  options: {
    "skip-100k": { type: "boolean", default: false },
    rounds: { type: "string", default: "5" },
    seconds: { type: "string", default: "3" },
    only: { type: "string", default: "cold,load" },
  },
});
const SIZES = values["skip-100k"] ? [1, 1_000, 10_000] : [1, 1_000, 10_000, 100_000];
const TARGET = 10_000;
const ROUNDS = Number(values.rounds);
const SECONDS = Number(values.seconds);
const SECTIONS = new Set(values.only.split(","));
const MAX_ITEM_LIMIT = String(MAX_FEED_ITEM_LIMIT);
const COLD_REPEATS = 5;
/** Isolates per warm figure, each figure the mean of five later pages. */
const WARM_REPEATS = 5;
const MiB = 1024 * 1024;

const median = (numbers: number[]) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)] ?? 0;
const spread = (numbers: number[]) => `${Math.min(...numbers).toFixed(2)}-${Math.max(...numbers).toFixed(2)}`;
const pad = (value: string | number, width = 8) => String(value).padStart(width);
const seconds = (ms: number) => (ms / 1000).toFixed(2);

/** Runs the content build as `npm run build` does, in a new process; returns its wall time (ms). */
async function cliBuild(seedsDir: string): Promise<number> {
  const started = performance.now();
  await run(process.execPath, ["scripts/build.mjs"], {
    cwd: ROOT,
    env: { ...process.env, SEEDS_DIR: seedsDir },
    maxBuffer: 64 * 1024 * 1024,
  });
  return performance.now() - started;
}

/** Puts words before the lede of the seed at `index`: one edit, as a correction would be. */
async function editSeed(seedsDir: string, index: number, words: string): Promise<void> {
  const names = (await readdir(seedsDir)).sort();
  const name = names[index % names.length] ?? "";
  const file = path.join(seedsDir, name);
  const text = await readFile(file, "utf8");
  await writeFile(file, text.replace(/(Hour: [^\n]*\n\n)/, `$1${words} `));
}

interface Built {
  scriptPath: string;
  archive: string;
  seedsDir: string;
  /** The same seeds built and bundled with FEED_ITEM_LIMIT at its largest in wrangler.toml. */
  largest: { scriptPath: string; archive: string };
}

/** Part 1: build times, startup and size for each archive size; keeps the target's bundle. */
async function buildSection(work: string): Promise<Built | undefined> {
  console.log("1. build: seconds of wall time; a new process each but the watcher's (see README)\n");
  console.log(
    "articles  full   unchanged  one edit  new article  pulled  watcher edit  edit/full  new/full  pulled/full  watcher/full  startup ms  script KiB  gzip KiB  files  asset MiB",
  );
  let target: Built | undefined;
  for (const size of SIZES) {
    const seedsDir = path.join(work, `seeds-${size}`);
    await writeSyntheticSeeds(seedsDir, size);
    await rm(path.join(ROOT, "build/archive"), { recursive: true, force: true });
    await rm(path.join(ROOT, ".wirefeed/build-cache.json"), { force: true });
    await rm(path.join(ROOT, ".wirefeed/archive-state.bin"), { force: true });
    const full = await cliBuild(seedsDir);
    const unchanged = await cliBuild(seedsDir);
    const oneEdit = await oneEditBuilds(seedsDir, size);
    const newArticle = await newArticleBuilds(seedsDir, size);
    const pulled = await pulledArticleBuilds(seedsDir);
    const watcher = await watcherEdits(seedsDir, size);
    const archive = path.join(work, `archive-${size}`);
    await run("cp", ["-r", path.join(ROOT, "build/archive"), archive]);
    const bundle = await bundleWorker(await mkdtemp(path.join(work, `worker-${size}-`)), archive);
    const startup = await startupMs(bundle.scriptPath, archive);
    const assets = await folderStats(archive);
    console.log(
      `${pad(size)} ${pad(seconds(full), 6)} ${pad(seconds(unchanged), 10)} ${pad(seconds(oneEdit), 9)} ${pad(seconds(newArticle), 12)} ${pad(seconds(pulled), 7)} ${pad(seconds(watcher), 13)} ${pad((oneEdit / full).toFixed(2), 10)} ${pad((newArticle / full).toFixed(2), 9)} ${pad((pulled / full).toFixed(2), 12)} ${pad((watcher / full).toFixed(2), 13)} ${pad(startup.toFixed(0), 11)} ${pad(bundle.uploadKiB.toFixed(1), 11)} ${pad(bundle.gzipKiB.toFixed(1), 9)} ${pad(assets.files, 6)} ${pad((assets.bytes / MiB).toFixed(1), 10)}`,
    );
    if (size === TARGET) {
      const largest = await buildLargest(work, seedsDir);
      target = { scriptPath: bundle.scriptPath, archive, seedsDir, largest };
    } else await rm(seedsDir, { recursive: true, force: true });
  }
  console.log(
    "\nfull: from nothing (no cache, empty build/archive); unchanged: nothing to do; one edit: one seed's lede, median of 3;" +
      "\nnew article: one new seed, newest of all, median of 3; pulled: the newest seed removed, median of 3;" +
      "\nwatcher edit: median of 3 edits rebuilt by a warm process holding the cache in memory, as under npm run dev.",
  );
  return target;
}

/**
 * The seeds built as a publisher with the largest FEED_ITEM_LIMIT in wrangler.toml would: the
 * pages the build renders ahead are rendered at that limit. Bundled with that archive's manifest.
 */
async function buildLargest(work: string, seedsDir: string): Promise<Built["largest"]> {
  const config = await readWranglerConfig();
  const wranglerConfig = path.join(ROOT, ".wirefeed", "bench-largest.toml");
  const vars = { ...(config.vars as object), FEED_ITEM_LIMIT: MAX_ITEM_LIMIT };
  await writeFile(wranglerConfig, stringifyToml({ vars }));
  const result = await buildContent({
    seedsDir,
    manifestFile: path.join(ROOT, "src/generated/manifest.ts"),
    assetsDir: path.join(ROOT, "build/archive"),
    wranglerConfig,
  });
  if (!result.ok) throw new Error(result.errors.join("\n"));
  const archive = path.join(work, "archive-largest");
  await run("cp", ["-r", path.join(ROOT, "build/archive"), archive]);
  const bundle = await bundleWorker(await mkdtemp(path.join(work, "worker-largest-")), archive);
  await rm(wranglerConfig);
  return { scriptPath: bundle.scriptPath, archive };
}

/** A new process's build time for one edited seed, as `npm run build` after a correction: median of three. */
async function oneEditBuilds(seedsDir: string, size: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    await editSeed(seedsDir, Math.floor(size / 2) + i, `Edited${i}`);
    times.push(await cliBuild(seedsDir));
  }
  return median(times);
}

/** A new process's build time for one new seed, newest of all, as after publishing: median of three. */
async function newArticleBuilds(seedsDir: string, size: number): Promise<number> {
  const names = (await readdir(seedsDir)).sort();
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const text = await readFile(path.join(seedsDir, names[(size + i) % names.length] ?? ""), "utf8");
    const story = text
      .replace(/^[^\n]+/, `A New Story ${i + 1}`)
      .replace(/^\w+ \d+, \d+ Hour: .*$/m, `January ${i + 1}, 2030 Hour: 9:00 am`);
    await writeFile(path.join(seedsDir, `999999_ffffffff0000000${i}.txt`), story);
    times.push(await cliBuild(seedsDir));
  }
  return median(times);
}

/** A new process's build time after the newest seed is removed, as when a story is pulled: median of three. */
async function pulledArticleBuilds(seedsDir: string): Promise<number> {
  const times: number[] = [];
  for (let i = 2; i >= 0; i--) {
    await rm(path.join(seedsDir, `999999_ffffffff0000000${i}.txt`));
    times.push(await cliBuild(seedsDir));
  }
  return median(times);
}

/** The watcher's rebuild time for one edited seed: median of three, in one warm process. */
async function watcherEdits(seedsDir: string, size: number): Promise<number> {
  const memory: BuildMemory = {};
  const options = {
    seedsDir,
    manifestFile: path.join(ROOT, "src/generated/manifest.ts"),
    assetsDir: path.join(ROOT, "build/archive"),
    wranglerConfig: path.join(ROOT, "wrangler.toml"),
    memory,
  };
  await buildContent(options);
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    await editSeed(seedsDir, Math.floor(size / 3) + i, `Watched${i}`);
    const started = performance.now();
    const result = await buildContent(options);
    times.push(performance.now() - started);
    if (!result.ok) throw new Error(result.errors.join("\n"));
  }
  return median(times);
}

/** Time from Miniflare construction to the first response of /feed.xml, median of three. */
async function startupMs(scriptPath: string, assetsDir: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    const worker = await startWorker({ scriptPath, assetsDir });
    await (await worker.dispatchFetch("http://127.0.0.1/feed.xml")).arrayBuffer();
    times.push(performance.now() - started);
    await worker.dispose();
  }
  return median(times);
}

/** What a request cost workerd: CPU and wall time (ms), and the fresh pages it touched. */
interface RequestCost {
  cpu: number;
  wall: number;
  faults: number;
}

/**
 * The first request to `route` on a new workerd: its CPU time and page faults (the whole
 * process) and wall time. With `warmUp`, that request comes first, and the figures are per
 * request of `route`, each path of it (several later pages, say) asked once in turn.
 */
async function coldRequest(
  start: () => Miniflare | Promise<Miniflare>,
  route: string | readonly string[],
  warmUp?: string,
): Promise<RequestCost> {
  const routes = typeof route === "string" ? [route] : route;
  const before = new Set(workerdProcesses());
  const worker = await start();
  try {
    await worker.ready;
    const pid = workerdProcesses().find((candidate) => !before.has(candidate));
    if (pid === undefined) throw new Error("no new workerd process");
    if (warmUp !== undefined) await (await worker.dispatchFetch(`http://127.0.0.1${warmUp}`)).arrayBuffer();
    await settle(pid);
    const cpuBefore = cpuMs(pid);
    const faultsBefore = minorFaults(pid);
    const started = performance.now();
    for (const path of routes) {
      const response = await worker.dispatchFetch(`http://127.0.0.1${path}`, { redirect: "manual" });
      await response.arrayBuffer();
    }
    const wall = performance.now() - started;
    // workerd finishes a request's bookkeeping just after the body: count it too.
    await new Promise((resolve) => setTimeout(resolve, 100));
    return {
      cpu: (cpuMs(pid) - cpuBefore) / routes.length,
      wall: wall / routes.length,
      faults: (minorFaults(pid) - faultsBefore) / routes.length,
    };
  } finally {
    await worker.dispose();
  }
}

const COLD_HEADER = `route                              limit 50: CPU ms  floor  app ms  wall ms  faults   limit ${MAX_ITEM_LIMIT}: CPU ms  floor  app ms  wall ms  faults`;

/** Part 2: the first request of each route on a cold isolate, at default and largest settings. */
async function coldSection(target: Built): Promise<void> {
  const faultMicros = pageFaultMicros();
  const probe = await startWorker({ scriptPath: target.scriptPath, assetsDir: target.archive });
  const page = (await (await probe.dispatchFetch("http://127.0.0.1/feed.json?page=2")).json()) as {
    items: { url: string }[];
  };
  await probe.dispose();
  const articlePath = new URL(page.items[0]?.url ?? "http://x/").pathname;
  const routes = [
    "/robots.txt",
    "/feed.xml",
    "/atom.xml",
    "/feed.json",
    "/feed.xml?page=2",
    articlePath,
    "/",
    "/?page=2",
    "/sources",
    "/sources/efe",
    "/sources/efe/feed.xml",
    "/sitemap.xml",
    "/feeds.opml",
    "/icon-512.png",
  ];
  console.log(
    `\n2. cold: first request on a new isolate, ${TARGET} articles; median of ${COLD_REPEATS} isolates; CPU of the whole workerd process` +
      "\n   floor: a Worker behind the same [assets] routing that reads the same archive files through ASSETS and answers as many bytes\n",
  );
  console.log(COLD_HEADER);
  const settings = [
    { limit: "50", ...target },
    { limit: MAX_ITEM_LIMIT, ...target.largest },
  ];
  for (const route of routes) {
    const cells: string[] = [];
    for (const { limit, scriptPath, archive } of settings) {
      const vars = { FEED_ITEM_LIMIT: limit };
      const reads = await recordAssetReads({ scriptPath, assetsDir: archive, route, vars });
      const samples: RequestCost[] = [];
      const floors: RequestCost[] = [];
      for (let i = 0; i < COLD_REPEATS; i++) {
        samples.push(await coldRequest(() => startWorker({ scriptPath, assetsDir: archive, vars }), route));
        const floor = () => startAssetReadingWorker({ ...reads, assetsDir: archive });
        floors.push(await coldRequest(floor, route));
      }
      cells.push(coldCell(samples, floors));
    }
    console.log(`${route.slice(0, 34).padEnd(34)} ${cells.join("  ")}`);
  }
  console.log(
    "\napp ms = CPU ms - floor: what the Worker itself spends, the figure the 10 ms limit is about." +
      "\nfaults: the page faults of the request less the floor's, each a fresh 4 KiB page the Worker touched;" +
      `\n        one costs ${faultMicros.toFixed(1)} µs on this machine (64 MiB touched from Node), so 1,000 of them are ${faultMicros.toFixed(1)} ms of app ms.` +
      `\nlimit ${MAX_ITEM_LIMIT}: the same seeds built with FEED_ITEM_LIMIT = "${MAX_ITEM_LIMIT}" in wrangler.toml, so its pages rendered ahead are too.`,
  );
  await warmLaterPages(settings);
}

/**
 * Later pages rendered on an isolate that is no longer new: after page 2, pages 3 to 7 of a feed
 * or list, each asked once (their first render), CPU per page. The floor is the floor Worker of
 * page 3 answering it as often, after once: later pages read as many chunks and answer about as
 * many bytes. Averaging five pages spreads what a warm isolate does once, whichever page it
 * falls on (the optimizing compiler, a collection), over the pages.
 */
async function warmLaterPages(settings: { limit: string; scriptPath: string; archive: string }[]) {
  console.log(
    `\n   warm: pages 3-7 after page 2 on the same isolate, per page, median of ${WARM_REPEATS}; floor: the floor Worker of page 3 after its first answer\n`,
  );
  console.log(COLD_HEADER);
  for (const path of ["/feed.xml", "/atom.xml", "/feed.json", "/"]) {
    const pages = [3, 4, 5, 6, 7].map((page) => `${path}?page=${page}`);
    const cells: string[] = [];
    for (const { limit, scriptPath, archive } of settings) {
      const vars = { FEED_ITEM_LIMIT: limit };
      const reads = await recordAssetReads({
        scriptPath,
        assetsDir: archive,
        route: pages[0] as string,
        vars,
      });
      const samples: RequestCost[] = [];
      const floors: RequestCost[] = [];
      for (let i = 0; i < WARM_REPEATS; i++) {
        const app = () => startWorker({ scriptPath, assetsDir: archive, vars });
        samples.push(await coldRequest(app, pages, `${path}?page=2`));
        const floor = () => startAssetReadingWorker({ ...reads, assetsDir: archive });
        floors.push(
          await coldRequest(
            floor,
            pages.map(() => pages[0] as string),
            pages[0],
          ),
        );
      }
      cells.push(coldCell(samples, floors));
    }
    console.log(`${`${path}?page=3-7`.padEnd(34)} ${cells.join("  ")}`);
  }
}

/** A table cell: CPU, floor, CPU less floor, wall time, and page faults less the floor's; medians. */
function coldCell(samples: RequestCost[], floors: RequestCost[]): string {
  const of = (costs: RequestCost[], key: keyof RequestCost) => median(costs.map((cost) => cost[key]));
  const cpu = of(samples, "cpu");
  const floor = of(floors, "cpu");
  const faults = of(samples, "faults") - of(floors, "faults");
  return `${pad(cpu.toFixed(1), 16)} ${pad(floor.toFixed(1), 6)} ${pad((cpu - floor).toFixed(1), 7)} ${pad(of(samples, "wall").toFixed(1), 8)} ${pad(faults.toFixed(0), 7)}`;
}

/** One side of a load comparison: where to send requests, and the workerd processes serving it. */
interface Side {
  origin: string;
  processes: () => number[];
}

interface Round {
  perSecond: number;
  /** workerd CPU per request, microseconds. */
  cpuPerRequest: number;
  failures: number;
  timeouts: number;
}

async function round(side: Side, route: LoadRoute, connections: number): Promise<Round> {
  const pids = side.processes();
  const cpuBefore = pids.reduce((sum, pid) => sum + cpuMs(pid), 0);
  const result = await wrk(side.origin + route.path, {
    connections,
    seconds: SECONDS,
    headers: route.headers,
  });
  const cpu = pids.reduce((sum, pid) => sum + cpuMs(pid), 0) - cpuBefore;
  return {
    perSecond: result.perSecond,
    cpuPerRequest: (cpu * 1000) / result.requests,
    failures: result.failures,
    timeouts: result.timeouts,
  };
}

interface LoadRoute {
  name: string;
  path: string;
  headers?: Record<string, string>;
}

/** Headers the runtime sets itself; a Worker that copied them would, say, gzip every body. */
const HOP_BY_HOP = new Set(["content-length", "content-encoding", "transfer-encoding", "connection", "date"]);

/** What the baseline answers for each route: the app's own status, headers and bytes. */
interface Recorded {
  status: number;
  headers: [string, string][];
  body: string;
}

async function record(origin: string, routes: LoadRoute[]): Promise<Record<string, Recorded>> {
  const answers: Record<string, Recorded> = {};
  for (const route of routes) {
    // As wrk asks: no compression (Node's fetch would ask for gzip, and get it).
    const response = await fetch(origin + route.path, {
      headers: { ...route.headers, "Accept-Encoding": "identity" },
    });
    const body = Buffer.from(await response.arrayBuffer()).toString("base64");
    const headers: [string, string][] = [];
    response.headers.forEach((value, name) => {
      if (!HOP_BY_HOP.has(name)) headers.push([name, value]);
    });
    answers[baselinePath(route)] = { status: response.status, headers, body };
  }
  return answers;
}

/** The baseline's path for a route: its own, or a path of its own for a 304. */
const baselinePath = (route: LoadRoute) => (route.headers ? `/__304${route.path}` : route.path);

/**
 * A Worker that answers each recorded path with the recorded status, headers and bytes, looked up
 * by the request URL's path without parsing it: the floor any route can reach.
 */
function baselineScript(answers: Record<string, Recorded>): string {
  return `const answers = ${JSON.stringify(answers)};
const prepared = new Map(Object.entries(answers).map(([path, a]) => [path, { status: a.status, headers: a.headers, body: a.status === 304 ? null : Uint8Array.from(atob(a.body), (c) => c.charCodeAt(0)) }]));
export default { fetch(request) {
  const url = request.url;
  const a = prepared.get(url.slice(url.indexOf("/", 8)));
  return a ? new Response(a.body, { status: a.status, headers: a.headers }) : new Response("no such path", { status: 404 });
} };`;
}

/** Rounds of route and baseline, alternating, so a shared machine's drift falls on both alike. */
async function compare(app: Side, baseline: Side, routes: LoadRoute[], connections: number): Promise<void> {
  console.log(
    "route                         req/s app  baseline  ratio (spread)      CPU/req app us  baseline  difference  failures app/baseline (timeouts)",
  );
  for (const route of routes) {
    const warm = await fetch(app.origin + route.path, { headers: route.headers });
    await warm.arrayBuffer();
    const ours: Round[] = [];
    const theirs: Round[] = [];
    const baselineRoute = { ...route, path: baselinePath(route), headers: undefined };
    // A discarded round each: workerd (Miniflare's router and asset proxy above all) serves the
    // same bytes at a third of the CPU once warm, and neither side should pay that for the other.
    await round(baseline, baselineRoute, connections);
    await round(app, route, connections);
    for (let i = 0; i < ROUNDS; i++) {
      theirs.push(await round(baseline, baselineRoute, connections));
      ours.push(await round(app, route, connections));
    }
    const ratios = ours.map((mine, i) => mine.perSecond / (theirs[i]?.perSecond ?? Number.NaN));
    const cpuOurs = median(ours.map((r) => r.cpuPerRequest));
    const cpuTheirs = median(theirs.map((r) => r.cpuPerRequest));
    const sum = (rounds: Round[], count: (r: Round) => number) =>
      rounds.reduce((total, r) => total + count(r), 0);
    const failures = `${sum(ours, (r) => r.failures)}/${sum(theirs, (r) => r.failures)} (${sum(ours, (r) => r.timeouts)}/${sum(theirs, (r) => r.timeouts)})`;
    console.log(
      `${route.name.padEnd(29)} ${pad(median(ours.map((r) => r.perSecond)).toFixed(0), 9)} ${pad(median(theirs.map((r) => r.perSecond)).toFixed(0), 9)}  ${median(ratios).toFixed(2)}x (${spread(ratios)})  ${pad(cpuOurs.toFixed(0), 14)} ${pad(cpuTheirs.toFixed(0), 9)} ${pad((cpuOurs - cpuTheirs).toFixed(0), 11)} ${pad(failures, 12)}`,
    );
  }
}

/** Starts `wrangler dev` with a config and waits until it answers; returns its origin and process. */
async function wranglerDev(
  args: string[],
  port: number,
  env: NodeJS.ProcessEnv,
): Promise<{ child: ChildProcess; side: Side }> {
  const child = spawn(
    "sh",
    [path.join(ROOT, "scripts/wrangler.sh"), "dev", "--ip", "127.0.0.1", "--port", String(port), ...args],
    {
      cwd: ROOT,
      env,
      stdio: "ignore",
    },
  );
  const origin = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    const up = await fetch(`${origin}/robots.txt`).then(
      (response) => response.arrayBuffer().then(() => true),
      () => false,
    );
    if (up) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { child, side: { origin, processes: () => workerdProcesses(child.pid) } };
}

/** The routes loaded, with ETags and an article path as `origin` serves them. */
async function loadRoutes(origin: string): Promise<LoadRoute[]> {
  const page = (await (await fetch(`${origin}/feed.json?page=2`)).json()) as { items: { url: string }[] };
  const articlePath = new URL(page.items[0]?.url ?? "http://x/").pathname;
  const etag = async (path: string) => (await fetch(origin + path)).headers.get("ETag") ?? "";
  return [
    { name: "/feed.xml", path: "/feed.xml" },
    { name: "/atom.xml", path: "/atom.xml" },
    { name: "/feed.json", path: "/feed.json" },
    { name: "/sources/efe/feed.xml", path: "/sources/efe/feed.xml" },
    { name: "article page", path: articlePath },
    { name: "/", path: "/" },
    { name: "/feed.xml 304", path: "/feed.xml", headers: { "If-None-Match": await etag("/feed.xml") } },
    {
      name: "/sources/efe/feed.xml 304",
      path: "/sources/efe/feed.xml",
      headers: { "If-None-Match": await etag("/sources/efe/feed.xml") },
    },
  ];
}

/** Part 3: the hot path under load, in bare Miniflare and in wrangler dev. */
async function loadSection(work: string, target: Built): Promise<void> {
  if (!(await hasWrk())) {
    console.log("\n3. load: skipped: wrk is not installed (apt-get install wrk)");
    return;
  }
  const started: Miniflare[] = [];
  const children: ChildProcess[] = [];
  try {
    const beforeApp = new Set(workerdProcesses());
    const app = await startWorker({ scriptPath: target.scriptPath, assetsDir: target.archive, port: 0 });
    started.push(app);
    const appOrigin = (await app.ready).origin;
    const appPids = workerdProcesses().filter((pid) => !beforeApp.has(pid));
    const routes = await loadRoutes(appOrigin);
    const before = new Set(workerdProcesses());
    const baseline = startConstantWorker({
      body: new Uint8Array(),
      headers: {},
      port: 0,
      assetsDir: target.archive,
      script: baselineScript(await record(appOrigin, routes)),
    });
    started.push(baseline);
    const baselineOrigin = (await baseline.ready).origin;
    const baselinePids = workerdProcesses().filter((pid) => !before.has(pid));
    console.log(
      `\n3. load: ${TARGET} articles, wrk, ${ROUNDS} alternating rounds of ${SECONDS} s; baseline: a Worker answering the same status, headers and bytes behind the same [assets] routing` +
        "\n\n   bare Miniflare, 16 connections\n",
    );
    await compare(
      { origin: appOrigin, processes: () => appPids },
      { origin: baselineOrigin, processes: () => baselinePids },
      routes,
      16,
    );

    // wrangler dev: its own origin is in the feeds' links, so its answers and ETags are its own.
    const env = { ...process.env, SEEDS_DIR: target.seedsDir };
    const devApp = await wranglerDev([], 8791, env);
    children.push(devApp.child);
    const devRoutes = await loadRoutes(devApp.side.origin);
    const baselineDir = await mkdtemp(path.join(work, "baseline-"));
    const script = path.join(baselineDir, "baseline.mjs");
    await writeFile(script, baselineScript(await record(devApp.side.origin, devRoutes)));
    const config = path.join(baselineDir, "wrangler.json");
    await writeFile(
      config,
      JSON.stringify({
        name: "wirefeed-baseline",
        main: script,
        compatibility_date: "2026-04-26",
        assets: { directory: target.archive, binding: "ASSETS", run_worker_first: true },
      }),
    );
    const devBaseline = await wranglerDev(["--config", config], 8792, env);
    children.push(devBaseline.child);
    console.log("\n   wrangler dev, 2 connections\n");
    await compare(devApp.side, devBaseline.side, devRoutes, 2);
  } finally {
    for (const child of children) child.kill("SIGINT");
    await Promise.all(started.map((worker) => worker.dispose()));
  }
}

async function main(): Promise<void> {
  const work = await mkdtemp(path.join(os.tmpdir(), "wirefeed-bench-"));
  try {
    console.log(`wirefeed bench: ${os.cpus().length} cores, Node ${process.version}\n`);
    // Every part needs the archives; --only picks which of the other two parts follow.
    const target = await buildSection(work);
    if (!target) return;
    if (SECTIONS.has("cold")) await coldSection(target);
    if (SECTIONS.has("load")) await loadSection(work, target);
  } finally {
    await buildCorpus(null);
    await rm(work, { recursive: true, force: true });
  }
}

await main();
