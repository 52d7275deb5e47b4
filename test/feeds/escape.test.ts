/** escapeMarkup: the five markup characters as entities, everything else as it was. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeMarkup } from "../../src/feeds/escape";

describe("escapeMarkup", () => {
  it.each([
    { input: "", expected: "" },
    { input: "Plain words, no markup.", expected: "Plain words, no markup." },
    { input: `Q&A: <b>"x"</b>`, expected: "Q&amp;A: &lt;b&gt;&quot;x&quot;&lt;/b&gt;" },
    { input: "it's 'quoted'", expected: "it&#39;s &#39;quoted&#39;" },
    { input: "&amp; stays text", expected: "&amp;amp; stays text" },
    { input: "<<>>&&", expected: "&lt;&lt;&gt;&gt;&amp;&amp;" },
    { input: "Київ — «naïve» ‘quotes’", expected: "Київ — «naïve» ‘quotes’" },
  ])("escapes $input", ({ input, expected }) => {
    expect(escapeMarkup(input)).toBe(expected);
  });

  it("gives what replacing each character in turn gives, for any text", () => {
    const oracle = (text: string) =>
      text
        .split("&")
        .join("&amp;")
        .split("<")
        .join("&lt;")
        .split(">")
        .join("&gt;")
        .split('"')
        .join("&quot;")
        .split("'")
        .join("&#39;");
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."ab &<>\"';é") }), (text) => {
        expect(escapeMarkup(text)).toBe(oracle(text));
      }),
      { numRuns: 1000 },
    );
  });
});
