/** The settings only the content build reads: the Worker never sees them validated or used. */
import { type ConfigResult, settingReaders, type Vars } from "../../src/config";
import { isKnownTimeZone } from "../../src/content/dateline";

export interface BuildConfig {
  /** IANA zone the seeds' datelines are read in, e.g. `America/Caracas`. */
  timeZone: string;
}

export const DEFAULT_TIME_ZONE = "UTC";

/**
 * Reads `TIME_ZONE` from `[vars]`, falling back to UTC and reporting an unknown zone.
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
  return { config: { timeZone }, problems };
}
