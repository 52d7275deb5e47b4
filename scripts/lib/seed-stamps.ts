/**
 * The seeds' file stamps (size, times, inode), read on a thread of their own while the build's
 * main thread loads its cache: at 10,000 seeds the stat calls take about 0.1 s, the cache 0.2 s.
 */
import { statSync } from "node:fs";
import { Worker } from "node:worker_threads";

/** What a stamp is made of (see fileStamp); a file's Stats is one. */
export interface StampFields {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

/** Below this many seeds, starting a thread (about 40 ms here) costs more than it saves. */
export const STAMP_THREAD_FROM = 1_000;

/**
 * Each seed's stamp fields as read, in the order of its names: four numbers a seed, kept as they
 * came (10,000 objects cost a quick build about 20 ms and their garbage).
 */
export class StampTable {
  constructor(private readonly table: Float64Array) {}

  get length(): number {
    return this.table.length / 4;
  }

  /** Seed `i`'s fields; undefined for a file that is gone. */
  at(i: number): StampFields | undefined {
    const field = (offset: number) => this.table[i * 4 + offset] as number;
    if (Number.isNaN(field(0))) return undefined;
    return { size: field(0), mtimeMs: field(1), ctimeMs: field(2), ino: field(3) };
  }

  /** Whether seed `i` has the fields at `j` of `other`, another table of four numbers a seed. */
  same(i: number, other: Float64Array, j = i): boolean {
    for (let field = 0; field < 4; field++) {
      if (this.table[i * 4 + field] !== other[j * 4 + field]) return false;
    }
    return true;
  }
}

/** Stamps being read, and a way to stop when they are no longer wanted. */
export interface StampReading {
  stamps: Promise<StampTable>;
  /** Stops the thread, if any (its promise then rejects); the build needs no stamps after all. */
  cancel(): void;
}

/**
 * Each seed's stamp fields, in the order of `names`; undefined for a file that is gone. From
 * `threadFrom` names on, read on a worker thread: the promise settles while the caller works.
 */
export function readSeedStamps(
  seedsDir: string,
  names: readonly string[],
  threadFrom = STAMP_THREAD_FROM,
): StampReading {
  if (names.length < threadFrom) {
    const stamps = new Promise<StampTable>((resolve) =>
      resolve(new StampTable(stampTable(statSync, seedsDir, names))),
    );
    return { stamps, cancel: () => {} };
  }
  // The thread runs stampTable's own source, given statSync as the caller gives it: one function
  // for both paths, and no file to find from a compiled bundle (see compiled-script.mjs).
  const worker = new Worker(
    `const { parentPort, workerData } = require("node:worker_threads");
     const table = (${stampTable.toString()})(require("node:fs").statSync, workerData.seedsDir, workerData.names);
     parentPort.postMessage(table, [table.buffer]);`,
    { eval: true, workerData: { seedsDir, names } },
  );
  const stamps = new Promise<StampTable>((resolve, reject) => {
    worker.once("message", (table: Float64Array) => {
      resolve(new StampTable(table));
      void worker.terminate();
    });
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`the stamp thread stopped (exit code ${code})`)));
  });
  return { stamps, cancel: () => void worker.terminate() };
}

/**
 * Four numbers a name, in StampFields order; NaN for a file that is gone. The thread runs this
 * function's source text, so it may use only its parameters and the language's globals.
 */
function stampTable(stat: typeof statSync, seedsDir: string, names: readonly string[]): Float64Array {
  const table = new Float64Array(names.length * 4).fill(Number.NaN);
  for (let i = 0; i < names.length; i++) {
    const info = stat(`${seedsDir}/${names[i]}`, { throwIfNoEntry: false });
    if (info) table.set([info.size, info.mtimeMs, info.ctimeMs, info.ino], i * 4);
  }
  return table;
}
