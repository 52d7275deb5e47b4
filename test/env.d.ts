// Types for the test pool: the Worker under test is src/index.ts, so `exports.default` is its fetch.
declare namespace Cloudflare {
  interface GlobalProps {
    mainModule: typeof import("../src/index");
  }
}
