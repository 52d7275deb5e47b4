/**
 * `npm run soak`: holds a bounded load (16 connections, 60 s by default) on the Worker in Miniflare
 * on 127.0.0.1, mixing every route, conditional requests, junk paths and bad methods, and prints
 * requests served, errors, 5xx and the workerd process's memory, then the memory of a constant-string
 * Worker under the same load for comparison. Exits non-zero on any error or 5xx.
 */
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import type { Miniflare } from "miniflare";
import { MAX_FEED_ITEM_LIMIT } from "../src/config";
import { buildCorpus, writeSyntheticSeeds } from "./lib/corpus";
import { connectIsolateHeap, type IsolateUsage } from "./lib/isolate-heap";
import { bundleWorker, startConstantWorker, startWorker } from "./lib/local-worker";

const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "60" },
    connections: { type: "string", default: "16" },
    articles: { type: "string" },
    walk: { type: "boolean", default: false },
  },
});
const ARTICLES = Number(values.articles ?? (values.walk ? 100_000 : 1000));
const DURATION = Number(values.duration);
const INSPECTOR_PORT = 9329;

/** Resident memory of every workerd process this one started, in MiB. */
async function workerdMemoryMiB(): Promise<number> {
  let kib = 0;
  for (const pid of await readdir("/proc").catch(() => [])) {
    if (!/^\d+$/.test(pid)) continue;
    const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
    const cmdline = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
    const parent = /^PPid:\s+(\d+)/m.exec(status)?.[1];
    if (cmdline.includes("workerd") && parent === String(process.pid)) {
      kib += Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
    }
  }
  return kib / 1024;
}

/** Runs autocannon, also counting its request errors by kind, so a failed soak says why. */
function load(options: autocannon.Options) {
  return new Promise<{ result: autocannon.Result; errorKinds: Map<string, number> }>((resolve, reject) => {
    const errorKinds = new Map<string, number>();
    const instance = autocannon(options, (error, result) =>
      error ? reject(error) : resolve({ result, errorKinds }),
    );
    instance.on("reqError", (error: Error & { code?: string }) => {
      const kind = error.code ?? error.message;
      errorKinds.set(kind, (errorKinds.get(kind) ?? 0) + 1);
    });
  });
}

/**
 * HEAD requests from one loop beside autocannon, whose parser waits for a HEAD response's
 * Content-Length worth of body and stalls the connection.
 */
async function headLoop(origin: string, paths: string[], deadline: number) {
  const counts = { sent: 0, fiveHundreds: 0, withBody: 0, errors: 0 };
  while (Date.now() < deadline) {
    const path = paths[counts.sent % paths.length] as string;
    try {
      const response = await fetch(origin + path, { method: "HEAD" });
      if (response.status >= 500) counts.fiveHundreds++;
      if ((await response.arrayBuffer()).byteLength > 0) counts.withBody++;
    } catch {
      counts.errors++;
    }
    counts.sent++;
  }
  return counts;
}

/** Requests the walk keeps in flight. */
const WALK_CONCURRENCY = 4;

/** Host names the walk reads every page under: each has its own rendered responses. */
const WALK_HOSTS = ["news.example.com", "wirefeed.example.workers.dev", "127.0.0.1:8787"];

/**
 * `--walk`: every page of every feed, the index and every source route, under three host names,
 * at the largest FEED_ITEM_LIMIT, reading the isolate's memory through the inspector as it goes.
 * Whatever the walk asks for, the caches must keep the isolate within their byte budgets.
 */
