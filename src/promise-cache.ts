/** The isolate's bounded memory of work done once: rendered responses, parsed archive files. */

/**
 * A least-recently-used map of promises, each made once by `make` on first use and kept until
 * evicted; a promise that rejects is forgotten, so the next caller tries again. The bound keeps
 * memory flat whatever requests ask for (their origin and paths choose the keys).
 */
export class PromiseCache<T> {
  readonly #entries = new Map<string, Promise<T>>();

  constructor(readonly maxEntries: number) {}

  /** The cached promise for `key`, made with `make` on first use. */
  get(key: string, make: () => Promise<T>): Promise<T> {
    const cached = this.#entries.get(key);
    if (cached) {
      this.#entries.delete(key);
      this.#entries.set(key, cached);
      return cached;
    }
    const made = make();
    this.#entries.set(key, made);
    // Forget a failure, but only our own entry: by the time it fails, the key may have been
    // evicted and made again, and that newer promise must stay.
    made.catch(() => {
      if (this.#entries.get(key) === made) this.#entries.delete(key);
    });
    if (this.#entries.size > this.maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    return made;
  }
}
