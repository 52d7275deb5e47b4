/**
 * The build's half of prerendered pages (see prerendered-page.ts): the Worker's own app renders
 * them over the archive just packed, so they are byte for byte what it would render itself.
 */
import { createApp } from "../app";
import { configScope, parseSiteConfig } from "../config";
import { PATHS } from "../site-links";
import type { Archive } from "./archive";
import { prerenderedPagePath } from "./layout";
import type { AssetFile } from "./pack-archive";
import { encodePrerenderedPage, PLACEHOLDER_ORIGIN } from "./prerendered-page";

/** The pages nearly every request asks for: the first page of the site's feeds and home page. */
export const PRERENDERED_PATHS: readonly string[] = [PATHS.rss, PATHS.atom, PATHS.jsonFeed, PATHS.home];

/** A second origin, to check that the placeholder stands where the origin does and nowhere else. */
const CHECK_ORIGIN = "http://check.wirefeed.invalid:8787";

/**
 * Renders PRERENDERED_PATHS over `archive` (whose manifest names no pages yet) under the Worker's
 * `[vars]`, and returns their files and the manifest's `pages`. A page is left out, and rendered by
 * the Worker instead, if the placeholder origin also stands in its text (an article quoting it).
 */
export async function prerenderPages(
  archive: Archive,
  vars: Record<string, unknown>,
  hashBytes: (parts: readonly Uint8Array[]) => string,
): Promise<{ files: AssetFile[]; pages: Record<string, string> }> {
  const app = createApp({ archive: () => archive });
  const scope = configScope(parseSiteConfig(vars).config);
  const render = async (url: string) => {
    const response = await app.fetch(new Request(url), vars);
    return response.status === 200 ? response.text() : undefined;
  };
  const files: AssetFile[] = [];
  const pages: Record<string, string> = {};
  for (const path of PRERENDERED_PATHS) {
    const rendered = await render(PLACEHOLDER_ORIGIN + path);
    const check = await render(CHECK_ORIGIN + path);
    if (rendered === undefined || rendered.replaceAll(PLACEHOLDER_ORIGIN, CHECK_ORIGIN) !== check) continue;
    const { hash, parts } = encodePrerenderedPage(rendered, scope, hashBytes);
    files.push([prerenderedPagePath(hash), parts]);
    pages[path] = hash;
  }
  return { files, pages };
}
