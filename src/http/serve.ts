/** Turns a representation into a response: 200 with validators and caching, or 304. */
import type { Context } from "hono";
import { isNotModified } from "./conditional";
import type { Representation } from "./representation";

/**
 * Answers a GET or HEAD (Hono drops the body for HEAD and keeps the headers) with the
 * representation, or with 304 and no body when the request's validators still match.
 */
export function serveRepresentation(
  c: Context,
  representation: Representation,
  { cacheControl, status = 200, vary }: { cacheControl: string; status?: 200 | 404; vary?: string },
): Response {
  const headers = {
    ETag: representation.etag,
    "Last-Modified": representation.lastModified,
    "Cache-Control": cacheControl,
    ...(representation.link ? { Link: representation.link } : {}),
    ...(vary ? { Vary: vary } : {}),
  };
  const conditional = {
    ifNoneMatch: c.req.header("If-None-Match") ?? null,
    ifModifiedSince: c.req.header("If-Modified-Since") ?? null,
  };
  if (status === 200 && isNotModified(conditional, representation)) {
    return c.body(null, 304, headers);
  }
  return c.body(representation.body, status, {
    ...headers,
    "Content-Type": representation.contentType,
  });
}

/** Seconds a client should wait before it retries a 503. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * The answer to a fault: 503 with Retry-After, and `no-store`, so no cache keeps the failure
 * and the next request tries again.
 */
export function serviceUnavailable(c: Context): Response {
  return c.text("Service Unavailable: the archive could not be read just now; try again shortly", 503, {
    "Retry-After": String(RETRY_AFTER_SECONDS),
    "Cache-Control": "no-store",
  });
}
