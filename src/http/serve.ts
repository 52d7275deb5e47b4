/** The answer to a fault: 503 with Retry-After, never cached. (Representations: prepared-response.ts.) */
import type { Context } from "hono";

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
