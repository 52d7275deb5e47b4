/**
 * `npm run websub:publish`: tells the WebSub hub (WEBSUB_HUB) that feeds changed, so subscribers
 * get them pushed: the site's three feeds always, and every source's feeds whose articles changed
 * since the last successful run here (remembered in .wirefeed/websub-state.json, git-ignored).
 * SITE_URL and WEBSUB_HUB come from wrangler.toml [vars]; environment variables of the same names
 * win. `--if-configured` exits quietly when no hub is set (what `npm run deploy` runs).
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { parse as parseToml } from "smol-toml";
import { type IndexFile, indexPath } from "../src/archive/layout";
import { parseSiteConfig } from "../src/config";
import { PATHS } from "../src/site-links";

export interface PublishOptions {
  hub: string;
  topics: readonly string[];
  /** Topics per request while the hub accepts several `hub.url` in one (PubSubHubbub 0.4 hubs do). */
  batchSize?: number;
  /** Retries after a network error or a 5xx, waiting `backoffMs`, then twice that, and so on. */
  retries?: number;
  backoffMs?: number;
  log?: (line: string) => void;
}

export interface PublishResult {
  notified: string[];
  failed: string[];
}

/**
 * Posts `hub.mode=publish` with the topics' `hub.url`s to the hub, form-encoded. A batch the hub
 * refuses with a 4xx is sent again one topic a request, and so is everything after it.
 */
export async function publishToHub({
  hub,
  topics,
  batchSize = 20,
  retries = 4,
  backoffMs = 500,
  log = console.log,
}: PublishOptions): Promise<PublishResult> {
  const result: PublishResult = { notified: [], failed: [] };
  let size = batchSize;
  for (let start = 0; start < topics.length; ) {
    const batch = topics.slice(start, start + size);
    const status = await postWithRetries(hub, batch, retries, backoffMs, log);
    if (status >= 400 && status < 500 && batch.length > 1) {
      log(`websub: the hub refused ${batch.length} topics in one request (${status}); sending one at a time`);
      size = 1;
      continue;
    }
    if (status >= 200 && status < 300) result.notified.push(...batch);
    else result.failed.push(...batch);
    start += batch.length;
  }
  return result;
}

/** One POST, retried with doubling waits on network errors and 5xx; the final status, 0 for none. */
async function postWithRetries(
  hub: string,
  topics: readonly string[],
  retries: number,
  backoffMs: number,
  log: (line: string) => void,
): Promise<number> {
  const body = new URLSearchParams([
    ["hub.mode", "publish"],
    ...topics.map((topic): [string, string] => ["hub.url", topic]),
  ]);
  for (let attempt = 0; ; attempt++) {
    let status = 0;
    try {
      const response = await fetch(hub, { method: "POST", body, signal: AbortSignal.timeout(10_000) });
      await response.body?.cancel();
      status = response.status;
      if (status < 500) return status;
      log(`websub: ${hub} answered ${status}`);
    } catch (error) {
      log(`websub: ${hub} could not be reached: ${String(error)}`);
    }
    if (attempt >= retries) return status;
    await new Promise((resolve) => setTimeout(resolve, backoffMs * 2 ** attempt));
  }
}

/** The feed URLs of the site and of each source, all three formats. */
export function feedTopics(siteUrl: string, sourceSlugs: readonly string[]): string[] {
  const formats = ["rss", "atom", "jsonFeed"] as const;
  return [
    ...formats.map((format) => siteUrl + PATHS[format]),
    ...sourceSlugs.flatMap((slug) => formats.map((format) => siteUrl + PATHS.sourceFeed(slug, format))),
  ];
}

/** What the last successful run told the hub, so that the next one tells only what changed. */
interface PublishState {
  hub: string;
  siteUrl: string;
  codeChanged: number;
  /** Source slug -> its chunks' hashes: the same hashes, the same articles. */
  sources: Record<string, string>;
}

