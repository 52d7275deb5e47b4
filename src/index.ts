/**
 * The wirefeed Worker: the app (routes in src/app.ts) over the archive the content build wrote
 * as static assets, read through the ASSETS binding. The bundle holds only the archive's
 * manifest, so startup costs the same for one article as for a hundred thousand.
 */

import { createApp } from "./app";
import { type Archive, assetArchive } from "./archive/archive";
import { MANIFEST } from "./generated/manifest";

const archives = new WeakMap<object, Archive>();

export default createApp({
  archive(env) {
    const assets = env.ASSETS as Fetcher | undefined;
    if (!assets) throw new Error("the ASSETS binding is missing: see [assets] in wrangler.toml");
    let archive = archives.get(assets);
    if (!archive) {
      archive = assetArchive((path) => assets.fetch(new Request(`https://assets.invalid${path}`)), MANIFEST);
      archives.set(assets, archive);
    }
    return archive;
  },
});
