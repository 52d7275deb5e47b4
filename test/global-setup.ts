/** Builds the archive and its manifest from seeds/ before the Worker starts in the test pool. */
import path from "node:path";
import { buildContent } from "../scripts/build-content";

export default async function setup(): Promise<void> {
  const result = await buildContent({
    seedsDir: path.resolve("seeds"),
    manifestFile: path.resolve("src/generated/manifest.ts"),
    assetsDir: path.resolve("build/archive"),
    wranglerConfig: "wrangler.toml",
  });
  if (!result.ok) throw new Error(`content build failed:\n${result.errors.join("\n")}`);
}
