/**
 * A page the build rendered ahead of any request, for any origin: the body as the app renders it,
 * with the places its origin goes left open, and the settings it was rendered under. The Worker
 * serves it by putting the request's origin in those places, which costs a copy of the bytes
 * instead of a render (see README, "Performance").
 *
 * File layout: one line of JSON (`hash`, `scope`, `originAt`, `bytes`), a newline, then the body
 * as UTF-8 without the origin, `bytes` long: a file cut short is told from a whole one.
 */

/**
 * The origin the build renders pages for: a reserved name (RFC 2606) that no link to a real site
 * holds, and that escaping for HTML, XML or JSON leaves as it is.
 */
export const PLACEHOLDER_ORIGIN = "https://origin.wirefeed.invalid";

export interface PrerenderedPage {
  /** The file's name, as the manifest gives it: a hash of what the page was rendered from. */
  hash: string;
  /** The settings it was rendered under (`configScope`): for other settings it does not apply. */
  scope: string;
  /** The body without its origin, UTF-8. */
  body: Uint8Array;
  /** Byte offsets in `body` where the origin goes, ascending. */
  originAt: number[];
}

const encoder = new TextEncoder();
const PLACEHOLDER_BYTES = encoder.encode(PLACEHOLDER_ORIGIN);

/**
 * The file, as parts to write in order, of a page named `hash` whose body was rendered for
 * PLACEHOLDER_ORIGIN. The placeholder is ASCII, and no byte of an ASCII character is part of
 * another character in UTF-8, so its places are found in the bytes, which are never decoded.
 */
export function encodePrerenderedPage(
  rendered: Uint8Array,
  scope: string,
  hash: string,
): readonly Uint8Array[] {
  const originAt: number[] = [];
  const segments: Uint8Array[] = [];
  let from = 0;
  for (const at of placesOf(PLACEHOLDER_BYTES, rendered)) {
    segments.push(rendered.subarray(from, at));
    originAt.push(at - PLACEHOLDER_BYTES.byteLength * originAt.length);
    from = at + PLACEHOLDER_BYTES.byteLength;
  }
  segments.push(rendered.subarray(from));
  const bytes = rendered.byteLength - PLACEHOLDER_BYTES.byteLength * originAt.length;
  const header = encoder.encode(`${JSON.stringify({ hash, scope, originAt, bytes })}\n`);
  return [header, ...segments];
}

/**
 * Where `pattern` starts in `bytes`, left to right, not overlapping. Horspool's search: it compares
 * the last byte under the pattern first and skips by it, so it reads a few bytes in every length of
 * the pattern rather than every byte. The build searches every page and every chunk it reads:
 * stopping at every first byte instead cost rendering a site's first pages 4% more instructions.
 */
export function placesOf(pattern: Uint8Array, bytes: Uint8Array): number[] {
  const places: number[] = [];
  const last = pattern.byteLength - 1;
  if (last < 0) return places;
  const skip = new Uint8Array(256).fill(Math.min(last + 1, 255));
  for (let i = 0; i < last; i++) skip[pattern[i] as number] = Math.min(last - i, 255);
  const end = pattern[last] as number;
  for (let at = 0; at + last < bytes.byteLength; ) {
    const under = bytes[at + last] as number;
    if (under === end) {
      let length = 0;
      while (length < last && bytes[at + length] === pattern[length]) length++;
      if (length === last) {
        places.push(at);
        at += last + 1;
        continue;
      }
    }
    at += skip[under] as number;
  }
  return places;
}

/** Reads a page file; throws when it is not one. */
export function decodePrerenderedPage(file: Uint8Array): PrerenderedPage {
  const { hash, scope, originAt, bodyStart } = pageHeader(file, file.byteLength);
  return { hash, scope, body: file.subarray(bodyStart), originAt };
}

/**
 * The name of the page in a file of `fileSize` bytes that begins with `start` (its header line at
 * least), if the file is a whole page: what the build checks of a page an earlier build wrote,
 * without reading its body. Throws when it is not one, as decodePrerenderedPage does.
 */
export function prerenderedPageName(start: Uint8Array, fileSize: number): string {
  return pageHeader(start, fileSize).hash;
}

/** The header line of a page file of `fileSize` bytes that begins with `start`, and where its body begins. */
function pageHeader(start: Uint8Array, fileSize: number) {
  const end = start.indexOf(0x0a);
  if (end < 0) throw new Error("a page file has no header line");
  const header = JSON.parse(new TextDecoder().decode(start.subarray(0, end))) as Partial<
    PrerenderedPage & { bytes: number }
  >;
  const bodyLength = fileSize - end - 1;
  const { hash, scope, originAt, bytes } = header;
  if (typeof hash !== "string" || typeof scope !== "string" || !isOffsetList(originAt, bodyLength))
    throw new Error("a page file's header is not one the build writes");
  if (bytes !== bodyLength) throw new Error(`a page file holds ${bodyLength} of its ${bytes} bytes`);
  return { hash, scope, originAt, bodyStart: end + 1 };
}

function isOffsetList(value: unknown, length: number): value is number[] {
  if (!Array.isArray(value)) return false;
  let previous = 0;
  for (const offset of value) {
    if (!Number.isInteger(offset) || offset < previous || offset > length) return false;
    previous = offset;
  }
  return true;
}

/**
 * Whether `origin` reads the same in HTML, XML and JSON as it is, as the pages' links carry it:
 * only such an origin may be put into a page as bytes. Any origin `URL` writes is one.
 *
 * @example isPlainOrigin("http://127.0.0.1:8787") // true
 */
export function isPlainOrigin(origin: string): boolean {
  return /^https?:\/\/[a-z0-9.:[\]-]+$/i.test(origin);
}

/** The page's body for `origin` (a plain origin, see isPlainOrigin). */
export function withOrigin(page: PrerenderedPage, origin: string): Uint8Array<ArrayBuffer> {
  const originBytes = encoder.encode(origin);
  const { body, originAt } = page;
  const out = new Uint8Array(body.byteLength + originAt.length * originBytes.byteLength);
  let from = 0;
  let to = 0;
  for (const at of originAt) {
    out.set(body.subarray(from, at), to);
    to += at - from;
    out.set(originBytes, to);
    to += originBytes.byteLength;
    from = at;
  }
  out.set(body.subarray(from), to);
  return out;
}
