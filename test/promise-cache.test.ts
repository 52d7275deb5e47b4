import { describe, expect, it } from "vitest";
import { PromiseCache } from "../src/promise-cache";

function counter() {
  const made: string[] = [];
  const make = (key: string) => () => {
    made.push(key);
    return Promise.resolve(key);
  };
  return { made, make };
}

describe("PromiseCache", () => {
  it("makes each key once while it stays cached", async () => {
    const cache = new PromiseCache<string>(2);
    const { made, make } = counter();
    await Promise.all([cache.get("a", make("a")), cache.get("a", make("a"))]);
    await cache.get("a", make("a"));
    expect(made).toEqual(["a"]);
  });

  it("keeps at most maxEntries, evicting the least recently used", async () => {
    const cache = new PromiseCache<string>(2);
    const { made, make } = counter();
    for (const key of ["a", "b", "a", "c", "a", "b"]) await cache.get(key, make(key));
    expect(made).toEqual(["a", "b", "c", "b"]);
  });

  it("forgets a failure, so the next caller tries again", async () => {
    const cache = new PromiseCache<string>(2);
    await expect(cache.get("a", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    const { made, make } = counter();
    await cache.get("a", make("a"));
    expect(made).toEqual(["a"]);
  });

  it("keeps a newer entry when an evicted promise for the same key fails late", async () => {
    const cache = new PromiseCache<string>(1);
    let fail: (error: Error) => void = () => {};
    const late = cache.get("a", () => new Promise<string>((_, reject) => (fail = reject)));
    await cache.get("b", () => Promise.resolve("b")); // evicts the pending "a"
    const { made, make } = counter();
    await cache.get("a", make("a")); // a newer "a", which evicts "b"
    fail(new Error("late"));
    await expect(late).rejects.toThrow("late");
    await cache.get("a", make("a"));
    expect(made).toEqual(["a"]);
  });
});
