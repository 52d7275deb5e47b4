/**
 * Reads and parses many seeds on worker threads (parsing is most of a full build), in batches
 * handed to whichever thread is free; the readings come back in the order of the jobs.
 */
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { compiledScript } from "./compiled-script.mjs";
import { readSeedFile, type SeedJob, type SeedReading } from "./seed-file";

/** Seeds per message: enough to make a message's cost small, few enough to keep threads even. */
const BATCH = 64;

export interface PoolOptions {
  threads: number;
  /** parse-worker.ts, by path: this module may run from a bundle elsewhere (compiled-script.mjs). */
  workerEntry: string;
  /** Where the thread's code is kept compiled, as the build's own is (`.wirefeed/compiled`). */
  compiledDir: string;
  /** The main thread parses until the first thread answers (default); false leaves it all to them. */
  mainThreadHelps?: boolean;
}

/**
 * Starts the worker threads; the main thread parses too, but only until the first of them answers
 * (about 0.3 s): once they run, it is better left to take their answers, as its large heap made
 * its own parsing the slowest of all.
 */
export async function readSeedsInParallel(
  jobs: readonly SeedJob[],
  timeZone: string,
  { threads, workerEntry, compiledDir, mainThreadHelps = true }: PoolOptions,
): Promise<SeedReading[]> {
  const readings: SeedReading[] = new Array(jobs.length);
  let next = 0;
  let workersAnswered = false;
  const take = () => {
    const start = next;
    next = Math.min(jobs.length, next + BATCH);
    return { start, jobs: jobs.slice(start, next) };
  };
  const onMainThread = async () => {
    while (mainThreadHelps && !workersAnswered && next < jobs.length) {
      const batch = take();
      for (const [i, job] of batch.jobs.entries()) readings[batch.start + i] = readSeedFile(job, timeZone);
      // Let the workers' answers in, and give them their next batches.
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  const drain = (worker: Worker) =>
    new Promise<void>((resolve, reject) => {
      let start = 0;
      const send = () => {
        if (next >= jobs.length) return resolve();
        const batch = take();
        start = batch.start;
        worker.postMessage(batch.jobs);
      };
      worker.on("message", (batch: SeedReading[]) => {
        workersAnswered = true;
        for (const [i, reading] of batch.entries()) readings[start + i] = reading;
        send();
      });
      worker.once("error", reject);
      worker.once("exit", (code) => reject(new Error(`a seed parsing thread stopped (exit code ${code})`)));
      send();
    });
  const workers: Worker[] = [];
  const onWorkers = async () => {
    // One module for parse-worker.ts and the parser, compiled when one of their files changed: a
    // thread starts in about 0.1 s on it, against 0.7 s loading tsx and compiling each module, and
    // bundling it anew for every build cost the second core about 0.15 s.
    const code = pathToFileURL(await compiledScript(workerEntry, compiledDir));
    for (let i = 0; i < threads; i++) workers.push(new Worker(code, { workerData: { timeZone } }));
    await Promise.all(workers.map(drain));
  };
  try {
    await Promise.all([onMainThread(), onWorkers()]);
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return readings;
}
