/** Typed site configuration from wrangler.toml `[vars]`: what the Worker reads, with defaults and checks. */
import { contentHash } from "./archive/layout";
import { removeForbiddenCharacters } from "./content/clean-text";

export interface SiteConfig {
  /** Origin that links are built from, e.g. `https://news.example.com`; null means the request's. */
  siteUrl: string | null;
  title: string;
  description: string;
  /** BCP 47 tag, e.g. `en` or `es-VE`. */
  language: string;
  /** The feed's own id (Atom `id`), a `urn:` or `tag:` IRI that does not change with the host. */
  feedId: string;
  /** How many of the newest articles each feed lists. */
  feedItemLimit: number;
  /** `Cache-Control` for feeds and pages. */
  cacheControl: string;
  /** The WebSub hub the feeds name, e.g. `https://pubsubhubbub.appspot.com/`; null for none. */
  websubHub: string | null;
}

/** `[vars]` as the Worker (its Env) and the build (wrangler.toml) receive them; any may be missing. */
export type Vars = object;

export interface ConfigResult<T> {
  config: T;
  /** One sentence per invalid setting; its default is used instead. */
  problems: string[];
}

const LANGUAGE_TAG = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i;

/**
 * The most items a feed page may list. A page's first render on a new isolate costs CPU in
 * proportion to its items; past about 100 even a warm render overruns the free plan's 10 ms
 * (see README, "Performance"), so larger pages are not offered: readers page with ?page=N.
 */
export const MAX_FEED_ITEM_LIMIT = 100;
/**
 * The most items a feed's later page (?page=2 and on) lists, whatever FEED_ITEM_LIMIT. The build
 * renders each feed's first page ahead; a later page is rendered when it is asked for, and on a new
 * isolate 50 items fit the free plan's 10 ms of CPU where 100 did not (see README, "Paging").
 */
export const LATER_FEED_PAGE_ITEMS = 50;
const FEED_ID = /^(urn:[a-z0-9][a-z0-9-]{1,31}:[\w()+,.:=@;$!*'-]+|tag:[a-z0-9.-]+,\d{4}(-\d{2}){0,2}:\S*)$/i;

/**
 * Readers of single settings that fall back to the default, and say so in `problems`, when a
 * value is invalid. Shared by the Worker's settings and the build's (scripts/lib/build-config.ts).
 */
export function settingReaders(vars: Vars, problems: string[]) {
  const text = (name: string, fallback: string, valid = (_: string) => true, expected = "") => {
    const value: unknown = Reflect.get(vars, name);
    if (value === undefined || value === "") return fallback;
    const cleaned = typeof value === "string" ? removeForbiddenCharacters(value).trim() : "";
    if (cleaned !== "" && valid(cleaned)) return cleaned;
    problems.push(`${name} = ${JSON.stringify(value)} is not valid${expected}; using "${fallback}"`);
    return fallback;
  };
  const integer = (name: string, fallback: number, min: number, max: number) =>
    Number(
      text(
        name,
        String(fallback),
        (v) => /^\d+$/.test(v) && +v >= min && +v <= max,
        ` (a whole number from ${min} to ${max})`,
      ),
    );
  return { text, integer };
}

/**
 * Reads the settings the Worker uses from `[vars]`. Invalid settings fall back to their defaults
 * and are reported, so the content build can refuse them before a deploy.
 *
 * @example parseSiteConfig({ SITE_TITLE: "Wire", FEED_ITEM_LIMIT: "20" }).config.feedItemLimit // 20
 */
export function parseSiteConfig(vars: Vars): ConfigResult<SiteConfig> {
  const problems: string[] = [];
  const { text, integer } = settingReaders(vars, problems);
  const siteUrl = text("SITE_URL", "", isOrigin, " (an origin such as https://news.example.com, no path)");
  const maxAge = integer("CACHE_MAX_AGE", 300, 0, 31_536_000);
  const staleWhileRevalidate = integer("CACHE_STALE_WHILE_REVALIDATE", 3600, 0, 31_536_000);
  const config: SiteConfig = {
    siteUrl: siteUrl === "" ? null : new URL(siteUrl).origin,
    title: text("SITE_TITLE", "wirefeed"),
    description: text("SITE_DESCRIPTION", "News articles published with wirefeed"),
    language: text(
      "SITE_LANGUAGE",
      "en",
      (v) => LANGUAGE_TAG.test(v),
      " (a language tag such as en or es-VE)",
    ),
    feedId: text("FEED_ID", "urn:wirefeed:feed", (v) => FEED_ID.test(v), " (a urn: or tag: IRI)"),
    feedItemLimit: integer("FEED_ITEM_LIMIT", 50, 1, MAX_FEED_ITEM_LIMIT),
    cacheControl: `public, max-age=${maxAge}, stale-while-revalidate=${staleWhileRevalidate}`,
    websubHub: normalizedUrl(text("WEBSUB_HUB", "", isHttpUrl, " (an http: or https: URL)")),
  };
  return { config, problems };
}

/**
 * A short name for these settings: renders are kept per scope, and a page the build rendered
 * ahead applies only under the scope it was rendered in.
 */
export function configScope(config: SiteConfig): string {
  return contentHash(JSON.stringify(config));
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

function isOrigin(value: string): boolean {
  if (!isHttpUrl(value)) return false;
  const url = new URL(value);
  return url.pathname === "/" && !url.search && !url.hash;
}

/** The URL as `URL` writes it (percent-encoded, so it is safe in a `Link` header); null for "". */
function normalizedUrl(value: string): string | null {
  return value === "" ? null : new URL(value).href;
}