async function walk(): Promise<void> {
  const work = await mkdtemp(path.join(os.tmpdir(), "wirefeed-walk-"));
  try {
    const seeds = path.join(work, "seeds");
    const archive = path.join(work, "archive");
    await writeSyntheticSeeds(seeds, ARTICLES);
    await buildCorpus(seeds, archive);
    await rm(seeds, { recursive: true, force: true });
    const bundle = await bundleWorker(work, archive);
    const limit = MAX_FEED_ITEM_LIMIT;
    const worker = await startWorker({
      scriptPath: bundle.scriptPath,
      assetsDir: archive,
      inspectorPort: INSPECTOR_PORT,
      vars: { FEED_ITEM_LIMIT: String(limit) },
    });
    let walked: Walked;
    try {
      await worker.ready;
      const sourcesPage = await (await worker.dispatchFetch(`http://${WALK_HOSTS[0]}/sources`)).text();
      const sources = [
        ...new Set([...sourcesPage.matchAll(/href="[^"]*?(\/sources\/[^"/?#]+)"/g)].map((m) => m[1] ?? "")),
      ];
      const urls: string[] = [];
      // Feeds and lists page differently past FEED_ITEM_LIMIT (see README, Paging): each list's
      // own last page is read from its first.
      const pagesOf = async (origin: string, list: string, files: readonly string[]) => {
        const feedPages = await lastPage(worker, `${origin}${list}/atom.xml`);
        const listPages = await lastListPage(worker, `${origin}${list || "/"}`);
        for (const file of files) {
          const last = file.endsWith("/") || file === "" ? listPages : feedPages;
          for (let page = 1; page <= last; page++) urls.push(`${origin}${list}${file}?page=${page}`);
        }
      };
      for (const host of WALK_HOSTS) {
        const origin = `http://${host}`;
        await pagesOf(origin, "", ["/feed.xml", "/atom.xml", "/feed.json", "/"]);
        urls.push(
          `${origin}/sources`,
          `${origin}/sitemap.xml`,
          `${origin}/feeds.opml`,
          `${origin}/robots.txt`,
        );
        for (const source of sources) {
          await pagesOf(origin, source, ["/feed.xml", "/atom.xml", "/feed.json", ""]);
        }
      }
      walked = await walkPages(worker, urls, "walk");
      console.log(
        `soak --walk: ${ARTICLES} articles, FEED_ITEM_LIMIT ${limit}, ${WALK_HOSTS.length} host names, ${sources.length} sources, ${urls.length} pages in ${walked.minutes.toFixed(1)} min, ${walked.failures} not 200`,
      );
      printSamples("isolate", walked);
      if (walked.failed.length > 0) console.log(`not 200, the first: ${walked.failed.join(", ")}`);
    } finally {
      await worker.dispose();
    }
    // The floor: a Worker that makes each answer's bytes anew and does nothing else, asked for
    // the same sizes in the same order. What its samples reach is the collector's schedule.
    const baseline = startConstantWorker({
      body: new Uint8Array(),
      headers: {},
      assetsDir: archive,
      inspectorPort: INSPECTOR_PORT,
      script: FRESH_BODY_WORKER,
    });
    try {
      await baseline.ready;
      const sized = walked.sizes.map((bytes) => `http://${WALK_HOSTS[0]}/?bytes=${bytes}`);
      printSamples("baseline", await walkPages(baseline, sized, "baseline walk"));
    } finally {
      await baseline.dispose();
    }
    if (walked.failures > 0 || peakMiB(walked) > 64) process.exitCode = 1;
  } finally {
    await buildCorpus(null);
    await rm(work, { recursive: true, force: true });
  }
}

/** A Worker that answers `?bytes=N` with N bytes made for the request, the walk's floor. */
const FRESH_BODY_WORKER = `export default {
  fetch(request) {
    const bytes = Number(new URL(request.url).searchParams.get("bytes"));
    return new Response(new Uint8Array(bytes).fill(120));
  },
};`;

interface Walked {
  /** The isolate's memory every 250 pages, then at the end. */
  samples: IsolateUsage[];
  /** The same after a full collection; null if the inspector did not answer. */
  afterGc: number | null;
  /** Each page's body size, in the order asked. */
  sizes: number[];
  failures: number;
  /** The first few pages that were not 200, with why. */
  failed: string[];
  minutes: number;
}

/**
 * Reads every URL from `worker`, a few in flight as readers and crawlers would send them,
 * sampling the isolate through the inspector every 250 pages and showing progress every 2,000.
 */
async function walkPages(worker: Miniflare, urls: string[], label: string): Promise<Walked> {
  const heap = await connectIsolateHeap(INSPECTOR_PORT);
  const samples = [await heap.usage()];
  const sizes: number[] = new Array(urls.length);
  let failures = 0;
  const failed: string[] = [];
  let done = 0;
  const started = performance.now();
  const next = urls.entries();
  const reader = async () => {
    for (let item = next.next(); !item.done; item = next.next()) {
      const [index, url] = item.value;
      const response = await worker.dispatchFetch(url, { redirect: "manual" });
      const body = await response.arrayBuffer();
      sizes[index] = body.byteLength;
      if (response.status !== 200) {
        failures++;
        // What failed and why: workerd's own 500s say it in their body (a hang, the memory limit).
        const why = new TextDecoder().decode(body.slice(0, 160)).split("\n")[0];
        if (failed.length < 5) failed.push(`${response.status} ${url} (${why})`);
      }
      done++;
      if (done % 250 === 0) samples.push(await heap.usage());
      if (done % 2000 === 0) {
        const minutes = ((performance.now() - started) / 60_000).toFixed(1);
        console.log(
          `${label}: ${done} of ${urls.length} pages, ${minutes} min, isolate ${usedMiB(samples.at(-1)).toFixed(1)} MiB`,
        );
      }
    }
  };
  await Promise.all(Array.from({ length: WALK_CONCURRENCY }, reader));
  samples.push(await heap.usage());
  const afterGc = await heap.usedMiBAfterGc();
  heap.close();
  return { samples, afterGc, sizes, failures, failed, minutes: (performance.now() - started) / 60_000 };
}

const usedMiB = (usage: IsolateUsage | undefined) => (usage ? usage.heap + usage.backingStores : 0);

/** The walk's largest sample, heap and backing stores together, in MiB. */
const peakMiB = ({ samples }: Walked) => Math.max(...samples.map(usedMiB));

function printSamples(label: string, walked: Walked): void {
  const { samples, afterGc } = walked;
  const later = samples.slice(4).map(usedMiB);
  const lowest = later.length > 0 ? Math.min(...later).toFixed(1) : "n/a";
  const largest = (part: keyof IsolateUsage) => Math.max(...samples.map((usage) => usage[part])).toFixed(1);
  console.log(
    `${label.padEnd(8)} MiB  peak ${peakMiB(walked).toFixed(1)} (largest heap ${largest("heap")}, largest backing stores ${largest("backingStores")})  lowest after the first 1,000 pages ${lowest}  end ${usedMiB(samples.at(-1)).toFixed(1)}  after GC ${afterGc?.toFixed(1) ?? "n/a"}  (budget 64; sampled every 250 pages)`,
  );
  const series = (values: number[]) => values.map((value) => value.toFixed(0)).join(" ");
  console.log(`${label} every 250 pages: ${series(samples.map(usedMiB))}`);
  console.log(`${label} heap: ${series(samples.map((usage) => usage.heap))}`);
  console.log(`${label} backing stores: ${series(samples.map((usage) => usage.backingStores))}`);
}

/** How many pages a feed has, from its Atom `last` link (RFC 5005); 1 without one. */
async function lastPage(worker: Miniflare, atomUrl: string): Promise<number> {
  const atom = await (await worker.dispatchFetch(atomUrl)).text();
  return Number(
    /<link rel="last" type="application\/atom\+xml" href="[^"]*\?page=(\d+)"/.exec(atom)?.[1] ?? 1,
  );
}

