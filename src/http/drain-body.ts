/**
 * Reading the body of a request we refuse: workerd resets a keep-alive connection whose request
 * body was left unread, which the client then sees as an error on its next request.
 */

const MAX_DRAINED_BODY_BYTES = 64 * 1024;

/** Reads and discards a request body of up to 64 KiB; a larger one is cancelled unread. */
export async function drainSmallBody(request: Request): Promise<void> {
  if (!request.body) return;
  const reader = request.body.getReader();
  let read = 0;
  try {
    while (read <= MAX_DRAINED_BODY_BYTES) {
      const { done, value } = await reader.read();
      if (done) return;
      read += value.byteLength;
    }
    await reader.cancel();
  } catch {
    // A client that breaks off its own body gets its 405 all the same.
  }
}
