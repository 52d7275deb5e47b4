import { describe, expect, it } from "vitest";
import { DeferredDetach } from "../src/deferred-detach";

/**
 * Steps on requests `a`, `b`, `c` and buffers `x`, `y` (4 and 8 bytes): "start a", "end a",
 * "let go x", and "wait 60" (seconds; a request counts as ended after 60). `detached` is what the
 * steps leave detached.
 */
const CASES: { name: string; steps: string[]; detached: string[]; maxWaiting?: number }[] = [
  {
    name: "keeps a buffer while the request running when it was let go of runs",
    steps: ["start a", "let go x"],
    detached: [],
  },
  {
    name: "detaches it when that request ends",
    steps: ["start a", "let go x", "end a"],
    detached: ["x"],
  },
  {
    name: "waits for every request that was running",
    steps: ["start a", "start b", "let go x", "end a"],
    detached: [],
  },
  {
    name: "detaches it when the last of them ends",
    steps: ["start a", "start b", "let go x", "end b", "end a"],
    detached: ["x"],
  },
  {
    name: "does not wait for a request started after it was let go of",
    steps: ["start a", "let go x", "start b", "end a"],
    detached: ["x"],
  },
  {
    name: "makes each buffer wait only for the requests running when it was let go of",
    steps: ["start a", "let go x", "start b", "let go y", "end a"],
    detached: ["x"],
  },
  {
    name: "counts a request's end once, however often it is told",
    steps: ["start a", "start b", "let go x", "end a", "end a"],
    detached: [],
  },
  {
    name: "detaches a buffer let go of while nothing runs when a request next ends",
    steps: ["let go x", "start a", "end a"],
    detached: ["x"],
  },
  {
    name: "detaches nothing while no request ends",
    steps: ["let go x", "let go y"],
    detached: [],
  },
  {
    name: "counts a request running for 60 s as ended",
    steps: ["start a", "let go x", "wait 60", "start b", "end b"],
    detached: ["x"],
  },
  {
    name: "waits for a request running for less than 60 s",
    steps: ["start a", "let go x", "wait 59", "start b", "end b"],
    detached: [],
  },
  {
    name: "gives up on no request that started less than 60 s ago, though another of its time has run longer",
    steps: ["start a", "wait 50", "start b", "let go x", "wait 20", "start c", "end c"],
    detached: [],
  },
  {
    name: "leaves the oldest to the collector past maxWaiting",
    steps: ["start a", "let go x", "let go y", "end a"],
    detached: ["y"],
    maxWaiting: 1,
  },
];

describe("DeferredDetach", () => {
  for (const { name, steps, detached, maxWaiting = 10 } of CASES) {
    it(name, () => {
      let clock = 0;
      const buffers = new DeferredDetach({ maxWaiting, maxRequestMs: 60_000, now: () => clock });
      const sizes = { x: 4, y: 8 } as Record<string, number>;
      const made = Object.fromEntries(
        Object.entries(sizes).map(([key, size]) => [key, new ArrayBuffer(size)]),
      );
      const running: Record<string, () => void> = {};
      for (const step of steps) {
        const name = step.split(" ").at(-1) as string;
        if (step.startsWith("wait")) clock += Number(name) * 1000;
        else if (step.startsWith("start")) running[name] = buffers.started();
        else if (step.startsWith("end")) running[name]?.();
        else buffers.letGo(made[name] as ArrayBuffer);
      }
      expect(Object.keys(made).filter((key) => made[key]?.detached)).toEqual(detached);
      expect(buffers.detachedBytes).toBe(detached.reduce((sum, key) => sum + (sizes[key] ?? 0), 0));
    });
  }

  it("ignores a buffer already empty", () => {
    const buffers = new DeferredDetach({ maxWaiting: 10, maxRequestMs: 60_000 });
    const ended = buffers.started();
    const empty = new ArrayBuffer(0);
    buffers.letGo(empty);
    ended();
    expect([empty.detached, buffers.detachedBytes]).toEqual([false, 0]);
  });
});
