import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

// Two projects: the Worker and everything it imports run inside workerd against the real Worker
// (wrangler.toml); the Node-side content build runs in Node, where it reads and writes files.
// The pool does not run wrangler's [build] command, so the global setup builds the content first.
export default defineConfig({
  test: {
    globalSetup: ["./test/global-setup.ts"],
    // Property tests run this many times their base count: WIREFEED_FUZZ_SCALE=20 npm test.
    provide: { fuzzScale: Number(process.env.WIREFEED_FUZZ_SCALE ?? 1) },
    projects: [
      {
        extends: true,
        plugins: [cloudflareTest({ wrangler: { configPath: "./wrangler.toml" } })],
        test: { name: "worker", include: ["test/**/*.test.ts"], exclude: ["test/scripts/**"] },
      },
      {
        extends: true,
        test: { name: "scripts", include: ["test/scripts/**/*.test.ts"], environment: "node" },
      },
    ],
  },
});
