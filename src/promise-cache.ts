/** The isolate's bounded memory of work done once: rendered responses, parsed archive files. */

/** How much a cache may hold: bytes as `sizeOf` counts them, and a number of entries. */
export interface CacheBudget<T> {
  maxBytes: number;
  /** The bytes a made value holds, as near as can be told cheaply. */
  sizeOf(value: T): number;
  /** Also bounds the keys themselves, however small the values. */
  maxEntries: number;
  /**
   * When set, a value is kept only when its key is asked for again while it is among this many
   * keys asked for once (of at most `maxKeyLength` characters; a longer key is never kept).
   * Values asked for once, such as every page of a crawler's walk, are then not kept, and do not
   * evict the ones asked for again.
   */
  keepOnSecondRequest?: { rememberedKeys: number; maxKeyLength: number };
  /**
   * Told of each value made once the cache holds it no more, or never will: evicted, larger than
   * the whole budget, not kept (see `keepOnSecondRequest`), or made while another caller's promise
   * for its key was pending and settled after it was replaced (see PromiseCache).
   */
  dropped?(value: T): void;
}

interface Entry<T> {
  promise: Promise<T>;
  /** The value once the promise resolves. */
  value?: T;
  /** Counted once the promise resolves; a pending entry counts 0. */
  bytes: number;
}

/**
 * A least-recently-used map of promises made by `make` and kept, once resolved, until evicted; a
 * promise that rejects is forgotten, so the next caller tries again. Eviction keeps the resolved
 * values within `maxBytes` and the entries within `maxEntries`, whatever requests ask for (their
 * origin and paths choose the keys); a value larger than the whole budget is served but not kept.
 *
 * A promise still pending is never handed to a second caller, who makes their own: on Workers,
 * a request that awaits a promise which another request's I/O will settle can be canceled as
 * hung (workerd answered 500, "your Worker's code had hung", to 28 of 3,000 feed pages read 8 at
 * a time, when requests for the same page in other formats shared their chunk loads).
 */
export class PromiseCache<T> {
  readonly #entries = new Map<string, Entry<T>>();
  /** Keys asked for once and not kept (see `keepOnSecondRequest`), oldest first. */
  readonly #askedOnce = new Set<string>();
  #bytes = 0;

  constructor(readonly budget: CacheBudget<T>) {}

  /** The bytes the resolved values now hold, as `sizeOf` counts them. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Whether a value for `key` is made and kept, without counting as a use of it. */
  has(key: string): boolean {
    return this.#entries.get(key)?.value !== undefined;
  }

  /** The value for `key` if it is made and kept: no promise, no waiting, for the hot path. */
  peek(key: string): T | undefined {
    const cached = this.#entries.get(key);
    if (!cached || cached.value === undefined) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, cached);
    return cached.value;
  }

  /** The value for `key` if it is made and kept, else a promise of it made now with `make`. */
  get(key: string, make: () => Promise<T>): Promise<T> {
    const cached = this.#entries.get(key);
    if (cached?.value !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, cached);
      return cached.promise;
    }
    if (!this.#shouldKeep(key)) return this.#notKept(make());
    // Made again even while another caller's promise is pending (see above): the last made is kept.
    const entry: Entry<T> = { promise: make(), bytes: 0 };
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    // Settle only our own entry: by the time the promise settles, the key may have been evicted
    // and made again, and that newer entry must stay as it is.
    entry.promise.then(
      (value) => {
        if (this.#entries.get(key) !== entry) {
          this.budget.dropped?.(value); // replaced while pending: never kept
          return;
        }
        entry.value = value;
        entry.bytes = this.budget.sizeOf(value);
        this.#bytes += entry.bytes;
        if (entry.bytes > this.budget.maxBytes) this.#delete(key);
        this.#evict();
      },
      () => {
        if (this.#entries.get(key) === entry) this.#delete(key);
      },
    );
    this.#evict();
    return entry.promise;
  }

  /**
   * Whether a value made for `key` should be kept: always, unless the budget keeps values on
   * their second request only; then the first request's key is remembered instead.
   */
  #shouldKeep(key: string): boolean {
    const admission = this.budget.keepOnSecondRequest;
    if (!admission || this.#entries.has(key) || this.#askedOnce.delete(key)) return true;
    if (key.length > admission.maxKeyLength) return false;
    this.#askedOnce.add(key);
    if (this.#askedOnce.size > admission.rememberedKeys) {
      this.#askedOnce.delete(this.#askedOnce.values().next().value as string);
    }
    return false;
  }

  /** A promise of a value the cache does not keep: `dropped` is told of it once it is made. */
  #notKept(promise: Promise<T>): Promise<T> {
    const { dropped } = this.budget;
    if (dropped) promise.then(dropped, () => {});
    return promise;
  }

  #delete(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#bytes -= entry.bytes;
    this.#entries.delete(key);
    if (entry.value !== undefined) this.budget.dropped?.(entry.value);
  }

  /** Drops the least recently used entries until both bounds hold. */
  #evict(): void {
    for (const key of this.#entries.keys()) {
      if (this.#bytes <= this.budget.maxBytes && this.#entries.size <= this.budget.maxEntries) return;
      this.#delete(key);
    }
  }
}
