/**
 * Conditional GET per RFC 9110 section 13: If-None-Match (weak comparison, lists, `*`) and,
 * only when that is absent, If-Modified-Since. Written here rather than with hono/etag, which
 * hashes every response body again on each request and does not read If-Modified-Since.
 */

export interface Validators {
  etag: string;
  lastModified: string;
}

const ENTITY_TAG = /(?:W\/)?"([\x21\x23-\x7e\x80-\xff]*)"/g;
const IMF_FIXDATE =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const RFC_850_DATE = /^[A-Z][a-z]{5,8}, \d{2}-[A-Z][a-z]{2}-\d{2} \d{2}:\d{2}:\d{2} GMT$/;
const ASCTIME_DATE = /^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/;

/**
 * Whether a GET or HEAD with these request headers may be answered 304 Not Modified.
 *
 * @example isNotModified({ ifNoneMatch: 'W/"abc"', ifModifiedSince: null }, { etag: '"abc"', lastModified: "..." }) // true
 */
export function isNotModified(
  request: { ifNoneMatch: string | null; ifModifiedSince: string | null },
  current: Validators,
): boolean {
  if (request.ifNoneMatch !== null) {
    return matchesAnyEntityTag(request.ifNoneMatch, current.etag);
  }
  if (request.ifModifiedSince !== null) {
    const since = parseHttpDate(request.ifModifiedSince);
    return since !== null && Date.parse(current.lastModified) <= since;
  }
  return false;
}

/** Weak comparison (RFC 9110 8.8.3.2) of an If-None-Match value against the current tag. */
function matchesAnyEntityTag(header: string, etag: string): boolean {
  if (header.trim() === "*") return true;
  const opaque = etag.replace(/^W\//, "");
  for (const match of header.matchAll(ENTITY_TAG)) {
    if (`"${match[1]}"` === opaque) return true;
  }
  return false;
}

/** Milliseconds of a valid HTTP-date in any of its three forms; null for anything else. */
export function parseHttpDate(value: string): number | null {
  const text = value.trim();
  if (!IMF_FIXDATE.test(text) && !RFC_850_DATE.test(text) && !ASCTIME_DATE.test(text)) return null;
  const ms = Date.parse(ASCTIME_DATE.test(text) ? `${text} GMT` : text);
  return Number.isNaN(ms) ? null : ms;
}
