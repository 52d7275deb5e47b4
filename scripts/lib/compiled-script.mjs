// A TypeScript script compiled by esbuild into one module, and compiled again only when a file it
// was built from changed: plain Node starts it in a tenth of the time tsx takes (see README).
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * The compiled module of `entry` in `outDir`, reused while each file it was built from has the
 * bytes it had then. The npm packages it imports are bundled in and checked like its own files,
 * except native ones, which stay imports of whatever node_modules holds.
 *
 * @param {string} entry the script's path
 * @param {string} outDir where to keep the module and the list of its inputs
 * @returns {Promise<string>} the module's path
 */
export async function compiledScript(entry, outDir) {
  const name = path.basename(entry).replace(/\.ts$/, "");
  const outfile = path.join(outDir, `${name}.mjs`);
  const inputsFile = path.join(outDir, `${name}.inputs.json`);
  if (upToDate(outfile, inputsFile)) return outfile;
  mkdirSync(outDir, { recursive: true });
  const workingDir = path.dirname(entry);
  const temporary = `${outfile}.${process.pid}.tmp`;
  const { build } = await import("esbuild");
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: workingDir,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    // Pure-JavaScript packages (hono, smol-toml) go into the module too: Node loading hono's
    // files one by one cost every build about 35 ms. Native ones stay where npm put them.
    external: ["@resvg/resvg-js", "esbuild"],
    outfile: temporary,
    metafile: true,
    logLevel: "warning",
    // The module lives elsewhere: its code still sees the folder of the script it came from.
    define: { "import.meta.dirname": JSON.stringify(workingDir) },
  });
  /** @type {Record<string, string>} */
  const inputs = {};
  for (const input of Object.keys(result.metafile.inputs)) {
    const file = path.resolve(workingDir, input);
    inputs[file] = hashOf(file);
  }
  renameSync(temporary, outfile);
  writeFileSync(`${inputsFile}.${process.pid}.tmp`, JSON.stringify(inputs));
  renameSync(`${inputsFile}.${process.pid}.tmp`, inputsFile);
  return outfile;
}

/** @param {string} outfile @param {string} inputsFile */
function upToDate(outfile, inputsFile) {
  if (!existsSync(outfile)) return false;
  try {
    /** @type {Record<string, string>} */
    const inputs = JSON.parse(readFileSync(inputsFile, "utf8"));
    return Object.entries(inputs).every(([file, hash]) => hashOf(file) === hash);
  } catch {
    // No list yet, a damaged one, or an input gone: compile.
    return false;
  }
}

/** @param {string} file */
function hashOf(file) {
  return createHash("sha1").update(readFileSync(file)).digest("hex");
}
