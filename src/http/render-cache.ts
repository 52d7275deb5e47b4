/** The isolate's memory of rendered bodies: each is rendered once, then served until evicted. */
import type { Representation } from "./representation";

/**
 * A bounded least-recently-used map of representations being or already rendered. Keys include
 * the origin, and requests choose the origin, so the bound keeps memory flat whatever they send.
 */
export class RenderCache {
  readonly #entries = new Map<string, Promise<Representation>>();

  constructor(readonly maxEntries: number) {}

  /** The cached representation for `key`, rendering it with `render` on first use. */
  get(key: string, render: () => Promise<Representation>): Promise<Representation> {
    const cached = this.#entries.get(key);
    if (cached) {
      this.#entries.delete(key);
      this.#entries.set(key, cached);
      return cached;
    }
    const rendering = render();
    this.#entries.set(key, rendering);
    rendering.catch(() => this.#entries.delete(key));
    if (this.#entries.size > this.maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    return rendering;
  }
}
