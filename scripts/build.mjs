// The content build's command: `npm run build`, and wrangler's [build] before dev and deploy.
// It runs scripts/build-content.ts compiled into .wirefeed/ (compiled-script.mjs), which plain Node
// starts far sooner than tsx, unless `npm run dev`'s watcher is running: that one builds every
// change itself, faster, and this would only delay reloads. Plain JavaScript, to start quickly.
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { compiledScript } from "./lib/compiled-script.mjs";

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
  // As wrangler runs it: relative paths (SEEDS_DIR, build/, wrangler.toml) from the project.
  process.chdir(projectDir);
  const script = await compiledScript(
    path.join(projectDir, "scripts/build-content.ts"),
    path.join(projectDir, ".wirefeed/compiled"),
  );
  const { main } = await import(pathToFileURL(script).href);
  await main();
}
