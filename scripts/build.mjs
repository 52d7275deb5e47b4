// The content build's command: `npm run build`, and wrangler's [build] through scripts/build.sh.
// It runs scripts/build-content.ts compiled into .wirefeed/ (compiled-script.mjs), which plain Node
// starts far sooner than tsx. Plain JavaScript, to start quickly.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { compiledScript } from "./lib/compiled-script.mjs";

const projectDir = path.resolve(import.meta.dirname, "..");

// As wrangler runs it: relative paths (SEEDS_DIR, build/, wrangler.toml) from the project.
process.chdir(projectDir);
const script = await compiledScript(
  path.join(projectDir, "scripts/build-content.ts"),
  path.join(projectDir, ".wirefeed/compiled"),
);
const { main } = await import(pathToFileURL(script).href);
await main();
