/** The content itself: every real seed in seeds/ must parse, so no article is ever dropped. */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { parseSiteConfig } from "../../src/config";
import { formatSeedError } from "../../src/content/article";
import { buildArchive } from "../../src/content/build-archive";
import { parseArticle } from "../../src/content/parse-article";

const seeds = Object.entries(
  import.meta.glob<string>("../../seeds/*.txt", { query: "?raw", import: "default", eager: true }),
).map(([path, text]) => ({ file: path.replace("../../", ""), text }));
const { timeZone } = parseSiteConfig(env as Record<string, unknown>).config;

describe("the seeds in seeds/", () => {
  it("are there", () => {
    expect(seeds.length).toBeGreaterThan(0);
  });

  it.each(seeds)("$file parses", ({ file, text }) => {
    const result = parseArticle(text, file, { timeZone });
    expect(result.ok ? [] : result.errors.map(formatSeedError)).toEqual([]);
  });

  it("form an archive with unique ids and slugs", () => {
    const result = buildArchive(seeds, { timeZone });
    expect(result.ok ? [] : result.errors.map(formatSeedError)).toEqual([]);
    const articles = result.ok ? result.articles : [];
    expect(new Set(articles.map((article) => article.slug)).size).toBe(seeds.length);
  });
});
