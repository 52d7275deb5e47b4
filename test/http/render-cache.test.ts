import { describe, expect, it } from "vitest";
import { drainSmallBody } from "../../src/http/drain-body";
import { RenderCache } from "../../src/http/render-cache";
import { createRepresentation } from "../../src/http/representation";

function counter() {
  const renders: string[] = [];
  const render = (key: string) => () => {
    renders.push(key);
    return createRepresentation(key, "text/plain", "2024-08-28T09:04:00-04:00");
  };
  return { renders, render };
}

describe("RenderCache", () => {
  it("renders each key once while it stays cached", async () => {
    const cache = new RenderCache(2);
    const { renders, render } = counter();
    await Promise.all([cache.get("a", render("a")), cache.get("a", render("a"))]);
    await cache.get("a", render("a"));
    expect(renders).toEqual(["a"]);
  });

  it("keeps at most maxEntries, evicting the least recently used", async () => {
    const cache = new RenderCache(2);
    const { renders, render } = counter();
    for (const key of ["a", "b", "a", "c", "a", "b"]) await cache.get(key, render(key));
    expect(renders).toEqual(["a", "b", "c", "b"]);
  });

  it("forgets a failed render, so the next request tries again", async () => {
    const cache = new RenderCache(2);
    await expect(cache.get("a", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    const { renders, render } = counter();
    await cache.get("a", render("a"));
    expect(renders).toEqual(["a"]);
  });
});

describe("drainSmallBody", () => {
  it("reads a small body to the end", async () => {
    const request = new Request("https://x/", { method: "POST", body: "x".repeat(1000) });
    await drainSmallBody(request);
    expect(request.bodyUsed).toBe(true);
  });

  it("stops reading a body larger than 64 KiB", async () => {
    let pulled = 0;
    const body = new ReadableStream({
      pull(controller) {
        pulled += 16 * 1024;
        controller.enqueue(new Uint8Array(16 * 1024));
      },
    });
    await drainSmallBody(new Request("https://x/", { method: "POST", body, duplex: "half" } as RequestInit));
    expect(pulled).toBeLessThan(256 * 1024);
  });
});
