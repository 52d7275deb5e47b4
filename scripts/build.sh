#!/bin/sh
# wrangler's [build] command: the content build (scripts/build.mjs), unless `npm run dev`'s watcher
# is running. The watcher builds every change itself, faster; wrangler runs this on each of its
# rebuilds, and starting Node only to find that out would delay every reload by about 0.1 s.
cd "$(dirname "$0")/.." || exit 1
if [ "$WIREFEED_DEV_WATCHER" = 1 ] && kill -0 "$(cat .wirefeed/watcher.pid 2>/dev/null)" 2>/dev/null; then
  echo "wirefeed: npm run dev's watcher builds the content"
else
  exec node scripts/build.mjs
fi
