/**
 * Load with wrk, whose C client reads and discards bodies far faster than any Worker here serves
 * them, so a benchmark measures the Worker, not the client (autocannon turned every body into a
 * JavaScript string and ran a core at 100% on the feed's non-ASCII bytes).
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface WrkResult {
  requests: number;
  perSecond: number;
  /** Answers that were not 2xx or 3xx, plus socket errors. */
  failures: number;
  /** Of those, requests wrk gave up on after its 2 s timeout (the simulator stalling, say). */
  timeouts: number;
}

/** Whether wrk is installed; the bench says how to get it when it is not. */
export async function hasWrk(): Promise<boolean> {
  return run("wrk", ["--version"]).then(
    () => true,
    (error: { stdout?: string }) => (error.stdout ?? "").includes("wrk"),
  );
}

export async function wrk(
  url: string,
  {
    connections,
    seconds,
    headers = {},
  }: { connections: number; seconds: number; headers?: Record<string, string> },
): Promise<WrkResult> {
  const args = [
    "-t1",
    `-c${connections}`,
    `-d${seconds}s`,
    ...Object.entries(headers).flatMap(([name, value]) => ["-H", `${name}: ${value}`]),
    url,
  ];
  const { stdout } = await run("wrk", args, { maxBuffer: 1024 * 1024 });
  const requests = Number(/(\d+) requests in/.exec(stdout)?.[1] ?? Number.NaN);
  const perSecond = Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1] ?? Number.NaN);
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(stdout)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(stdout);
  const socketErrors = socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0;
  const timeouts = Number(socket?.[4] ?? 0);
  return { requests, perSecond, failures: non2xx + socketErrors, timeouts };
}
