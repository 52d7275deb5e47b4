/** Types for compiled-script.mjs (plain JavaScript so that scripts/build.mjs starts without tsx). */
export function compiledScript(entry: string, outDir: string): Promise<string>;
