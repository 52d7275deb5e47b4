/**
 * Node-side helpers for benchmarks and the soak: bundle the Worker with `wrangler deploy --dry-run`
 * and start the bundle in Miniflare directly (no wrangler dev proxy in the way).
 */
import { execFile } from "node:child_process";
import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { Miniflare } from "miniflare";
import { parse as parseToml } from "smol-toml";

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");

/** wrangler.toml as an object: the one place the Worker's settings live. */
export async function readWranglerConfig(): Promise<Record<string, unknown>> {
  return parseToml(await readFile(path.join(ROOT, "wrangler.toml"), "utf8")) as Record<string, unknown>;
}

export interface Bundle {
  scriptPath: string;
  /** Wrangler's own figures: `Total Upload: … KiB / gzip: … KiB`. */
  uploadKiB: number;
  gzipKiB: number;
}

/**
 * Bundles src/index.ts as `wrangler deploy --dry-run` does, into `outDir`. It uses a copy of
 * wrangler.toml without [build]: the caller has built the content already, and a second content
 * build of 100,000 seeds would only measure the same thing twice.
 */
export async function bundleWorker(outDir: string, assetsDir: string): Promise<Bundle> {
  const { build: _build, ...config } = await readWranglerConfig();
  const configPath = path.join(outDir, "wrangler.json");
  const assets = { ...(config.assets as object), directory: assetsDir };
  await writeFile(configPath, JSON.stringify({ ...config, main: path.join(ROOT, "src/index.ts"), assets }));
  const { stdout } = await run(
    "sh",
    [
      path.join(ROOT, "scripts/wrangler.sh"),
      "deploy",
      "--dry-run",
      "--config",
      configPath,
      "--outdir",
      outDir,
    ],
    { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 },
  );
  const sizes = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(stdout);
  if (!sizes) throw new Error(`no upload size in wrangler's output:\n${stdout}`);
  return {
    scriptPath: path.join(outDir, "index.js"),
    uploadKiB: Number(sizes[1]),
    gzipKiB: Number(sizes[2]),
  };
}

/** File count, total bytes and largest file of a static assets folder. */
export async function folderStats(
  folder: string,
): Promise<{ files: number; bytes: number; largest: number }> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  let files = 0;
  let bytes = 0;
  let largest = 0;
  for (const entry of entries.filter((candidate) => candidate.isFile())) {
    const { size } = await stat(path.join(entry.parentPath, entry.name));
    files++;
    bytes += size;
    largest = Math.max(largest, size);
  }
  return { files, bytes, largest };
}

/** Miniflare's options for the bundled Worker with wrangler.toml's settings, `vars` over its [vars]. */
async function bundledWorker(scriptPath: string, vars: Record<string, string> = {}) {
  const config = await readWranglerConfig();
  return {
    modules: true,
    scriptPath,
    // Module names are paths below this root; the default (cwd) cannot name a bundle in /tmp.
    modulesRoot: path.dirname(scriptPath),
    compatibilityDate: config.compatibility_date as string,
    bindings: { ...(config.vars as Record<string, string>), ...vars },
  };
}

/** Starts a bundled Worker with its assets and vars in Miniflare, on 127.0.0.1 when `port` is given. */
export async function startWorker(options: {
  scriptPath: string;
  assetsDir: string;
  port?: number;
  /** Opens workerd's inspector on this port, for reading the isolate's heap. */
  inspectorPort?: number;
  /** Settings over wrangler.toml's [vars], e.g. the largest FEED_ITEM_LIMIT. */
  vars?: Record<string, string>;
}): Promise<Miniflare> {
  return new Miniflare({
    ...(await bundledWorker(options.scriptPath, options.vars)),
    assets: {
      directory: options.assetsDir,
      binding: "ASSETS",
      routerConfig: { has_user_worker: true, invoke_user_worker_ahead_of_assets: true },
    },
    ...(options.port === undefined ? {} : { host: "127.0.0.1", port: options.port }),
    ...(options.inspectorPort === undefined ? {} : { inspectorPort: options.inspectorPort }),
  });
}

