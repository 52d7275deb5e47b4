#!/bin/sh
# Runs wrangler with everything that would call home switched off (metrics, error reports, cf lookups).
export WRANGLER_SEND_METRICS=false
export WRANGLER_SEND_ERROR_REPORTS=false
export CLOUDFLARE_CF_FETCH_ENABLED=false
export WRANGLER_HIDE_BANNER=true
exec "$(dirname "$0")/../node_modules/.bin/wrangler" "$@"