/** How many pages a list page (the index, a source's page) has, from its "Page 1 of N"; 1 without. */
async function lastListPage(worker: Miniflare, url: string): Promise<number> {
  const page = await (await worker.dispatchFetch(url)).text();
  return Number(/Page 1 of (\d+)/.exec(page)?.[1] ?? 1);
}

async function main(): Promise<void> {
  const work = await mkdtemp(path.join(os.tmpdir(), "wirefeed-soak-"));
  try {
    const seeds = path.join(work, "seeds");
    const archive = path.join(work, "archive");
    await writeSyntheticSeeds(seeds, ARTICLES);
    await buildCorpus(seeds, archive);
    const bundle = await bundleWorker(work, archive);
    const worker = await startWorker({
      scriptPath: bundle.scriptPath,
      assetsDir: archive,
      port: 0,
      inspectorPort: INSPECTOR_PORT,
    });
    try {
      const origin = (await worker.ready).origin;
      const feed = await fetch(`${origin}/feed.xml`);
      const etag = feed.headers.get("ETag") ?? "";
      const lastModified = feed.headers.get("Last-Modified") ?? "";
      const articles = (
        (await (await fetch(`${origin}/feed.json?page=3`)).json()) as { items: { url: string }[] }
      ).items;
      const articlePaths = articles.slice(0, 10).map((item) => new URL(item.url).pathname);
      const requests: autocannon.Request[] = [
        ...[
          "/",
          "/feed.xml",
          "/atom.xml",
          "/feed.json",
          "/?page=2",
          "/feed.xml?page=2",
          "/atom.xml?page=7",
        ].map((p) => ({ path: p })),
        ...articlePaths.map((p) => ({ path: p })),
        { path: "/feed.xml", headers: { "If-None-Match": etag } },
        { path: "/feed.xml", headers: { "If-None-Match": `W/${etag}, "x"` } },
        { path: "/feed.xml", headers: { "If-Modified-Since": lastModified } },
        { path: "/feed.json", headers: { "If-None-Match": '"stale"', "If-Modified-Since": "garbage" } },
        {
          path: "/feed.json",
          method: "OPTIONS",
          headers: { Origin: "https://app.example", "Access-Control-Request-Method": "GET" },
        },
        { path: "/feed.xml", method: "POST", body: "x" },
        { path: "/feed.xml?page=0" },
        { path: "/feed.xml?page=999999" },
        { path: "/articles/no-such-article" },
        { path: "/../../etc/passwd" },
        { path: "/articles/%E0%A4%A" },
        { path: `/${"a".repeat(4000)}` },
        { path: "/%3Cscript%3E?page=%00" },
      ];

      const heap = await connectIsolateHeap(INSPECTOR_PORT);
      const memory = [await workerdMemoryMiB()];
      const heapMemory = [await heap.usedMiB()];
      const sampler = setInterval(async () => {
        memory.push(await workerdMemoryMiB());
        heapMemory.push(await heap.usedMiB());
      }, 5000);
      const deadline = Date.now() + DURATION * 1000;
      const [loaded, head] = await Promise.all([
        load({ url: origin, connections: Number(values.connections), duration: DURATION, requests }),
        headLoop(origin, ["/", "/feed.xml", "/feed.json?page=2", ...articlePaths, "/nope"], deadline),
      ]);
      clearInterval(sampler);
      memory.push(await workerdMemoryMiB());
      heapMemory.push(await heap.usedMiB());
      heap.close();

      const { result, errorKinds } = loaded;
      const served =
        result["1xx"] + result["2xx"] + result["3xx"] + result["4xx"] + result["5xx"] + head.sent;
      const errors = result.errors + result.timeouts + head.errors;
      console.log(
        `soak: ${ARTICLES} articles, ${values.connections} connections, ${DURATION} s, ${requests.length} request kinds`,
      );
      console.log(`requests served   ${served} (${Math.round(served / DURATION)}/s)`);
      console.log(
        `by status         2xx ${result["2xx"]}  3xx ${result["3xx"]}  4xx ${result["4xx"]}  5xx ${result["5xx"]}  (GET, OPTIONS, POST)`,
      );
      console.log(
        `HEAD              ${head.sent} sent, ${head.fiveHundreds} 5xx, ${head.withBody} with a body`,
      );
      console.log(
        `errors            ${errors} (${result.errors} errors, ${result.timeouts} timeouts, ${head.errors} HEAD errors)` +
          [...errorKinds].map(([kind, count]) => `\n                  ${count} x ${kind}`).join(""),
      );
      console.log(
        `latency ms        p50 ${result.latency.p50}  p99 ${result.latency.p99}  max ${result.latency.max}`,
      );
      console.log(
        `workerd RSS MiB   start ${memory[0]?.toFixed(1)}  end ${memory.at(-1)?.toFixed(1)}  peak ${Math.max(...memory).toFixed(1)}`,
      );
      console.log(`RSS every 5 s     ${memory.map((value) => value.toFixed(0)).join(" ")}`);
      console.log(
        `isolate heap MiB  start ${heapMemory[0]?.toFixed(1)}  end ${heapMemory.at(-1)?.toFixed(1)}  peak ${Math.max(...heapMemory).toFixed(1)}` +
          `  (the Worker's own JS heap and buffers, every 5 s: ${heapMemory.map((value) => value.toFixed(1)).join(" ")})`,
      );
      if (errors > 0 || result["5xx"] + head.fiveHundreds + head.withBody > 0) process.exitCode = 1;
    } finally {
      await worker.dispose();
    }

    // workerd under Miniflare keeps memory per request whatever the Worker does; the same load on
    // a Worker that returns a constant string shows how much of the growth is the runtime's.
    const baseline = startConstantWorker({
      body: new TextEncoder().encode("x".repeat(1500)),
      headers: { "Content-Type": "text/plain" },
      port: 0,
    });
    try {
      const baselineUrl = (await baseline.ready).origin;
      const baselineMemory = [await workerdMemoryMiB()];
      const sampler = setInterval(async () => baselineMemory.push(await workerdMemoryMiB()), 5000);
      const connections = Number(values.connections);
      const { result } = await load({ url: baselineUrl, connections, duration: DURATION });
      clearInterval(sampler);
      baselineMemory.push(await workerdMemoryMiB());
      console.log(
        `constant Worker   RSS MiB start ${baselineMemory[0]?.toFixed(1)}  end ${baselineMemory.at(-1)?.toFixed(1)}` +
          ` after ${result.requests.total} requests (a Worker returning 1,500 bytes: the runtime's own growth)`,
      );
    } finally {
      await baseline.dispose();
    }
  } finally {
    await buildCorpus(null);
    await rm(work, { recursive: true, force: true });
  }
}

await (values.walk ? walk() : main());
