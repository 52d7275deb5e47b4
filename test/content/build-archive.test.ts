import { describe, expect, it } from "vitest";
import { formatSeedError } from "../../src/content/article";
import { buildArchive } from "../../src/content/build-archive";
import { seedText } from "../fixtures/seeds";

const UTC = { timeZone: "UTC" };

function seed(file: string, title: string, dateline: string) {
  return { file, text: seedText(title, dateline, "The lede.", "teleSUR/ JF") };
}

describe("buildArchive", () => {
  it("orders articles newest first whatever the file order", () => {
    const seeds = [
      seed("seeds/1_aaaaaaaa.txt", "Old", "January 1, 2024 Hour: 9:00 am"),
      seed("seeds/2_bbbbbbbb.txt", "New", "March 1, 2024 Hour: 9:00 am"),
      seed("seeds/3_cccccccc.txt", "Middle", "February 1, 2024 Hour: 9:00 am"),
    ];
    for (const order of [seeds, [...seeds].reverse()]) {
      const result = buildArchive(order, UTC);
      expect(result.ok && result.articles.map((article) => article.title)).toEqual(["New", "Middle", "Old"]);
    }
  });

  it("breaks ties between equal datelines by id", () => {
    const result = buildArchive(
      [
        seed("seeds/1_ffffffff.txt", "F", "January 1, 2024 Hour: 9:00 am"),
        seed("seeds/2_aaaaaaaa.txt", "A", "January 1, 2024 Hour: 9:00 am"),
      ],
      UTC,
    );
    expect(result.ok && result.articles.map((article) => article.id)).toEqual(["aaaaaaaa", "ffffffff"]);
  });

  it("keeps the plain slug for the oldest of several equal titles and suffixes the rest by id", () => {
    const seeds = [
      seed("seeds/1_bbbbbbbb11.txt", "Same Title", "March 1, 2024 Hour: 9:00 am"),
      seed("seeds/2_aaaaaaaa22.txt", "Same Title", "January 1, 2024 Hour: 9:00 am"),
      seed("seeds/3_cccccccc33.txt", "Same Title!", "February 1, 2024 Hour: 9:00 am"),
    ];
    const slugs = (input: typeof seeds) => {
      const result = buildArchive(input, UTC);
      return result.ok
        ? Object.fromEntries(result.articles.map((article) => [article.id, article.slug]))
        : {};
    };
    expect(slugs(seeds)).toEqual({
      aaaaaaaa22: "same-title",
      cccccccc33: "same-title-cccccccc",
      bbbbbbbb11: "same-title-bbbbbbbb",
    });
    expect(slugs([...seeds].reverse())).toEqual(slugs(seeds));
  });

  it("gives a title with no ASCII letters the slug 'article'", () => {
    const result = buildArchive(
      [seed("seeds/1_aaaaaaaa.txt", "Москва", "January 1, 2024 Hour: 9:00 am")],
      UTC,
    );
    expect(result.ok && result.articles[0]?.slug).toBe("article");
  });

  it("reports two seeds with the same id, naming both files", () => {
    const result = buildArchive(
      [
        seed("seeds/000_eb764ef8279581fd.txt", "One", "January 1, 2024 Hour: 9:00 am"),
        seed("seeds/001_eb764ef8279581fd.txt", "Two", "January 2, 2024 Hour: 9:00 am"),
      ],
      UTC,
    );
    expect(result.ok ? [] : result.errors.map(formatSeedError)).toEqual([
      'seeds/001_eb764ef8279581fd.txt:1: id "eb764ef8279581fd" is already used by seeds/000_eb764ef8279581fd.txt',
    ]);
  });

  it("fails the whole archive when any seed is bad, reporting every error", () => {
    const result = buildArchive(
      [
        seed("seeds/1_aaaaaaaa.txt", "Good", "January 1, 2024 Hour: 9:00 am"),
        seed("seeds/2_bbbbbbbb.txt", "Bad date", "February 30, 2024 Hour: 9:00 am"),
        { file: "seeds/3_cccccccc.txt", text: "" },
      ],
      UTC,
    );
    expect(result.ok ? [] : result.errors.map(formatSeedError)).toEqual([
      'seeds/2_bbbbbbbb.txt:3: dateline "February 30, 2024 Hour: 9:00 am" is not a real date',
      "seeds/3_cccccccc.txt:1: seed is empty",
    ]);
  });
});
