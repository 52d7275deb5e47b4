import { describe, expect, it } from "vitest";
import { groupSources, sourceSlug } from "../../src/content/sources";

describe("sourceSlug", () => {
  it.each([
    { input: "Agência Brasil", out: "agencia-brasil" },
    { input: "El País", out: "el-pais" },
    { input: "Al-Mayadeen", out: "al-mayadeen" },
    { input: "EFE", out: "efe" },
    { input: "  Prensa   Latina ", out: "prensa-latina" },
    // No Latin letters: FNV-1a 32 of the name, so it is still a stable ASCII segment.
    { input: "Москва", out: "source-4e00f512" },
  ])("$input -> $out", ({ input, out }) => {
    expect(sourceSlug(input)).toBe(out);
  });
});

describe("groupSources", () => {
  it("folds spellings to one source under the most common, with each article once", () => {
    const articles = [
      { sources: ["Agencia Brasil"] },
      { sources: ["Agência Brasil", "EFE"] },
      { sources: ["Agência Brasil", "agência brasil"] },
      { sources: ["efe"] },
    ];
    expect(groupSources(articles)).toEqual([
      { slug: "agencia-brasil", name: "Agência Brasil", positions: [0, 1, 2] },
      { slug: "efe", name: "EFE", positions: [1, 3] },
    ]);
  });
});
