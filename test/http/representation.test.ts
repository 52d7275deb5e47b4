import { describe, expect, it } from "vitest";
import { createRepresentation } from "../../src/http/representation";

describe("createRepresentation", () => {
  it("tags the body with base64url of its SHA-1's first 18 bytes, and dates it from its inputs", async () => {
    // SHA-1("hello") = aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d (Python's hashlib)
    const representation = await createRepresentation("hello", "text/plain", Date.UTC(2024, 8, 2, 10, 0));
    expect(representation.etag).toBe('"qvTGHdzF6KLavt4PO0gs2a6p"');
    expect(representation.lastModified).toBe("Mon, 02 Sep 2024 10:00:00 GMT");
    expect(new TextDecoder().decode(representation.body)).toBe("hello");
  });
});
