/**
 * The build command's compiled module (runs in Node): built on first use, reused while its inputs
 * keep their bytes, built again when any of them changes or its record is damaged.
 */
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compiledScript } from "../../scripts/lib/compiled-script.mjs";

let work: string;
const entry = () => path.join(work, "src/entry.ts");
const outDir = () => path.join(work, "out");

/** Compiles the entry and runs the module: what it answers, and when the module was written. */
async function compileAndRun(): Promise<{ answer: string; written: number }> {
  const file = await compiledScript(entry(), outDir());
  // A new URL each time: Node caches a module by its URL.
  const module = await import(`${pathToFileURL(file).href}?${Math.random()}`);
  return { answer: module.answer(), written: (await stat(file)).mtimeMs };
}

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), "wirefeed-compiled-"));
  await import("node:fs/promises").then(({ mkdir }) => mkdir(path.join(work, "src")));
  await writeFile(
    entry(),
    [
      'import { word } from "./word";',
      "export const answer = (): string => word + ' from ' + import.meta.dirname;",
      "",
    ].join("\n"),
  );
  await writeFile(path.join(work, "src/word.ts"), 'export const word: string = "first";\n');
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe("compiledScript", () => {
  it("compiles once, and the module still sees its script's folder", async () => {
    const first = await compileAndRun();
    expect(first.answer).toBe(`first from ${path.join(work, "src")}`);
    const again = await compileAndRun();
    expect(again).toEqual(first);
  });

  it("compiles again when a file the module came from changes", async () => {
    const before = await compileAndRun();
    await writeFile(path.join(work, "src/word.ts"), 'export const word: string = "second";\n');
    const after = await compileAndRun();
    expect(after.answer).toBe(`second from ${path.join(work, "src")}`);
    expect(after.written).toBeGreaterThan(before.written);
  });

  it("compiles again when its list of inputs is damaged", async () => {
    const before = await compileAndRun();
    const list = path.join(outDir(), "entry.inputs.json");
    await writeFile(list, (await readFile(list, "utf8")).slice(0, 20));
    const after = await compileAndRun();
    expect(after.answer).toBe(before.answer);
    expect(after.written).toBeGreaterThan(before.written);
  });
});
