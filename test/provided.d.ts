// What vitest.config.ts provides to tests through inject().
import "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    fuzzScale: number;
  }
}
