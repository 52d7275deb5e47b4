/**
 * The wirefeed Worker: the app (routes in src/app.ts) over the archive the content build wrote
 * as static assets, read through the ASSETS binding. The bundle holds only the archive's
 * manifest, so startup costs the same for one article as for a hundred thousand.
 */

import { createApp } from "./app";
import { type Archive, assetArchive } from "./archive/archive";
import { MANIFEST } from "./generated/manifest";
import { warmUp } from "./warm-up";

// A failed warm-up costs only speed: the Worker starts and serves as it would without one.
const warmUpFailed = (error: unknown) => console.warn(`wirefeed: the warm-up failed: ${String(error)}`);
try {
  for (const answer of warmUp()) {
    answer.then((response) => {
      if (response.status !== 200) warmUpFailed(`a sample page answered ${response.status}`);
    }, warmUpFailed);
  }
} catch (error) {
  warmUpFailed(error);
}

const archives = new WeakMap<Fetcher, Archive>();

export default createApp({
  archive({ ASSETS }) {
    let archive = archives.get(ASSETS);
    if (!archive) {
      archive = assetArchive((path) => ASSETS.fetch(new Request(`https://assets.invalid${path}`)), MANIFEST);
      archives.set(ASSETS, archive);
    }
    return archive;
  },
});
