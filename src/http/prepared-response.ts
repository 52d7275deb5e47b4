/**
 * A representation with every header it is served with (validators, caching, Vary, Link, CORS,
 * security), built once when it is rendered, so that each request only picks 200 or 304 and
 * copies a header list: the hot path of a feed.
 */
import { isNotModified } from "./conditional";
import type { Representation } from "./representation";

/** What a feed route adds so that scripts on other origins can read feeds and their validators. */
export const CORS_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Expose-Headers": "ETag,Last-Modified,Link",
} as const;

export interface PreparedResponse {
  representation: Representation;
  status: 200 | 404;
  /** Every header of the full answer. */
  full: [string, string][];
  /** Every header of a 304: the same but the body's type. */
  notModified: [string, string][];
}

export interface ServingOptions {
  status: 200 | 404;
  cacheControl: string;
  vary?: string;
  /** Headers besides the representation's own: security headers, CORS. */
  extra: Readonly<Record<string, string>>;
}

export function prepareResponse(representation: Representation, options: ServingOptions): PreparedResponse {
  const common: [string, string][] = [
    ["ETag", representation.etag],
    ["Last-Modified", representation.lastModified],
    ["Cache-Control", options.cacheControl],
    ...(representation.link ? [["Link", representation.link] as [string, string]] : []),
    ...(options.vary ? [["Vary", options.vary] as [string, string]] : []),
    ...Object.entries(options.extra),
  ];
  return {
    representation,
    status: options.status,
    full: [["Content-Type", representation.contentType], ...common],
    notModified: common,
  };
}

/** Prepared answers the app returns through Hono: their headers are complete, middleware leaves them be. */
const marked = new WeakSet<Response>();

export function markPrepared(response: Response): Response {
  marked.add(response);
  return response;
}

export function isPrepared(response: Response): boolean {
  return marked.has(response);
}

/**
 * The answer to a GET or HEAD: 304 when the request's validators still match (RFC 9110 13),
 * else the full representation (headers only, for HEAD).
 */
export function answer(prepared: PreparedResponse, request: Request): Response {
  const { representation } = prepared;
  const conditional = {
    ifNoneMatch: request.headers.get("If-None-Match"),
    ifModifiedSince: request.headers.get("If-Modified-Since"),
  };
  return prepared.status === 200 && isNotModified(conditional, representation)
    ? new Response(null, { status: 304, headers: prepared.notModified })
    : new Response(request.method === "HEAD" ? null : representation.body, {
        status: prepared.status,
        headers: prepared.full,
      });
}
