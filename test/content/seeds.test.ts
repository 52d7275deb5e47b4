/** The content itself: every real seed in seeds/ must parse, so no article is ever dropped. */
import { describe, expect, it } from "vitest";
import { formatSeedError } from "../../src/content/article";
import { buildArchive } from "../../src/content/build-archive";
import { parseArticle } from "../../src/content/parse-article";
import { REAL_SEEDS, TIME_ZONE } from "../fixtures/real-seeds";

describe("the seeds in seeds/", () => {
  it("are there", () => {
    expect(REAL_SEEDS.length).toBeGreaterThan(0);
  });

  it.each(REAL_SEEDS)("$file parses", ({ file, text }) => {
    const result = parseArticle(text, file, { timeZone: TIME_ZONE });
    expect(result.ok ? [] : result.errors.map(formatSeedError)).toEqual([]);
  });

  it("form an archive with unique ids and slugs", () => {
    const result = buildArchive(REAL_SEEDS, { timeZone: TIME_ZONE });
    expect(result.ok ? [] : result.errors.map(formatSeedError)).toEqual([]);
    const articles = result.ok ? result.articles : [];
    expect(new Set(articles.map((article) => article.slug)).size).toBe(REAL_SEEDS.length);
  });
});
