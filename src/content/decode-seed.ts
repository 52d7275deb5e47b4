/** Seed bytes to text: UTF-8 only, so a mis-encoded seed is reported rather than garbled. */
import type { SeedError } from "./article";

export type DecodeResult = { ok: true; text: string } | { ok: false; error: SeedError };

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Decodes a seed as strict UTF-8, naming the line of the first invalid byte. */
export function decodeSeed(bytes: Uint8Array, file: string): DecodeResult {
  try {
    return { ok: true, text: strictUtf8.decode(bytes) };
  } catch {
    const lenient = new TextDecoder("utf-8").decode(bytes);
    const before = lenient.slice(0, lenient.indexOf("\uFFFD"));
    const line = before.split(/\r\n|\r|\n/).length;
    return { ok: false, error: { file, line, message: "not valid UTF-8: save the seed as UTF-8" } };
  }
}
