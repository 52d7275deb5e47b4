/** Property tests: no seed, however broken, makes the parser throw, hang, or lose its location. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ParsedArticle } from "../../src/content/article";
import { decodeSeed } from "../../src/content/decode-seed";
import { parseArticle } from "../../src/content/parse-article";
import { blockSeparator, datelineLine, runs, seedBlock } from "../fixtures/fuzz";
import { REAL_SEEDS } from "../fixtures/real-seeds";
import { FULL_SEED, seedText } from "../fixtures/seeds";

const FILE = "seeds/000_eb764ef8279581fd.txt";
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters to find.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/;
const RFC_3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;

function textsOf(article: ParsedArticle): string[] {
  return [
    article.title,
    article.lede,
    ...article.body,
    ...article.related.map((related) => related.headline),
    article.byline.publisher,
    article.byline.author ?? "",
    ...article.sources,
    article.photo?.caption ?? "",
    article.photo?.credit ?? "",
  ];
}

/** The contract: an article with clean, well-formed text, or errors that name the file and a real line. */
function expectArticleOrLocatedErrors(text: string): void {
  const result = parseArticle(text, FILE, { timeZone: "America/Caracas" });
  const lineCount = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/).length;
  if (result.ok) {
    expect(result.article.title).not.toBe("");
    expect(result.article.published).toMatch(RFC_3339);
    for (const field of textsOf(result.article)) {
      expect(field).not.toMatch(FORBIDDEN);
      expect(field.isWellFormed()).toBe(true);
    }
  } else {
    expect(result.errors.length).toBeGreaterThan(0);
    for (const error of result.errors) {
      expect(error.file).toBe(FILE);
      expect(error.line).toBeGreaterThanOrEqual(1);
      expect(error.line).toBeLessThanOrEqual(lineCount);
      expect(error.message).not.toBe("");
    }
  }
}

describe("parseArticle on generated seeds", () => {
  it("accepts or locates errors in arbitrary text", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 2000 }), expectArticleOrLocatedErrors), {
      numRuns: runs(300),
    });
  });

  it("accepts or locates errors in seeds with blocks missing, repeated and shuffled", () => {
    fc.assert(
      fc.property(fc.array(seedBlock, { maxLength: 14 }), blockSeparator, (blocks, separator) =>
        expectArticleOrLocatedErrors(blocks.join(separator)),
      ),
      { numRuns: runs(500) },
    );
  });

  it("accepts or locates errors in every dateline variant", () => {
    fc.assert(
      fc.property(datelineLine, (dateline) => {
        expectArticleOrLocatedErrors(seedText("Title", dateline, "The lede.", "teleSUR/ JF"));
      }),
      { numRuns: runs(500) },
    );
  });

  it("accepts or locates errors in mutated real seeds", () => {
    const originals = [...REAL_SEEDS.map((seed) => seed.text), FULL_SEED];
    const mutation = fc.record({
      original: fc.integer({ min: 0, max: originals.length - 1 }),
      cuts: fc.array(fc.tuple(fc.nat(), fc.nat({ max: 400 }), fc.string({ unit: "binary", maxLength: 40 })), {
        maxLength: 6,
      }),
    });
    fc.assert(
      fc.property(mutation, ({ original, cuts }) => {
        let text = originals[original] as string;
        for (const [at, length, insert] of cuts) {
          const start = at % (text.length + 1);
          text = text.slice(0, start) + insert + text.slice(start + length);
        }
        expectArticleOrLocatedErrors(text);
      }),
      { numRuns: runs(500) },
    );
  });

  it("decodes or locates invalid UTF-8 in random bytes, then parses", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        const decoded = decodeSeed(bytes, FILE);
        if (decoded.ok) expectArticleOrLocatedErrors(decoded.text);
        else expect(decoded.error.file).toBe(FILE);
      }),
      { numRuns: runs(300) },
    );
  });
});

describe("parseArticle on extreme seeds", () => {
  it("reports a 10 MB single line as an error at line 1", () => {
    const result = parseArticle("x".repeat(10 * 1024 * 1024), FILE, { timeZone: "UTC" });
    expect(result.ok ? [] : result.errors.map((error) => error.line)).toEqual([1]);
  });

  it("parses a seed whose paragraph is a 10 MB line", () => {
    const long = "word ".repeat(2 * 1024 * 1024);
    const result = parseArticle(
      seedText("Title", "August 28, 2024 Hour: 9:04 am", long, "teleSUR/ JF"),
      FILE,
      {
        timeZone: "UTC",
      },
    );
    expect(result.ok && result.article.lede.length).toBe(long.length - 1);
  });

  it("finds the dateline after 100,000 blank lines", () => {
    const text = `Title${"\n".repeat(100_000)}August 28, 2024 Hour: 9:04 am\n\nThe lede.\n\nteleSUR/ JF`;
    const result = parseArticle(text, FILE, { timeZone: "UTC" });
    expect(result.ok && result.article.published).toBe("2024-08-28T09:04:00+00:00");
  });

  it("locates a missing byline after 100,000 blank lines", () => {
    const text = `Title\n\nAugust 28, 2024 Hour: 9:04 am${"\n".repeat(100_000)}`;
    const result = parseArticle(text, FILE, { timeZone: "UTC" });
    expect(result.ok ? [] : result.errors.map((error) => error.line)).toEqual([3]);
  });

  it("names the line of the first invalid UTF-8 byte", () => {
    const bytes = new TextEncoder().encode("Title\n\nAugust 28, 2024 Hour: 9:04 am\n\nLede ");
    const broken = new Uint8Array([...bytes, 0xc3, 0x28, 0x0a]);
    const result = decodeSeed(broken, FILE);
    expect(result.ok ? null : result.error).toEqual({
      file: FILE,
      line: 5,
      message: "not valid UTF-8: save the seed as UTF-8",
    });
  });
});
