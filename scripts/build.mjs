// wrangler's [build] command: the content build (scripts/build-content.ts), unless `npm run dev`'s
// watcher is running, which builds every change itself, faster, and this would only delay reloads.
// Plain JavaScript on purpose: it runs on every change wrangler dev sees, and must start quickly.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";

const projectDir = path.resolve(import.meta.dirname, "..");

function watcherRuns() {
  if (process.env.WIREFEED_DEV_WATCHER !== "1") return false;
  try {
    process.kill(Number(readFileSync(path.join(projectDir, ".wirefeed", "watcher.pid"), "utf8")), 0);
    return true;
  } catch {
    return false;
  }
}

if (watcherRuns()) {
  console.log("wirefeed: npm run dev's watcher builds the content");
} else {
  const build = spawnSync(process.execPath, ["--import", "tsx", "scripts/build-content.ts"], {
    cwd: projectDir,
    stdio: "inherit",
  });
  process.exitCode = build.status ?? 1;
}
