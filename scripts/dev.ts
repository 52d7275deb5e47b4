/**
 * `npm run dev`: the content watcher (rebuilds a changed seed in memory, in well under a second)
 * beside `wrangler dev` (which reloads the Worker when the manifest changes, and runs the full
 * [build] itself when the code or settings change). Arguments go to wrangler dev.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { RESTART } from "./lib/content-watch";

const PROJECT_DIR = path.resolve(import.meta.dirname, "..");
let stopping = false;
let watcher: ChildProcess | undefined;

/** Starts the watcher, and again whenever it exits asking for it; resolves after its first build. */
function startWatcher(): Promise<void> {
  return new Promise((ready) => {
    watcher = spawn(process.execPath, ["--import", "tsx", "scripts/build-content.ts", "--watch"], {
      cwd: PROJECT_DIR,
      stdio: ["ignore", "pipe", "inherit"],
    });
    watcher.stdout?.on("data", (data: Buffer) => {
      process.stdout.write(data);
      if (data.includes("wirefeed: built in")) ready();
    });
    watcher.on("exit", (code) => {
      if (stopping) return;
      if (code === RESTART) void startWatcher().then(ready);
      else {
        console.error(
          `wirefeed: the content watcher stopped (exit ${code}); seeds are built by wrangler alone now`,
        );
        ready();
      }
    });
  });
}

await startWatcher();
const wrangler = spawn("sh", ["scripts/wrangler.sh", "dev", ...process.argv.slice(2)], {
  cwd: PROJECT_DIR,
  stdio: "inherit",
  env: { ...process.env, WIREFEED_DEV_WATCHER: "1", WIREFEED_KEEP_LAST_GOOD_BUILD: "1" },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => wrangler.kill(signal));
}
const [code] = await once(wrangler, "exit");
stopping = true;
watcher?.kill("SIGTERM");
process.exitCode = typeof code === "number" ? code : 0;
