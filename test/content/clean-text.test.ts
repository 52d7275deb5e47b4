/** Prose cleaning: NFC by the fast path or by normalize(), always the same text as normalize() first. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cleanProse } from "../../src/content/clean-text";

describe("cleanProse", () => {
  it.each([
    { input: "  Putin\tand\nAliyev ", expected: "Putin and Aliyev" },
    // Decomposed e + combining acute, composed.
    { input: "Caf\u0065\u0301", expected: "Caf\u00e9" },
    // ANGSTROM SIGN and OHM SIGN are singletons: NFC maps them to Å and Ω.
    { input: "5 \u212b, 3 \u2126", expected: "5 \u00c5, 3 \u03a9" },
    // Hangul jamo compose into a syllable.
    { input: "\u1100\u1161", expected: "\uac00" },
    // Quotes, dashes and Latin-1 letters are NFC already, and stay as they are.
    {
      input: "\u201cNa\u00efve\u201d \u2013 it\u2019s\u2026",
      expected: "\u201cNa\u00efve\u201d \u2013 it\u2019s\u2026",
    },
    // A combining mark after General Punctuation stays (nothing composes with a quote).
    { input: "\u201d\u0301", expected: "\u201d\u0301" },
    // Every run of white space, of any kind, is one plain space; a single space stays.
    { input: "a \u00a0 b\u3000c\r\n\r\nd e", expected: "a b c d e" },
  ])("cleans $input", ({ input, expected }) => {
    expect(cleanProse(input)).toBe(expected);
  });

  it("gives the text normalize() and folding white space give, whatever the mix of characters", () => {
    const alphabet = [
      ..."aeAO  \t\n\u00a0\u3000<=>\u00e9\u00ef\u02bc\u2019\u201c\u2014\u2026\u2044\u0301\u0308\u0338\u1100\u1161\u11a8\u212b\u2126\u0374\u037e\uf900",
    ];
    const text = fc.array(fc.constantFrom(...alphabet), { maxLength: 12 }).map((chars) => chars.join(""));
    fc.assert(
      fc.property(text, (input) => {
        const oracle = input.normalize("NFC").replace(/\s+/g, " ").trim();
        expect(cleanProse(input)).toBe(oracle);
      }),
      { numRuns: 2000 },
    );
  });
});
