/** A rendered response body with its validators, computed once and served many times. */

export const CONTENT_TYPES = {
  rss: "application/rss+xml; charset=utf-8",
  atom: "application/atom+xml; charset=utf-8",
  jsonFeed: "application/feed+json; charset=utf-8",
  html: "text/html; charset=utf-8",
  opml: "text/x-opml; charset=utf-8",
  sitemap: "application/xml; charset=utf-8",
  text: "text/plain; charset=utf-8",
} as const;

export interface Representation {
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
  /** Strong entity tag, quoted: a hash of the body, so every isolate and build agrees on it. */
  etag: string;
  /** Last-Modified as an HTTP-date, e.g. `Wed, 28 Aug 2024 13:04:00 GMT`. */
  lastModified: string;
  /** The `Link` header (RFC 8288), if the representation has links to announce. */
  link?: string;
}

/**
 * Encodes a body once and derives its validators: the ETag from SHA-1 of the bytes, and
 * Last-Modified from `modified`, the time its inputs last changed (ms since the epoch; never the
 * clock), so output stays deterministic. Bytes given become the body as they are: they must be
 * the whole of an ArrayBuffer nothing else holds, for the render cache frees it when it lets go
 * of the body (see DeferredDetach).
 */
export async function createRepresentation(
  content: string | Uint8Array | readonly (string | Uint8Array)[],
  contentType: string,
  modified: number,
  link?: string,
): Promise<Representation> {
  // encode() always allocates a fresh ArrayBuffer; the types only allow for a shared one.
  const body = (
    typeof content === "string"
      ? UTF8.encode(content)
      : content instanceof Uint8Array
        ? content
        : encodeParts(content)
  ) as Uint8Array<ArrayBuffer>;
  // SHA-1, not SHA-256: a validator of our own pages, not a signature. Counted in instructions
  // (callgrind, which has no SHA extensions), hashing a 300 KB feed page was a sixth of its first
  // render on a new isolate, and SHA-1 a third of that; natively SHA-1 takes about 0.3 ms.
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-1", body));
  const tag = btoa(String.fromCharCode(...digest.subarray(0, 18)))
    .replace(/\+/g, "-")
    .replace(/\//g, "_");
  const lastModified = new Date(modified).toUTCString();
  return { body, contentType, etag: `"${tag}"`, lastModified, ...(link ? { link } : {}) };
}

const UTF8 = new TextEncoder();

/**
 * A body rendered in parts (text, and bytes copied from the archive) as one run of UTF-8 bytes.
 * Text next to text is joined first, so a document is encoded in as few calls as it has runs.
 */
export function encodeParts(parts: readonly (string | Uint8Array)[]): Uint8Array {
  const runs: Uint8Array[] = [];
  let text = "";
  for (const part of parts) {
    if (typeof part === "string") {
      text += part;
    } else {
      if (text !== "") runs.push(UTF8.encode(text));
      runs.push(part);
      text = "";
    }
  }
  if (text !== "") runs.push(UTF8.encode(text));
  let size = 0;
  for (const run of runs) size += run.byteLength;
  const body = new Uint8Array(size);
  let at = 0;
  for (const run of runs) {
    body.set(run, at);
    at += run.byteLength;
  }
  return body;
}
