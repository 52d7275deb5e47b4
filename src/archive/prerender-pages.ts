/**
 * The build's half of prerendered pages (see prerendered-page.ts): the Worker's own app renders
 * them over the archive just packed, so they are byte for byte what it would render itself.
 */
import { createApp } from "../app";
import { configScope, parseSiteConfig } from "../config";
import { FEED_FILES, type FeedFormat, PATHS } from "../site-links";
import { type AssetFetcher, assetArchive } from "./archive";
import { type ArchiveManifest, HASH_LENGTH, type IndexFile, prerenderedPagePath } from "./layout";
import type { AssetFile } from "./pack-archive";
import { encodePrerenderedPage, PLACEHOLDER_ORIGIN, placesOf } from "./prerendered-page";

/** A second origin, to check that the placeholder stands where the origin does and nowhere else. */
const CHECK_ORIGIN = "http://check.wirefeed.invalid:8787";

/** Changes when what a page's name stands for changes, so no earlier build's file is taken for it. */
const PAGE_NAMING = "wirefeed page 1";

export interface PrerenderOptions {
  /** Names the build's code and wrangler.toml: every page is rendered again when they change. */
  codeKey: string;
  hashBytes: (parts: readonly Uint8Array[]) => string;
  /** Whether the file of the page named `name` is in place, whole, from an earlier build. */
  isInPlace(name: string): boolean;
}

/** A page to render ahead: its path, and what its body is made of besides the code and settings. */
interface PageSource {
  path: string;
  inputs: unknown;
}

/**
 * The pages nearly every request asks for, each with its inputs: the first page of the site's
 * feeds and home page, the sources page, and each source's page and feeds. A first page shows the
 * newest articles of its list, so it is made of the list's count and its newest chunk files
 * (named by their content, related links included); the sources page of every source's name and
 * count. The change date (`modified`) reaches a body only for an empty list, which these never are.
 */
function pageSources(manifest: ArchiveManifest, index: IndexFile, limit: number): PageSource[] {
  const newestChunks = (chunkHashes: string, count: number) =>
    chunkHashes.slice(
      Math.floor(Math.max(0, count - limit) / manifest.chunkSize) * HASH_LENGTH,
      (Math.floor((count - 1) / manifest.chunkSize) + 1) * HASH_LENGTH,
    );
  const formats = Object.keys(FEED_FILES) as FeedFormat[];
  const site = {
    count: manifest.articleCount,
    chunks: newestChunks(manifest.chunkHashes, manifest.articleCount),
  };
  return [
    ...[PATHS.home, ...formats.map((format) => PATHS[format])].map((path) => ({ path, inputs: site })),
    { path: PATHS.sources, inputs: index.sources.map(({ slug, name, count }) => [slug, name, count]) },
    ...index.sources.flatMap(({ slug, name, count, chunkHashes }) => {
      const inputs = { slug, name, count, chunks: newestChunks(chunkHashes, count) };
      const paths = [PATHS.source(slug), ...formats.map((format) => PATHS.sourceFeed(slug, format))];
      return paths.map((path) => ({ path, inputs }));
    }),
  ];
}

/**
 * Renders the pages over the archive files `fetchAsset` reads (whose `manifest` names no pages
 * yet, and whose index file is `index`) under the Worker's `[vars]`, and returns their files
 * (null for one in place already) and the manifest's `pages`. A page's file is named by the hash
 * of what it is made of, so one that an earlier build rendered from the same is kept without
 * rendering it again.
 *
 * The placeholder origin must stand in a page only where the origin does. A page is a function of
 * the code, the settings and the files read, none of which names the placeholder's host as a
 * rule, so then every place it stands is the origin's. Should a file or setting name it (an article
 * quoting it), each page is rendered again for a second origin, and one that differs anywhere
 * else is left out: the Worker renders it instead.
 *
 * The caller passes the index it wrote rather than this reading it: a build that keeps every page
 * then makes no Response at all (Node's first one loads its fetch implementation, about 70 ms).
 */
export async function prerenderPages(
  fetchAsset: AssetFetcher,
  manifest: ArchiveManifest,
  index: IndexFile,
  vars: Record<string, unknown>,
  options: PrerenderOptions,
): Promise<{ files: AssetFile[]; pages: Record<string, string>; rendered: number }> {
  const config = parseSiteConfig(vars).config;
  const scope = configScope(config);
  const host = new URL(PLACEHOLDER_ORIGIN).host;
  const hostBytes = new TextEncoder().encode(host);
  let inputsNameHost = JSON.stringify(vars).includes(host);
  const archive = assetArchive(async (path) => {
    const response = await fetchAsset(path);
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (placesOf(hostBytes, bytes).length > 0) inputsNameHost = true;
    return new Response(bytes, { status: response.status });
  }, manifest);
  const app = createApp({ archive: () => archive });
  // Bytes, not text: decoding a 300 KB body costs Node about 5 ms, and the page is stored as bytes.
  const render = async (url: string) => {
    const response = await app.fetch(new Request(url), vars);
    return response.status === 200 ? new Uint8Array(await response.arrayBuffer()) : undefined;
  };
  const differsInOriginAlone = async (path: string, body: Uint8Array) => {
    const again = await render(CHECK_ORIGIN + path);
    const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
    return again !== undefined && text(body).replaceAll(PLACEHOLDER_ORIGIN, CHECK_ORIGIN) === text(again);
  };
  const sources = pageSources(manifest, index, config.feedItemLimit);
  const names = new Map<string, string>();
  const rendered = new Map<string, { name: string; body: Uint8Array }>();
  const files: AssetFile[] = [];
  for (const { path, inputs } of sources) {
    const described = JSON.stringify([PAGE_NAMING, options.codeKey, scope, path, inputs]);
    const name = options.hashBytes([new TextEncoder().encode(described)]);
    if (options.isInPlace(name)) {
      files.push([prerenderedPagePath(name), null]);
      names.set(path, name);
      continue;
    }
    const body = await render(PLACEHOLDER_ORIGIN + path);
    if (body !== undefined) rendered.set(path, { name, body });
  }
  for (const [path, { name, body }] of rendered) {
    if (inputsNameHost && !(await differsInOriginAlone(path, body))) continue;
    files.push([prerenderedPagePath(name), encodePrerenderedPage(body, scope, name)]);
    names.set(path, name);
  }
  const pages: Record<string, string> = {};
  for (const { path } of sources) {
    const name = names.get(path);
    if (name !== undefined) pages[path] = name;
  }
  return { files, pages, rendered: rendered.size };
}
