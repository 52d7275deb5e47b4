/**
 * CPU time of the workerd processes Miniflare starts, read from Linux's per-thread scheduler
 * statistics (nanoseconds, unlike the 10 ms ticks of /proc/<pid>/stat). Only what workerd spends
 * is counted: the client and Node are not, so a benchmark measures the Worker, not its driver.
 */
import { readdirSync, readFileSync } from "node:fs";

/** workerd processes started by `root` (this process by default) or by any of its descendants. */
export function workerdProcesses(root = process.pid): number[] {
  const children = new Map<number, number[]>();
  const names = new Map<number, string>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, "utf8");
      const parent = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]);
      names.set(Number(entry), /^Name:\s+(.*)$/m.exec(status)?.[1] ?? "");
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // A process that ended while we looked.
    }
  }
  const found: number[] = [];
  const visit = (pid: number) => {
    for (const child of children.get(pid) ?? []) {
      if (names.get(child)?.startsWith("workerd")) found.push(child);
      visit(child);
    }
  };
  visit(root);
  return found;
}

/** Total CPU time of all threads of a process so far, in milliseconds. */
export function cpuMs(pid: number): number {
  let nanoseconds = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      nanoseconds += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, "utf8").split(" ")[0]);
    } catch {
      // A thread that ended while we looked.
    }
  }
  return nanoseconds / 1e6;
}

/** Waits until a process has used no CPU for a while (startup work done), up to `limitMs`. */
export async function settle(pid: number, quietMs = 150, limitMs = 5000): Promise<void> {
  const deadline = Date.now() + limitMs;
  let last = cpuMs(pid);
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, quietMs));
    const now = cpuMs(pid);
    if (now - last < 0.5) return;
    last = now;
  }
}

/** Minor page faults of a process so far, all threads: each first touch of a fresh page of memory. */
export function minorFaults(pid: number): number {
  // Field 10 of /proc/<pid>/stat; the command name before it may hold spaces, so count from ")".
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return Number(fields[7]);
}

/**
 * What one page fault costs on this machine (µs): 64 MiB of fresh memory, each 4 KiB page
 * touched once, median of three. In a virtual machine it can be tens of times what it is on
 * the hardware a Worker runs on, and a new isolate touches fresh memory on every allocation.
 */
export function pageFaultMicros(): number {
  const page = 4096;
  const bytes = 64 * 1024 * 1024;
  const times: number[] = [];
  for (let round = 0; round < 3; round++) {
    const started = performance.now();
    const memory = Buffer.allocUnsafeSlow(bytes);
    for (let at = 0; at < bytes; at += page) memory[at] = 1;
    times.push(((performance.now() - started) * 1000) / (bytes / page));
  }
  return times.sort((a, b) => a - b)[1] ?? 0;
}
