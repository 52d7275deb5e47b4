/**
 * `npm run websub:publish` against a stub hub on loopback (runs in Node): the hub records every
 * POST, then each topic is fetched from the real app, served on loopback too, for its Link header.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildContent } from "../../scripts/build-content";
import { runWebsubPublish } from "../../scripts/websub-publish";
import { createApp } from "../../src/app";
import { assetArchive } from "../../src/archive/archive";
import type { ArchiveManifest } from "../../src/archive/layout";
import { FULL_SEED } from "../fixtures/seeds";

let work: string;
const servers: Server[] = [];

interface HubPost {
  contentType: string | undefined;
  mode: string | null;
  topics: string[];
}

/** A stub hub: records each POST, answering with `answer(post, n)` (202 by default). */
async function stubHub(answer: (post: HubPost, n: number) => number = () => 202) {
  const posts: HubPost[] = [];
  const url = await listen(async (request, body) => {
    const form = new URLSearchParams(body);
    const post = {
      contentType: request.headers["content-type"],
      mode: form.get("hub.mode"),
      topics: form.getAll("hub.url"),
    };
    posts.push(post);
    return { status: answer(post, posts.length), body: "" };
  });
  return { url: `${url}/hub`, posts };
}

/** Serves `handle` on a loopback port; returns its origin. */
async function listen(
  handle: (
    request: IncomingMessage,
    body: string,
  ) => Promise<{ status: number; body: string; headers?: Headers }>,
) {
  const server = createServer(async (request, response) => {
    let body = "";
    for await (const chunk of request) body += chunk;
    const answer = await handle(request, body);
    response.writeHead(answer.status, Object.fromEntries(answer.headers ?? []));
    response.end(answer.body);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The real app over the archive the content build wrote, on loopback, as wrangler dev serves it. */
async function serveSite(vars: Record<string, string>) {
  const manifestText = await readFile(path.join(work, "src/generated/manifest.ts"), "utf8");
  const manifest = JSON.parse(
    manifestText.slice(manifestText.indexOf("= {") + 2, manifestText.lastIndexOf("}") + 1),
  ) as ArchiveManifest;
  const archive = assetArchive(
    async (file) => new Response(await readFile(path.join(work, "build/archive", file), "utf8")),
    manifest,
  );
  const app = createApp({ archive: () => archive });
  return listen(async (request) => {
    const response = await app.fetch(new Request(`http://${request.headers.host}${request.url}`), vars);
    return { status: response.status, body: await response.text(), headers: response.headers };
  });
}

const build = () =>
  buildContent({
    seedsDir: path.join(work, "seeds"),
    manifestFile: path.join(work, "src/generated/manifest.ts"),
    assetsDir: path.join(work, "build/archive"),
    wranglerConfig: path.join(work, "wrangler.toml"),
    projectDir: work,
  });

function publish(env: Record<string, string | undefined>, log: string[] = []) {
  return runWebsubPublish({
    env,
    wranglerConfig: path.join(work, "wrangler.toml"),
    assetsDir: path.join(work, "build/archive"),
    manifestFile: path.join(work, "src/generated/manifest.ts"),
    stateFile: path.join(work, ".wirefeed/websub-state.json"),
    publish: { backoffMs: 1, log: (line) => log.push(line) },
  });
}

/** The feeds of the site and of the two fixture seeds' sources, as the hub should hear of them. */
const topics = (site: string, slugs = ["el-salto", "efe", "reuters"]) => [
  `${site}/feed.xml`,
  `${site}/atom.xml`,
  `${site}/feed.json`,
  ...[...slugs]
    .sort()
    .flatMap((slug) =>
      ["feed.xml", "atom.xml", "feed.json"].map((file) => `${site}/sources/${slug}/${file}`),
    ),
];

beforeEach(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), "wirefeed-websub-test-"));
  await mkdir(path.join(work, "seeds"));
  await writeFile(
    path.join(work, "wrangler.toml"),
    '[vars]\nTIME_ZONE = "America/Caracas"\nSITE_URL = "https://toml.example.com"\nWEBSUB_HUB = "http://127.0.0.1:9/toml-hub"\n',
  );
  await writeFile(path.join(work, "seeds/000_aaaaaaaaaaaaaaaa.txt"), FULL_SEED);
  await writeFile(
    path.join(work, "seeds/001_bbbbbbbbbbbbbbbb.txt"),
    FULL_SEED.replace("EFE – El Salto", "Reuters").replace("Presidents Meet", "Ministers Meet"),
  );
  expect(await build()).toMatchObject({ ok: true });
});

