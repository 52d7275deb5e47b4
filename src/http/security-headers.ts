/**
 * Response headers that keep article text inert in a browser: pages may load nothing but their
 * own inline style, and no response is sniffed into another type.
 */
import { PAGE_STYLE } from "../pages/layout";

let pageHeaders: Promise<Record<string, string>> | undefined;

/** Sent with every response, feeds and errors included. */
export const NO_SNIFF = { "X-Content-Type-Options": "nosniff" } as const;

/** An SVG opened on its own is a document that could run script: ours may not, nor load anything. */
export const SVG_HEADERS = {
  "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
  ...NO_SNIFF,
} as const;

/**
 * Headers for HTML pages. The Content-Security-Policy allows exactly the one inline style block
 * (by its SHA-256) and nothing else: no scripts, images, frames, forms or base URL changes.
 */
export function htmlSecurityHeaders(): Promise<Record<string, string>> {
  pageHeaders ??= crypto.subtle.digest("SHA-256", new TextEncoder().encode(PAGE_STYLE)).then((digest) => ({
    "Content-Security-Policy": [
      "default-src 'none'",
      `style-src 'sha256-${btoa(String.fromCharCode(...new Uint8Array(digest)))}'`,
      "img-src 'self'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ].join("; "),
    "Referrer-Policy": "strict-origin-when-cross-origin",
    ...NO_SNIFF,
  }));
  return pageHeaders;
}
