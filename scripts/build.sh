#!/bin/sh
# wrangler's [build] command: the content build (scripts/build.mjs), unless `npm run dev`'s watcher
# is running. The watcher builds every change itself, faster: starting Node only to find that out
# would delay every reload by about 0.1 s. wrangler watches seeds/ too, and runs this for the same
# change the watcher is building: waiting for it (see watcherBusyFile in content-watch.ts) makes
# the one reload that follows carry the change, instead of one reload without it and one with.
cd "$(dirname "$0")/.." || exit 1
watcher=$(cat .wirefeed/watcher.pid 2>/dev/null)
if [ "$WIREFEED_DEV_WATCHER" = 1 ] && kill -0 "$watcher" 2>/dev/null; then
  sleep 0.05 # the watcher hears of a change about when wrangler does
  waited=0
  while [ -e .wirefeed/watcher.busy ] && [ "$waited" -lt 600 ] && kill -0 "$watcher" 2>/dev/null; do
    sleep 0.05
    waited=$((waited + 1))
  done
  echo "wirefeed: npm run dev's watcher builds the content"
else
  exec node scripts/build.mjs
fi
