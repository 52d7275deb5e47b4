import { describe, expect, it } from "vitest";
import { idFromFileName, slugify } from "../../src/content/identity";

describe("slugify", () => {
  it.each([
    {
      input: "Presidents Putin and Aliyev Prepare a Peace Treaty Between Armenia and Azerbaijan",
      out: "presidents-putin-and-aliyev-prepare-a-peace-treaty-between-armenia-and-azerbaijan",
    },
    {
      input: "Café Owners in São Paulo: 12:30 pm Protest!",
      out: "cafe-owners-in-sao-paulo-12-30-pm-protest",
    },
    { input: "Kremlin’s “Statement” — Analysis", out: "kremlins-statement-analysis" },
    { input: "  ¿Qué pasó?  ", out: "que-paso" },
    { input: "Москва", out: "" },
    { input: `${"word ".repeat(30)}end`, out: "word-".repeat(20).slice(0, 99) },
  ])("$input", ({ input, out }) => {
    expect(slugify(input)).toBe(out);
  });
});

describe("idFromFileName", () => {
  it.each([
    { input: "000_eb764ef8279581fd.txt", out: "eb764ef8279581fd" },
    { input: "123_EB764EF8.txt", out: "eb764ef8" },
    { input: "my-article.txt", out: "my-article" },
    { input: "draft (copy).txt", out: null },
    { input: ".txt", out: null },
  ])("$input", ({ input, out }) => {
    expect(idFromFileName(input)).toBe(out);
  });
});
