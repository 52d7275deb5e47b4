import { describe, expect, it } from "vitest";
import { createRepresentation } from "../../src/http/representation";

describe("createRepresentation", () => {
  it("tags the body with base64url of its SHA-256's first 18 bytes, and dates it from its inputs", async () => {
    // SHA-256("hello") = 2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824
    const representation = await createRepresentation("hello", "text/plain", Date.UTC(2024, 8, 2, 10, 0));
    expect(representation.etag).toBe('"LPJNul-wow4m6DsqxbninhsW"');
    expect(representation.lastModified).toBe("Mon, 02 Sep 2024 10:00:00 GMT");
    expect(new TextDecoder().decode(representation.body)).toBe("hello");
  });
});
