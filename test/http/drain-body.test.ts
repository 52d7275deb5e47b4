import { describe, expect, it } from "vitest";
import { drainSmallBody } from "../../src/http/drain-body";

/** A request body of `chunks` chunks of `size` bytes that counts how many were read. */
function countedBody(chunks: number, size: number) {
  const state = { pulled: 0, closed: false };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled === chunks) {
        state.closed = true;
        controller.close();
        return;
      }
      state.pulled++;
      controller.enqueue(new Uint8Array(size));
    },
  });
  const request = new Request("https://x/", { method: "POST", body, duplex: "half" } as RequestInit);
  return { request, state };
}

describe("drainSmallBody", () => {
  it("reads a small body of several chunks to its end", async () => {
    const { request, state } = countedBody(8, 1024);
    await drainSmallBody(request);
    expect(state).toEqual({ pulled: 8, closed: true });
  });

  it("stops reading a body larger than 64 KiB", async () => {
    const { request, state } = countedBody(1000, 16 * 1024);
    await drainSmallBody(request);
    expect(state.pulled).toBeGreaterThanOrEqual(4);
    expect(state.pulled).toBeLessThan(16);
    expect(state.closed).toBe(false);
  });
});
