/** The answer to a fault: 503 with Retry-After, never cached. (Representations: prepared-response.ts.) */

/** Seconds a client should wait before it retries a 503. */
export const RETRY_AFTER_SECONDS = 5;

const FAULT_MESSAGE = "Service Unavailable: the archive could not be read just now; try again shortly";
const FAULT_HEADERS = {
  "Retry-After": String(RETRY_AFTER_SECONDS),
  "Cache-Control": "no-store",
  "Content-Type": "text/plain; charset=UTF-8",
  "X-Content-Type-Options": "nosniff",
};

/**
 * The answer to a fault: 503 with Retry-After, and `no-store`, so no cache keeps the failure
 * and the next request tries again. Made without Hono's context, so the app's error handler and
 * a fault before the app give the same answer.
 */
export function faultResponse(): Response {
  return new Response(FAULT_MESSAGE, { status: 503, headers: FAULT_HEADERS });
}