export interface RunOptions {
  env: Readonly<Record<string, string | undefined>>;
  wranglerConfig: string;
  /** The content build's output: the archive, and the manifest that names its index. */
  assetsDir: string;
  manifestFile: string;
  stateFile: string;
  ifConfigured?: boolean;
  publish?: Partial<PublishOptions>;
}

/** Reads the settings, the built archive's index and the last state; publishes; returns the exit code. */
export async function runWebsubPublish(options: RunOptions): Promise<number> {
  const toml = parseToml(await readFile(options.wranglerConfig, "utf8")) as {
    vars?: Record<string, unknown>;
  };
  const vars = { ...toml.vars, ...definedOnly(options.env, ["SITE_URL", "WEBSUB_HUB"]) };
  const { config, problems } = parseSiteConfig(vars);
  const log = options.publish?.log ?? console.log;
  for (const problem of problems) log(`websub: ${problem}`);
  if (problems.length > 0) return 2;
  if (!config.websubHub) {
    if (options.ifConfigured) return 0;
    log("websub: no WEBSUB_HUB is set (wrangler.toml [vars] or the environment): no hub to notify");
    return 2;
  }
  if (!config.siteUrl) {
    log(
      "websub: SITE_URL is not set. The hub fetches the feeds at their public URLs, so set SITE_URL " +
        "(wrangler.toml [vars] or the environment) to the site's origin, e.g. https://news.example.com",
    );
    return 2;
  }
  const { index, codeChanged } = await readBuiltIndex(options.assetsDir, options.manifestFile);
  const previous = await readState(options.stateFile);
  const unchangedSite =
    previous?.hub === config.websubHub &&
    previous.siteUrl === config.siteUrl &&
    previous.codeChanged === codeChanged;
  const changed = index.sources
    .filter((source) => !unchangedSite || previous?.sources[source.slug] !== source.chunkHashes)
    .map((source) => source.slug);
  const topics = feedTopics(config.siteUrl, changed);
  const result = await publishToHub({ ...options.publish, hub: config.websubHub, topics, log });
  log(
    `websub: told ${config.websubHub} of ${result.notified.length} feed(s)` +
      (result.failed.length > 0 ? `; ${result.failed.length} failed: ${result.failed.join(" ")}` : ""),
  );
  if (result.failed.length > 0) return 1;
  const sources = Object.fromEntries(index.sources.map((source) => [source.slug, source.chunkHashes]));
  const state: PublishState = { hub: config.websubHub, siteUrl: config.siteUrl, codeChanged, sources };
  await mkdir(path.dirname(options.stateFile), { recursive: true });
  await writeFile(options.stateFile, `${JSON.stringify(state, null, 2)}\n`);
  return 0;
}

function definedOnly(env: RunOptions["env"], names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.flatMap((name) => (env[name] ? [[name, env[name]]] : [])));
}

/** The index file and code date of the archive the content build wrote. */
async function readBuiltIndex(assetsDir: string, manifestFile: string) {
  const manifest = await readFile(manifestFile, "utf8").catch(() => "");
  const indexHash = /"indexHash": "([0-9a-f]+)"/.exec(manifest)?.[1];
  if (!indexHash) throw new Error(`${manifestFile} names no archive index: run npm run build first`);
  const index = JSON.parse(await readFile(path.join(assetsDir, indexPath(indexHash)), "utf8")) as IndexFile;
  return { index, codeChanged: Number(/"codeChanged": (\d+)/.exec(manifest)?.[1] ?? 0) };
}

async function readState(file: string): Promise<PublishState | null> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as PublishState;
  } catch {
    return null; // none yet, or unreadable: tell the hub of everything
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { "if-configured": { type: "boolean", default: false } } });
  process.exitCode = await runWebsubPublish({
    env: process.env,
    wranglerConfig: "wrangler.toml",
    assetsDir: path.resolve("build/archive"),
    manifestFile: path.resolve("src/generated/manifest.ts"),
    stateFile: path.resolve(".wirefeed/websub-state.json"),
    ifConfigured: values["if-configured"],
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
