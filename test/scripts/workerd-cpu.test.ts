/** The bench's process figures, checked against what the kernel itself reports touching memory. */
import { describe, expect, it } from "vitest";
import { minorFaults } from "../../scripts/lib/workerd-cpu";

describe("minorFaults", () => {
  it("counts every fresh page a process touches", () => {
    const pages = 2_000;
    const before = minorFaults(process.pid);
    // Large enough to be mapped afresh (not from the heap's free lists); one write per page.
    const memory = Buffer.allocUnsafeSlow(pages * 4096);
    for (let at = 0; at < memory.byteLength; at += 4096) memory[at] = 1;
    const counted = minorFaults(process.pid) - before;
    expect(counted).toBeGreaterThanOrEqual(pages);
    // The rest of the process (the test runner's other threads) adds some, not thousands more.
    expect(counted).toBeLessThan(pages * 2);
  });
});
