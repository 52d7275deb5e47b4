/** One seed file read for the build: its bytes' SHA-1 and, when they are new, the parsed article. */
import { closeSync, fstatSync, openSync, readFileSync, type Stats } from "node:fs";
import { formatSeedError, type ParsedArticle } from "../../src/content/article";
import { storedArticle } from "../../src/content/body-html";
import { decodeSeed } from "../../src/content/decode-seed";
import { parseArticle } from "../../src/content/parse-article";
import { type SeedSummary, sha1 } from "./build-cache";
import type { StampFields } from "./seed-stamps";

/** Which seed to read: its path, its name in messages, and the SHA-1 the last build read there. */
export interface SeedJob {
  file: string;
  display: string;
  knownSha: string | undefined;
}

/**
 * A parsed article's JSON as UTF-8, outside the V8 heap (100,000 parsed articles kept as objects
 * made garbage collection the slowest part of a build): everything before the related links'
 * value, and everything after it but the closing brace. The links and the seed's history
 * (changedAt, updated), which the archive decides later, go in between and at the end, so the
 * whole is JSON.stringify({ ...article, related, changedAt, updated }) to the byte.
 */
export interface ArticleBytes {
  head: Uint8Array;
  tail: Uint8Array;
}

/** What reading one seed found: the same bytes as last time, a parsed article, or its errors. */
export type SeedReading = { sha: string; stamp: string; modifiedMs: number } & (
  | { outcome: "known" }
  | { outcome: "parsed"; summary: SeedSummary; json: ArticleBytes }
  | { outcome: "failed"; errors: string[] }
);

/**
 * What tells a seed file's version without reading it: size, modification and change times and
 * inode. ctime moves on every write and cannot be set back, so an edit that keeps size and mtime
 * shows.
 */
export function fileStamp(info: StampFields): string {
  return `${info.size}:${info.mtimeMs}:${info.ctimeMs}:${info.ino}`;
}

/**
 * Whether a file whose stamp was `stamp` at a scan (`scannedAt`, ms) is unchanged now that its
 * stamp fields are `info`: the same stamp, and times far enough before the scan. A file written in
 * the same tick as the scan could change again without its times moving (git's "racily clean").
 */
export function isUnchanged(stamp: string, info: StampFields, scannedAt: number): boolean {
  return stamp === fileStamp(info) && !isRacy(info, scannedAt);
}

/** Whether a file's times are too close to a scan (`scannedAt`, ms) for its stamp to be trusted. */
export function isRacy(info: StampFields, scannedAt: number): boolean {
  return Math.max(info.mtimeMs, info.ctimeMs) >= scannedAt - RACY_MS;
}

/** How close to the last scan a file time may be before the file is read again whatever its stamp. */
const RACY_MS = 2000;

/**
 * An article's whole JSON, in parts: its bytes around the related links, the links (JSON), and the
 * history the archive decides, as JSON.stringify({ ...article, related, changedAt, updated }) writes it.
 */
export function articleJsonParts(
  { head, tail }: ArticleBytes,
  relatedJson: string,
  changedAt: number,
  updated: string,
): Uint8Array[] {
  return [head, Buffer.from(relatedJson), tail, Buffer.from(historyJson(changedAt, updated))];
}

/** The end of an article's JSON: its history, and the closing brace. */
export function historyJson(changedAt: number, updated: string): string {
  return `,"changedAt":${changedAt},"updated":${JSON.stringify(updated)}}`;
}

/**
 * Reads a seed, with the stamp of the bytes read (from the open file: a build from nothing need
 * not stat each seed first), and parses it unless its bytes are the ones the last build read.
 */
export function readSeedFile(
  { file, display, knownSha }: SeedJob,
  timeZone: string,
  slab: ByteSlab = lastingSlab,
): SeedReading {
  const descriptor = openSync(file, "r");
  let info: Stats;
  let bytes: Buffer;
  try {
    info = fstatSync(descriptor);
    bytes = readFileSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
  const read = { sha: sha1(bytes), stamp: fileStamp(info), modifiedMs: info.mtimeMs };
  if (read.sha === knownSha) return { ...read, outcome: "known" };
  const parsed = parseSeed(bytes, display, timeZone);
  if (!parsed.ok) return { ...read, outcome: "failed", errors: parsed.errors };
  return {
    ...read,
    outcome: "parsed",
    summary: summarize(parsed.article),
    json: encodeArticle(parsed.article, slab),
  };
}

function parseSeed(bytes: Uint8Array, display: string, timeZone: string) {
  const decoded = decodeSeed(bytes, display);
  if (!decoded.ok) return { ok: false as const, errors: [formatSeedError(decoded.error)] };
  const parsed = parseArticle(decoded.text, display, { timeZone });
  return parsed.ok ? parsed : { ok: false as const, errors: parsed.errors.map(formatSeedError) };
}

function summarize({ id, slug, title, published, related, sources }: ParsedArticle): SeedSummary {
  return { id, slug, title, published, related, sources };
}

function encodeArticle(article: ParsedArticle, slab: ByteSlab): ArticleBytes {
  const json = JSON.stringify({ ...storedArticle(article), related: null });
  // Only a key can hold `"related":null` with bare quotes: inside strings, quotes are escaped.
  const at = json.indexOf(',"related":null') + ',"related":'.length;
  // Two writes rather than one and the head's UTF-8 length: counting it cost more than writing it.
  return { head: slab.encode(json.slice(0, at)), tail: slab.encode(json.slice(at + 4, -1)) };
}

/**
 * UTF-8 for many strings in a few large buffers: Buffer.from() gave each article's JSON a buffer
 * of its own, and allocating 200,000 of them was a tenth of a full build.
 */
export class ByteSlab {
  private buffer = Buffer.allocUnsafeSlow(0);
  private used = 0;

  /**
   * Writes from the start of the current buffer again, over what it holds: for a caller that has
   * copied out every view it was given. Fresh memory costs this machine 15 µs a page to touch.
   */
  rewind(): void {
    this.used = 0;
  }

  encode(text: string): Uint8Array {
    // UTF-8 takes at most 3 bytes for each UTF-16 code unit.
    if (this.used + text.length * 3 > this.buffer.byteLength) {
      this.buffer = Buffer.allocUnsafeSlow(Math.max(SLAB_BYTES, text.length * 3));
      this.used = 0;
    }
    const written = this.buffer.write(text, this.used);
    this.used += written;
    return this.buffer.subarray(this.used - written, this.used);
  }
}

const SLAB_BYTES = 1024 * 1024;
/** The slab of the readings a thread keeps, never rewound. */
const lastingSlab = new ByteSlab();
