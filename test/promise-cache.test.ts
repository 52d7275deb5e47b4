import { describe, expect, it } from "vitest";
import { createRepresentation, type Representation } from "../src/http/representation";
import { PromiseCache } from "../src/promise-cache";

function counter() {
  const renders: string[] = [];
  const render = (key: string) => () => {
    renders.push(key);
    return createRepresentation(key, "text/plain", "2024-08-28T09:04:00-04:00");
  };
  return { renders, render };
}

describe("PromiseCache", () => {
  it("renders each key once while it stays cached", async () => {
    const cache = new PromiseCache<Representation>(2);
    const { renders, render } = counter();
    await Promise.all([cache.get("a", render("a")), cache.get("a", render("a"))]);
    await cache.get("a", render("a"));
    expect(renders).toEqual(["a"]);
  });

  it("keeps at most maxEntries, evicting the least recently used", async () => {
    const cache = new PromiseCache<Representation>(2);
    const { renders, render } = counter();
    for (const key of ["a", "b", "a", "c", "a", "b"]) await cache.get(key, render(key));
    expect(renders).toEqual(["a", "b", "c", "b"]);
  });

  it("forgets a failed render, so the next request tries again", async () => {
    const cache = new PromiseCache<Representation>(2);
    await expect(cache.get("a", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    const { renders, render } = counter();
    await cache.get("a", render("a"));
    expect(renders).toEqual(["a"]);
  });
});
