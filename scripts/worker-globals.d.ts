/**
 * The Workers runtime's types that the build meets when it runs the Worker's app in Node (to
 * prerender pages, src/archive/prerender-pages.ts): only what the app's signatures name.
 */
interface Fetcher {
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
}
type ExecutionContext = import("hono").ExecutionContext;
