/** A thread of the parse pool (parse-pool.ts): reads and parses each batch of seeds it is sent. */
import { parentPort, workerData } from "node:worker_threads";
import { ByteSlab, readSeedFile, type SeedJob } from "./seed-file";

const { timeZone } = workerData as { timeZone: string };
/** Each batch's JSON is copied out below, so one slab serves every batch. */
const slab = new ByteSlab();

parentPort?.on("message", (jobs: SeedJob[]) => {
  slab.rewind();
  const readings = jobs.map((job) => readSeedFile(job, timeZone, slab));
  // The batch's JSON goes back in one buffer, moved rather than copied: the readings hold views of it.
  let size = 0;
  for (const reading of readings) {
    if (reading.outcome === "parsed") size += reading.json.head.byteLength + reading.json.tail.byteLength;
  }
  const buffer = new Uint8Array(size);
  let offset = 0;
  const view = (bytes: Uint8Array) => {
    buffer.set(bytes, offset);
    offset += bytes.byteLength;
    return buffer.subarray(offset - bytes.byteLength, offset);
  };
  for (const reading of readings) {
    if (reading.outcome === "parsed")
      reading.json = { head: view(reading.json.head), tail: view(reading.json.tail) };
  }
  parentPort?.postMessage(readings, [buffer.buffer]);
});
