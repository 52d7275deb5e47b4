/** `npm run seeds:synthetic -- --count N --out DIR [--seed S]`: writes a synthetic corpus of seeds. */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { syntheticSeeds } from "./lib/synthetic-seed";

const { values } = parseArgs({
  options: {
    count: { type: "string" },
    out: { type: "string" },
    seed: { type: "string", default: "1" },
  },
});
const count = Number(values.count);
const seed = Number(values.seed);
if (!Number.isInteger(count) || count < 1 || !values.out || !Number.isInteger(seed)) {
  console.error("usage: npm run seeds:synthetic -- --count N --out DIR [--seed S]");
  process.exit(2);
}
await mkdir(values.out, { recursive: true });
for (const { name, text } of syntheticSeeds(count, seed)) {
  await writeFile(path.join(values.out, name), text);
}
console.log(`wrote ${count} synthetic seeds (seed ${seed}) to ${values.out}`);