afterEach(async () => {
  for (const server of servers.splice(0)) server.close();
  await rm(work, { recursive: true, force: true });
});

describe("websub:publish", () => {
  it("notifies the hub of every feed in one form-encoded POST, and each topic's Link names the hub and itself", async () => {
    const hub = await stubHub();
    const site = await serveSite({ WEBSUB_HUB: hub.url, TIME_ZONE: "America/Caracas" });
    expect(await publish({ SITE_URL: site, WEBSUB_HUB: hub.url })).toBe(0);
    expect(hub.posts).toEqual([
      {
        contentType: "application/x-www-form-urlencoded;charset=UTF-8",
        mode: "publish",
        topics: topics(site),
      },
    ]);
    for (const topic of topics(site)) {
      const response = await fetch(topic);
      expect(response.status, topic).toBe(200);
      expect(response.headers.get("Link"), topic).toBe(`<${topic}>; rel="self", <${hub.url}>; rel="hub"`);
    }
  });

  it("tells the hub only of the site's feeds and the sources whose articles changed since", async () => {
    const hub = await stubHub();
    const env = { SITE_URL: "https://news.example.com", WEBSUB_HUB: hub.url };
    expect(await publish(env)).toBe(0);
    expect(await publish(env)).toBe(0);
    await writeFile(
      path.join(work, "seeds/001_bbbbbbbbbbbbbbbb.txt"),
      FULL_SEED.replace("EFE – El Salto", "Reuters").replace("Presidents Meet", "Ministers Meet Again"),
    );
    expect(await build()).toMatchObject({ ok: true });
    expect(await publish(env)).toBe(0);
    expect(hub.posts.map((post) => post.topics)).toEqual([
      topics("https://news.example.com"),
      topics("https://news.example.com", []),
      topics("https://news.example.com", ["reuters"]),
    ]);
  });

  it("sends one topic a request once the hub refuses several in one", async () => {
    const hub = await stubHub((post) => (post.topics.length > 1 ? 400 : 202));
    expect(await publish({ SITE_URL: "https://news.example.com", WEBSUB_HUB: hub.url })).toBe(0);
    expect(hub.posts.map((post) => post.topics)).toEqual([
      topics("https://news.example.com"),
      ...topics("https://news.example.com").map((topic) => [topic]),
    ]);
  });

  it("retries a 5xx with backoff and succeeds when the hub recovers", async () => {
    const hub = await stubHub((_, n) => (n <= 2 ? 503 : 204));
    expect(await publish({ SITE_URL: "https://news.example.com", WEBSUB_HUB: hub.url })).toBe(0);
    expect(hub.posts).toHaveLength(3);
  });

  it("exits non-zero when the hub keeps failing, and when it cannot be reached", async () => {
    const hub = await stubHub(() => 500);
    const log: string[] = [];
    expect(await publish({ SITE_URL: "https://news.example.com", WEBSUB_HUB: hub.url }, log)).toBe(1);
    expect(hub.posts).toHaveLength(5); // one try and four retries
    expect(log.at(-1)).toMatch(/^websub: told .* of 0 feed\(s\); 12 failed: /);
    expect(
      await publish({ SITE_URL: "https://news.example.com", WEBSUB_HUB: "http://127.0.0.1:9/hub" }),
    ).toBe(1);
  });

  it("reads SITE_URL and WEBSUB_HUB from wrangler.toml when the environment has none", async () => {
    const log: string[] = [];
    expect(await publish({}, log)).toBe(1); // wrangler.toml's hub, port 9, answers nothing
    expect(log.at(-1)).toContain(
      "websub: told http://127.0.0.1:9/toml-hub of 0 feed(s); 12 failed: https://toml.example.com/feed.xml",
    );
  });

  it("refuses to run without SITE_URL, saying why", async () => {
    await writeFile(path.join(work, "wrangler.toml"), '[vars]\nTIME_ZONE = "America/Caracas"\n');
    const hub = await stubHub();
    const log: string[] = [];
    expect(await publish({ WEBSUB_HUB: hub.url }, log)).toBe(2);
    expect(log).toEqual([
      "websub: SITE_URL is not set. The hub fetches the feeds at their public URLs, so set SITE_URL (wrangler.toml [vars] or the environment) to the site's origin, e.g. https://news.example.com",
    ]);
    expect(hub.posts).toEqual([]);
  });
});
