/** The seed's last line, `teleSUR/ JF Source: EFE – El Salto`, split into byline and sources. */
import type { Byline } from "./article";

const SOURCE_MARKER = /\s*\bSources?:\s*/i;
// Between sources: an en or em dash (spaced or not), a hyphen with spaces, or a comma.
// A bare hyphen stays, so names like "Al-Mayadeen" survive.
const SOURCE_SEPARATOR = /\s*[–—]\s*|\s+-\s+|\s*,\s*/;
// A publisher is a short name followed by a slash: the mark that tells a byline from prose.
const PUBLISHER_SLASH = /^([^/]{1,60})\/\s*(.*)$/;

export type BylineResult = { ok: true; byline: Byline; sources: string[] } | { ok: false; message: string };

/**
 * @example parseBylineLine("teleSUR/ JF Source: EFE – El Salto")
 * // { ok: true, byline: { publisher: "teleSUR", author: "JF" }, sources: ["EFE", "El Salto"] }
 */
export function parseBylineLine(line: string): BylineResult {
  const marker = SOURCE_MARKER.exec(line);
  const credit = (marker ? line.slice(0, marker.index) : line).trim();
  const sourceText = marker ? line.slice(marker.index + marker[0].length) : "";
  const slash = PUBLISHER_SLASH.exec(credit);
  if (!slash) {
    return {
      ok: false,
      message: `last line "${truncate(line)}" is not a byline like "teleSUR/ JF Source: EFE – El Salto"`,
    };
  }
  const [, publisher = "", author = ""] = slash;
  if (publisher.trim() === "") {
    return { ok: false, message: `byline "${truncate(line)}" names no publisher before the "/"` };
  }
  const sources = sourceText
    .split(SOURCE_SEPARATOR)
    .map((source) => source.trim())
    .filter((source) => source !== "");
  if (marker && sources.length === 0) {
    return { ok: false, message: `byline "${truncate(line)}" has "Source:" but names no source` };
  }
  return {
    ok: true,
    byline: { publisher: publisher.trim(), author: author.trim() || null },
    sources,
  };
}

function truncate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
