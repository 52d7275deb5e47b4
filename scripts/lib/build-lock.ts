/**
 * One content build at a time per project: `npm run dev`'s watcher and wrangler's [build] command
 * may both start one, and two builds removing each other's new files would leave a broken archive.
 */
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const POLL_MS = 50;

/** Runs `build` holding `.wirefeed/build.lock` (a folder: mkdir is atomic); waits for another holder. */
export async function withBuildLock<T>(projectDir: string, build: () => Promise<T>): Promise<T> {
  const lock = path.join(projectDir, ".wirefeed", "build.lock");
  mkdirSync(path.dirname(lock), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(path.join(lock, "pid"), String(process.pid));
      break;
    } catch {
      // Held by a live process: wait. Left behind by a dead one (killed mid-build): take it over.
      if (isStale(lock)) rmSync(lock, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
  try {
    return await build();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** A lock whose holder is gone, or that never got a holder's pid within a few seconds. */
function isStale(lock: string): boolean {
  try {
    return !isAlive(Number(readFileSync(path.join(lock, "pid"), "utf8")));
  } catch {
    return Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? 0) > 5000;
  }
}

/** Whether a process id names a running process. */
export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
