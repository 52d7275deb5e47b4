/** The settings only the content build reads: the Worker never sees them validated or used. */
import { type ConfigResult, settingReaders, type Vars } from "../../src/config";
import { isKnownTimeZone } from "../../src/content/dateline";

export interface BuildConfig {
  /** IANA zone the seeds' datelines are read in, e.g. `America/Caracas`. */
  timeZone: string;
  /** The site icon, an SVG, relative to wrangler.toml; null for the built-in src/assets/icon.svg. */
  siteIcon: string | null;
}

export const DEFAULT_TIME_ZONE = "UTC";

/**
 * Reads `TIME_ZONE` and `SITE_ICON` from `[vars]`, falling back to their defaults and reporting
 * an invalid value.
 *
 * @example parseBuildConfig({ TIME_ZONE: "America/Caracas" }).config.timeZone // "America/Caracas"
 */
export function parseBuildConfig(vars: Vars): ConfigResult<BuildConfig> {
  const problems: string[] = [];
  const { text } = settingReaders(vars, problems);
  const timeZone = text(
    "TIME_ZONE",
    DEFAULT_TIME_ZONE,
    isKnownTimeZone,
    " (an IANA time zone such as America/Caracas)",
  );
  const siteIcon = text("SITE_ICON", "", (v) => /\.svg$/i.test(v), " (the path of an SVG file)") || null;
  return { config: { timeZone, siteIcon }, problems };
}
