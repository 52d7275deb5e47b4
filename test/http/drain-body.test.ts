import { describe, expect, it } from "vitest";
import { drainSmallBody } from "../../src/http/drain-body";

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
