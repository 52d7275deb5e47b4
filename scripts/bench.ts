/**
 * `npm run bench`: startup, size and build time for synthetic archives of 1 to 100,000 articles,
 * then every route under load against a Worker that returns a constant string of the same size.
 * Figures, not assertions: compare the ratios within one run. See README, "Performance".
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import type { Miniflare } from "miniflare";
import { buildCorpus, writeSyntheticSeeds } from "./lib/corpus";
import { bundleWorker, folderStats, startConstantWorker, startWorker } from "./lib/local-worker";

const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "16" },
    "skip-100k": { type: "boolean", default: false },
  },
});
const DURATION = Number(values.duration);
const CONNECTIONS = Number(values.connections);
const SIZES = values["skip-100k"] ? [1, 1_000, 10_000] : [1, 1_000, 10_000, 100_000];
const LOAD_SIZE = 10_000;
const SLICE_SECONDS = 2;
const MiB = 1024 * 1024;

const median = (numbers: number[]) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)] ?? 0;
const fixed = (n: number, digits = 0) => n.toFixed(digits).padStart(8);

/** Time from Miniflare construction to the first response of /feed.xml, median of three. */
async function startupMs(scriptPath: string, assetsDir: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    const worker = await startWorker({ scriptPath, assetsDir });
    const response = await worker.dispatchFetch("http://127.0.0.1/feed.xml");
    await response.arrayBuffer();
    times.push(performance.now() - started);
    await worker.dispose();
  }
  return median(times);
}

interface Load {
  requests: number;
  p50: number;
  p99: number;
  notOk: number;
}

async function load(url: string, headers: Record<string, string>, seconds: number): Promise<Load> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, headers });
  return {
    requests: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    notOk: result.non2xx,
  };
}

/**
 * Loads a route and the baseline in alternating 2-second slices, so drift in a shared machine's
 * speed over the run falls on both alike; returns each side's mean over its slices.
 */
async function compareWithBaseline(url: string, baselineUrl: string, headers: Record<string, string> = {}) {
  const slices = Math.max(1, Math.round(DURATION / SLICE_SECONDS));
  const route: Load[] = [];
  const baseline: Load[] = [];
  for (let i = 0; i < slices; i++) {
    baseline.push(await load(baselineUrl, {}, SLICE_SECONDS));
    route.push(await load(url, headers, SLICE_SECONDS));
  }
  const mean = (loads: Load[], key: keyof Load) =>
    loads.reduce((sum, item) => sum + item[key], 0) / loads.length;
  const summary = (loads: Load[]): Load => ({
    requests: mean(loads, "requests"),
    p50: mean(loads, "p50"),
    p99: mean(loads, "p99"),
    notOk: loads.reduce((sum, item) => sum + item.notOk, 0),
  });
  return { route: summary(route), baseline: summary(baseline) };
}

async function main(): Promise<void> {
  const work = await mkdtemp(path.join(os.tmpdir(), "wirefeed-bench-"));
  const started: Miniflare[] = [];
  try {
    console.log(`wirefeed bench: ${os.cpus().length} cores, Node ${process.version}\n`);
    console.log("articles  build s  startup ms  script KiB  gzip KiB  asset files  asset MiB  largest KiB");
    const bundles = new Map<number, { scriptPath: string; archive: string }>();
    const startups = new Map<number, number>();
    for (const size of SIZES) {
      const seeds = path.join(work, `seeds-${size}`);
      const archive = path.join(work, `archive-${size}`);
      await writeSyntheticSeeds(seeds, size);
      const buildMs = await buildCorpus(seeds, archive);
      const bundle = await bundleWorker(await mkdtemp(path.join(work, `worker-${size}-`)), archive);
      const assets = await folderStats(archive);
      const startup = await startupMs(bundle.scriptPath, archive);
      bundles.set(size, { scriptPath: bundle.scriptPath, archive });
      startups.set(size, startup);
      console.log(
        `${String(size).padStart(8)} ${fixed(buildMs / 1000, 1)} ${fixed(startup, 0)}    ${fixed(bundle.uploadKiB, 1)}  ${fixed(bundle.gzipKiB, 1)}  ${fixed(assets.files)}     ${fixed(assets.bytes / MiB, 1)}   ${fixed(assets.largest / 1024, 1)}`,
      );
      await rm(seeds, { recursive: true, force: true });
    }
    const one = startups.get(1) ?? 1;
    console.log(
      `\nstartup ratio to 1 article: ${SIZES.map((size) => `${size}: ${((startups.get(size) ?? 0) / one).toFixed(2)}x`).join(", ")}`,
    );
    console.log(
      "Cloudflare limits: script 64 MiB (10 MiB gzip on paid plans), startup 1 s, 100,000 asset files (20,000 free), 25 MiB per asset",
    );

    const target = bundles.get(LOAD_SIZE);
    if (!target) return;
    const worker = await startWorker({ ...target, assetsDir: target.archive, port: 0 });
    started.push(worker);
    const origin = (await worker.ready).origin;
    const feed = await fetch(`${origin}/feed.xml`);
    const feedBody = await feed.text();
    const etag = feed.headers.get("ETag") ?? "";
    const page2 = (await (await fetch(`${origin}/feed.json?page=2`)).json()) as { items: { url: string }[] };
    const articlePath = new URL(page2.items[0]?.url ?? "").pathname;

    const baseline = startConstantWorker(feedBody, "application/rss+xml; charset=utf-8", 0);
    started.push(baseline);
    const baselineUrl = (await baseline.ready).origin;

    console.log(
      `\nload: ${LOAD_SIZE} articles, ${CONNECTIONS} connections, Miniflare on 127.0.0.1; each route ${DURATION} s, ` +
        `alternating ${SLICE_SECONDS} s slices with a Worker returning a constant ${feedBody.length} B string`,
    );
    console.log("route                           req/s   p50 ms   p99 ms  not 2xx   baseline req/s   ratio");
    const routes: [string, string, Record<string, string>?][] = [
      ["/feed.xml", "/feed.xml"],
      ["/atom.xml", "/atom.xml"],
      ["/feed.json", "/feed.json"],
      ["/feed.xml?page=2", "/feed.xml?page=2"],
      ["article page", articlePath],
      ["/", "/"],
      ["/sources/efe/feed.xml", "/sources/efe/feed.xml"],
      ["/sources/efe (page)", "/sources/efe"],
      ["/feed.xml 304 (If-None-Match)", "/feed.xml", { "If-None-Match": etag }],
    ];
    for (const [name, routePath, headers = {}] of routes) {
      await fetch(origin + routePath, { headers }).then((response) => response.arrayBuffer());
      const { route, baseline: base } = await compareWithBaseline(origin + routePath, baselineUrl, headers);
      console.log(
        `${name.padEnd(30)} ${fixed(route.requests)} ${fixed(route.p50, 1)} ${fixed(route.p99, 1)} ${fixed(route.notOk)}         ${fixed(base.requests)}   ${(route.requests / base.requests).toFixed(2)}x`,
      );
    }
  } finally {
    await Promise.all(started.map((worker) => worker.dispose()));
    await buildCorpus(null);
    await rm(work, { recursive: true, force: true });
  }
}

await main();
