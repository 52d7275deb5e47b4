import { describe, expect, it } from "vitest";
import { isNotModified, parseHttpDate } from "../../src/http/conditional";

const current = { etag: '"abc123"', lastModified: "Wed, 28 Aug 2024 13:04:00 GMT" };
const before = "Wed, 28 Aug 2024 13:03:59 GMT";
const after = "Wed, 28 Aug 2024 13:04:01 GMT";

describe("isNotModified", () => {
  it.each([
    { name: "no validators", ifNoneMatch: null, ifModifiedSince: null, out: false },
    { name: "the same tag", ifNoneMatch: '"abc123"', ifModifiedSince: null, out: true },
    { name: "the tag sent as weak", ifNoneMatch: 'W/"abc123"', ifModifiedSince: null, out: true },
    { name: "a list holding the tag", ifNoneMatch: '"x", W/"abc123" ,"y"', ifModifiedSince: null, out: true },
    { name: "a list without the tag", ifNoneMatch: '"x", "y"', ifModifiedSince: null, out: false },
    { name: "*", ifNoneMatch: "*", ifModifiedSince: null, out: true },
    { name: "an unquoted tag", ifNoneMatch: "abc123", ifModifiedSince: null, out: false },
    { name: "a prefix of the tag", ifNoneMatch: '"abc"', ifModifiedSince: null, out: false },
    { name: "the exact Last-Modified", ifNoneMatch: null, ifModifiedSince: current.lastModified, out: true },
    { name: "a later date", ifNoneMatch: null, ifModifiedSince: after, out: true },
    { name: "an earlier date", ifNoneMatch: null, ifModifiedSince: before, out: false },
    { name: "an invalid date", ifNoneMatch: null, ifModifiedSince: "yesterday", out: false },
    { name: "a bare number as date", ifNoneMatch: null, ifModifiedSince: "2030", out: false },
    { name: "a stale tag with a fresh date", ifNoneMatch: '"old"', ifModifiedSince: after, out: false },
    { name: "a matching tag with an old date", ifNoneMatch: '"abc123"', ifModifiedSince: before, out: true },
  ])("$name: $out", ({ ifNoneMatch, ifModifiedSince, out }) => {
    expect(isNotModified({ ifNoneMatch, ifModifiedSince }, current)).toBe(out);
  });
});

describe("parseHttpDate", () => {
  const ms = Date.UTC(1994, 10, 6, 8, 49, 37);
  it.each([
    { input: "Sun, 06 Nov 1994 08:49:37 GMT", out: ms },
    { input: "Sunday, 06-Nov-94 08:49:37 GMT", out: ms },
    { input: "Sun Nov  6 08:49:37 1994", out: ms },
    { input: "1994-11-06T08:49:37Z", out: null },
    { input: "Sun, 06 Nov 1994 08:49:37 +0000", out: null },
    { input: "", out: null },
  ])("$input", ({ input, out }) => {
    expect(parseHttpDate(input)).toBe(out);
  });
});
