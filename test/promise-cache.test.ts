import { describe, expect, it } from "vitest";
import { PromiseCache } from "../src/promise-cache";

/** A budget counting a string's length as its bytes. */
const budget = (maxBytes: number, maxEntries: number) => ({
  maxBytes,
  maxEntries,
  sizeOf: (value: string) => value.length,
});

function counter() {
  const made: string[] = [];
  const make = (value: string) => () => {
    made.push(value);
    return Promise.resolve(value);
  };
  return { made, make };
}

/** Lets settled promises' handlers run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("PromiseCache", () => {
  it("makes each key once while it stays cached", async () => {
    const cache = new PromiseCache(budget(100, 2));
    const { made, make } = counter();
    await cache.get("a", make("a"));
    await settle();
    expect(await cache.get("a", make("a"))).toBe("a");
    expect(made).toEqual(["a"]);
    expect(cache.peek("a")).toBe("a");
  });

  it("never shares a promise still pending: a second caller makes its own", async () => {
    const cache = new PromiseCache(budget(100, 2));
    let resolveFirst: (value: string) => void = () => {};
    const first = cache.get("a", () => new Promise<string>((resolve) => (resolveFirst = resolve)));
    const { made, make } = counter();
    const second = cache.get("a", make("a, again"));
    expect(second).not.toBe(first);
    expect(made).toEqual(["a, again"]);
    expect(cache.peek("a")).toBeUndefined();
    // The last one made is the one kept; the first one's value still reaches its own caller.
    expect(await second).toBe("a, again");
    resolveFirst("a");
    expect(await first).toBe("a");
    await settle();
    expect(cache.peek("a")).toBe("a, again");
    expect(cache.bytes).toBe("a, again".length);
  });

  it("tells whether a value is kept without counting that as a use", async () => {
    const cache = new PromiseCache(budget(100, 2));
    const { made, make } = counter();
    for (const key of ["a", "b"]) await cache.get(key, make(key));
    await settle();
    expect(cache.has("a")).toBe(true);
    await cache.get("c", make("c")); // evicts "a", still the least recently used
    await settle();
    expect([cache.has("a"), cache.has("b"), cache.has("c")]).toEqual([false, true, true]);
    expect(made).toEqual(["a", "b", "c"]);
  });

  it("keeps at most maxEntries, evicting the least recently used", async () => {
    const cache = new PromiseCache(budget(100, 2));
    const { made, make } = counter();
    for (const key of ["a", "b", "a", "c", "a", "b"]) await cache.get(key, make(key));
    expect(made).toEqual(["a", "b", "c", "b"]);
  });

  it("keeps its values within maxBytes, evicting the least recently used", async () => {
    const cache = new PromiseCache(budget(8, 100));
    const { made, make } = counter();
    for (const value of ["aaaa", "bbbb", "cccc"]) await cache.get(value, make(value));
    await settle();
    expect(cache.bytes).toBe(8);
    for (const value of ["bbbb", "cccc", "aaaa"]) await cache.get(value, make(value));
    await settle();
    expect(made).toEqual(["aaaa", "bbbb", "cccc", "aaaa"]);
    expect(cache.bytes).toBe(8);
  });

  it("serves a value larger than its whole budget without keeping it", async () => {
    const cache = new PromiseCache(budget(8, 100));
    const { made, make } = counter();
    await cache.get("small", make("abc"));
    expect(await cache.get("big", make("0123456789"))).toBe("0123456789");
    await settle();
    expect(cache.bytes).toBe(3);
    await cache.get("big", make("0123456789"));
    await cache.get("small", make("abc"));
    expect(made).toEqual(["abc", "0123456789", "0123456789"]);
  });

  it("forgets a failure, so the next caller tries again", async () => {
    const cache = new PromiseCache(budget(100, 2));
    await expect(cache.get("a", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    const { made, make } = counter();
    await cache.get("a", make("a"));
    expect(made).toEqual(["a"]);
  });

  it("keeps a newer entry when an evicted promise for the same key fails late", async () => {
    const cache = new PromiseCache(budget(100, 1));
    let fail: (error: Error) => void = () => {};
    const late = cache.get("a", () => new Promise<string>((_, reject) => (fail = reject)));
    await cache.get("b", () => Promise.resolve("b")); // evicts the pending "a"
    const { made, make } = counter();
    await cache.get("a", make("a")); // a newer "a", which evicts "b"
    fail(new Error("late"));
    await expect(late).rejects.toThrow("late");
    await cache.get("a", make("a"));
    expect(made).toEqual(["a"]);
    expect(cache.bytes).toBe(1);
  });
});

describe("PromiseCache keeping values from their second request", () => {
  const onSecond = (rememberedKeys: number, maxKeyLength: number) => ({
    ...budget(100, 10),
    keepOnSecondRequest: { rememberedKeys, maxKeyLength },
  });

  it("makes a value asked for once without keeping it, and keeps it when asked again", async () => {
    const cache = new PromiseCache(onSecond(4, 16));
    const { made, make } = counter();
    expect(await cache.get("a", make("a"))).toBe("a");
    await settle();
    expect(cache.has("a")).toBe(false);
    expect(cache.peek("a")).toBeUndefined();
    expect(cache.bytes).toBe(0);
    for (let i = 0; i < 3; i++) expect(await cache.get("a", make("a"))).toBe("a");
    await settle();
    expect(made).toEqual(["a", "a"]);
    expect(cache.has("a")).toBe(true);
    expect(cache.peek("a")).toBe("a");
  });

  it.each([
    // keys asked for in order, then the key asked again: whether that second request keeps it
    { asked: ["a", "b"], again: "a", kept: true },
    { asked: ["a", "b", "c"], again: "b", kept: true },
    { asked: ["a", "b", "c"], again: "a", kept: false }, // forgotten: only 2 keys remembered
    { asked: ["a", "b", "a", "c"], again: "a", kept: true }, // kept on its second, still cached
    { asked: ["0123456789abcdefg"], again: "0123456789abcdefg", kept: false }, // 17 > 16 characters
  ])("after $asked, asking for $again again keeps it: $kept", async ({ asked, again, kept }) => {
    const cache = new PromiseCache(onSecond(2, 16));
    const { make } = counter();
    for (const key of asked) await cache.get(key, make(key));
    await cache.get(again, make(again));
    await settle();
    expect(cache.peek(again) !== undefined).toBe(kept);
  });
});

describe("PromiseCache telling what it lets go of", () => {
  /** A cache of 8 bytes and 2 entries that records every value it drops. */
  function dropping() {
    const dropped: string[] = [];
    const cache = new PromiseCache({ ...budget(8, 2), dropped: (value: string) => dropped.push(value) });
    return { cache, dropped, ...counter() };
  }

  it("tells of a value evicted by bytes or by entries, once each", async () => {
    const { cache, dropped, make } = dropping();
    for (const key of ["aaaa", "bbbb", "cccc", "d"]) await cache.get(key, make(key));
    await settle();
    expect(dropped).toEqual(["aaaa", "bbbb"]);
  });

  it("tells of a value larger than the whole budget once it is served", async () => {
    const { cache, dropped, make } = dropping();
    expect(await cache.get("big", make("0123456789"))).toBe("0123456789");
    await settle();
    expect(dropped).toEqual(["0123456789"]);
  });

  it("tells of a value whose pending entry was evicted or made again, once it is made", async () => {
    const { cache, dropped, make } = dropping();
    const pending = () => {
      let resolve: (value: string) => void = () => {};
      const promise = new Promise<string>((done) => (resolve = done));
      return { promise, resolve };
    };
    const evicted = pending();
    const first = cache.get("p", () => evicted.promise);
    for (const key of ["b", "c"]) await cache.get(key, make(key)); // evicts the pending "p"
    const replaced = pending();
    const second = cache.get("q", () => replaced.promise);
    const third = cache.get("q", make("q2")); // replaces the pending "q"
    evicted.resolve("p");
    replaced.resolve("q");
    expect([await first, await second, await third]).toEqual(["p", "q", "q2"]);
    await settle();
    expect(dropped).toEqual(["b", "p", "q"]); // "b" evicted by the first "q"
    expect([cache.has("c"), cache.peek("q")]).toEqual([true, "q2"]);
  });

  it("tells of a value not kept since it was asked for once", async () => {
    const dropped: string[] = [];
    const cache = new PromiseCache({
      ...budget(100, 10),
      keepOnSecondRequest: { rememberedKeys: 4, maxKeyLength: 16 },
      dropped: (value: string) => dropped.push(value),
    });
    const { make } = counter();
    await cache.get("a", make("a"));
    await cache.get("a", make("a"));
    await settle();
    expect([dropped, cache.has("a")]).toEqual([["a"], true]);
  });

  it("tells nothing of a failure or of a value still kept", async () => {
    const { cache, dropped, make } = dropping();
    await expect(cache.get("a", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    for (const key of ["b", "c"]) await cache.get(key, make(key));
    await settle();
    expect(dropped).toEqual([]);
    expect([cache.has("b"), cache.has("c")]).toEqual([true, true]);
  });
});
