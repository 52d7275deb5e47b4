/** Frees the bytes of buffers the caches let go of, once no request that might still read them runs. */

/**
 * V8 frees an ArrayBuffer's bytes, which live outside its heap, only when it collects the buffer,
 * and a buffer that lived through two young collections (an archive chunk kept in the file cache
 * does, and a body awaiting its hash while other requests render may) only in a full collection.
 * V8 starts one for such bytes at about 64 MiB of them: in a walk of every page the isolate's
 * backing stores climbed past that, again and again, mostly chunks and bodies let go of long
 * before (README, Hostile input). Detaching a buffer (`transfer(0)`) frees its bytes at once, but
 * empties every view of it, and a request may still hold views of a chunk it read (a feed item's
 * HTML is one, until the page is encoded) or a body it has yet to answer with. So a buffer let go
 * of is detached only once every request that was running then has ended: a request that starts
 * later cannot reach it, for the cache no longer hands it out.
 *
 * A request that never ends (workerd drops the promises of one whose client went away) must not
 * hold the rest back: one that has run for `maxRequestMs` counts as ended. No request of this
 * app reads the caches that long, each archive file it awaits failing within 5 s. Buffers wait
 * as weak references, and at most `maxWaiting` of them: what waits is never kept alive, and past
 * the bound the collector frees it as it did before.
 *
 * @example
 *   const ended = droppedBuffers.started(); // a request begins
 *   droppedBuffers.letGo(buffer);            // a cache evicts a chunk it may be reading
 *   ended();                                 // the request is answered: the buffer is detached
 */
export class DeferredDetach {
  /** Counts buffers let go of: a request takes the count when it starts, a buffer when let go of. */
  #epoch = 0;
  /**
   * Requests running, by the epoch they started in: how many, and when the last of them started.
   * Ascending, since epochs only grow.
   */
  readonly #running = new Map<number, { count: number; lastStarted: number }>();
  /** Buffers let go of and not detached yet, oldest first. */
  readonly #waiting: { epoch: number; buffer: WeakRef<ArrayBuffer> }[] = [];
  #detachedBytes = 0;
  readonly #maxWaiting: number;
  readonly #maxRequestMs: number;
  readonly #now: () => number;

  constructor({
    maxWaiting,
    maxRequestMs,
    now = Date.now,
  }: {
    /** Bounds the buffers waiting; past it the oldest is left to the collector. */
    maxWaiting: number;
    /** A request running this long counts as ended (see above). */
    maxRequestMs: number;
    /** The clock, in ms (tests pass their own). */
    now?: () => number;
  }) {
    this.#maxWaiting = maxWaiting;
    this.#maxRequestMs = maxRequestMs;
    this.#now = now;
  }

  /** Bytes freed by detaching so far. */
  get detachedBytes(): number {
    return this.#detachedBytes;
  }

  /** Marks a request as running; returns what to call once it has ended (a second call does nothing). */
  started(): () => void {
    const epoch = this.#epoch;
    const running = this.#running.get(epoch);
    if (running) {
      running.count++;
      running.lastStarted = this.#now();
    } else {
      this.#running.set(epoch, { count: 1, lastStarted: this.#now() });
    }
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      const still = this.#running.get(epoch);
      if (still && --still.count === 0) this.#running.delete(epoch);
      this.#detachUnreachable();
    };
  }

  /**
   * Detaches `buffer` once every request running now has ended. Where ArrayBuffer has no
   * `transfer` (Node 20, which runs the build), it is left to the collector.
   */
  letGo(buffer: ArrayBuffer): void {
    if (typeof buffer.transfer !== "function" || buffer.byteLength === 0) return;
    this.#waiting.push({ epoch: this.#epoch, buffer: new WeakRef(buffer) });
    this.#epoch++;
    if (this.#waiting.length > this.#maxWaiting) this.#waiting.shift();
  }

  /** Detaches every waiting buffer let go of before the oldest running request started. */
  #detachUnreachable(): void {
    // An epoch whose last request started maxRequestMs ago has only requests counted as ended.
    const givenUp = this.#now() - this.#maxRequestMs;
    for (const [epoch, { lastStarted }] of this.#running) {
      if (lastStarted > givenUp) break;
      this.#running.delete(epoch);
    }
    const oldestRunning = this.#running.keys().next().value ?? Number.POSITIVE_INFINITY;
    while ((this.#waiting[0]?.epoch ?? oldestRunning) < oldestRunning) {
      const buffer = this.#waiting.shift()?.buffer.deref();
      if (buffer !== undefined && !buffer.detached) {
        this.#detachedBytes += buffer.byteLength;
        buffer.transfer(0);
      }
    }
  }
}

/**
 * The isolate's buffers let go of by its caches: archive files (see archive.ts) and rendered
 * bodies (see app.ts). The app marks every request it routes as running (createApp's `fetch`).
 */
export const droppedBuffers = new DeferredDetach({ maxWaiting: 1024, maxRequestMs: 60_000 });
