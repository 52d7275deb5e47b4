import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

// Tests run inside workerd against the real Worker (wrangler.toml). The pool does not run
// wrangler's [build] command, so the global setup builds src/generated/ from seeds/ first.
export default defineConfig({
  plugins: [cloudflareTest({ wrangler: { configPath: "./wrangler.toml" } })],
  test: {
    globalSetup: ["./test/global-setup.ts"],
  },
});