/**
 * Starts a Worker that answers every request with the same bytes and headers, the floor any
 * route can reach. With `assetsDir` it sits behind the same [assets] `run_worker_first` routing as
 * the real Worker, which locally adds Miniflare's router and asset proxy in front of it: a fair
 * baseline pays for the same hops.
 */
export function startConstantWorker(options: {
  body: Uint8Array;
  headers: Record<string, string>;
  port?: number;
  assetsDir?: string;
  /** A module of its own instead, e.g. one answering several recorded responses by path. */
  script?: string;
  /** Opens workerd's inspector on this port, for reading the isolate's heap. */
  inspectorPort?: number;
}): Miniflare {
  const base64 = Buffer.from(options.body).toString("base64");
  return new Miniflare({
    modules: true,
    script:
      options.script ??
      `const body = Uint8Array.from(atob(${JSON.stringify(base64)}), (c) => c.charCodeAt(0));
const headers = ${JSON.stringify(options.headers)};
export default { fetch() { return new Response(body, { headers }); } };`,
    compatibilityDate: "2026-04-26",
    ...(options.assetsDir === undefined
      ? {}
      : {
          assets: {
            directory: options.assetsDir,
            binding: "ASSETS",
            routerConfig: { has_user_worker: true, invoke_user_worker_ahead_of_assets: true },
          },
        }),
    ...(options.port === undefined ? {} : { host: "127.0.0.1", port: options.port }),
    ...(options.inspectorPort === undefined ? {} : { inspectorPort: options.inspectorPort }),
  });
}

/** What a request reads and answers: its archive files, in order, and its status, headers and body. */
export interface RecordedRequest {
  paths: string[];
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

/**
 * The archive files a request reads through ASSETS on a new isolate, and its answer: the Worker
 * runs once with ASSETS served from the folder by Node, which records them.
 */
export async function recordAssetReads(options: {
  scriptPath: string;
  assetsDir: string;
  route: string;
  vars?: Record<string, string>;
}): Promise<RecordedRequest> {
  const paths: string[] = [];
  const worker = new Miniflare({
    ...(await bundledWorker(options.scriptPath, options.vars)),
    serviceBindings: {
      async ASSETS(request) {
        const asset = new URL(request.url).pathname;
        paths.push(asset);
        return new Response(await readFile(path.join(options.assetsDir, asset)));
      },
    },
  });
  try {
    const response = await worker.dispatchFetch(`http://127.0.0.1${options.route}`, { redirect: "manual" });
    const body = new Uint8Array(await response.arrayBuffer());
    return { paths, status: response.status, headers: Object.fromEntries(response.headers), body };
  } finally {
    await worker.dispose();
  }
}

/**
 * A cold request's floor on the simulator: a Worker behind the same [assets] routing that reads
 * the same archive files through ASSETS (all at once, as the app does) and answers the same
 * status, headers and bytes. What Miniflare spends serving those files, and compressing some
 * media types (an RSS body, not an Atom one), is not the Worker's CPU on Cloudflare.
 */
export function startAssetReadingWorker(options: RecordedRequest & { assetsDir: string }) {
  const base64 = Buffer.from(options.body).toString("base64");
  return startConstantWorker({
    body: new Uint8Array(0),
    headers: {},
    assetsDir: options.assetsDir,
    script: `const paths = ${JSON.stringify(options.paths)};
const body = Uint8Array.from(atob(${JSON.stringify(base64)}), (c) => c.charCodeAt(0));
const init = { status: ${options.status}, headers: ${JSON.stringify(options.headers)} };
export default {
  async fetch(request, env) {
    await Promise.all(paths.map(async (path) => (await env.ASSETS.fetch("https://assets.invalid" + path)).arrayBuffer()));
    return new Response(${options.status === 304 || options.body.byteLength === 0 ? "null" : "body"}, init);
  },
};`,
  });
}
