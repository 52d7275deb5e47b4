import { describe, expect, it } from "vitest";
import { CHUNK_SIZE, slugShard } from "../../src/archive/layout";
import { packArchive } from "../../src/archive/pack-archive";
import { memoryArchive, syntheticArticles } from "../fixtures/synthetic-archive";

const ARTICLES = syntheticArticles(1200);

describe("packArchive", () => {
  it("writes a manifest of a few numbers and chunk and slug files", () => {
    const { manifest, files } = packArchive(ARTICLES);
    expect(manifest).toEqual({
      articleCount: 1200,
      chunkSize: CHUNK_SIZE,
      slugShardCount: 3,
      newestPublished: ARTICLES[0]?.published,
    });
    expect([...files.keys()].filter((path) => path.startsWith("/chunks/"))).toHaveLength(1200 / CHUNK_SIZE);
    expect([...files.keys()].filter((path) => path.startsWith("/slugs/"))).toHaveLength(3);
  });

  it("changes only the newest chunk when an article is published", () => {
    const before = packArchive(ARTICLES.slice(1)).files;
    const after = packArchive(ARTICLES).files;
    const changed = [...after.keys()].filter(
      (path) => path.startsWith("/chunks/") && before.get(path) !== after.get(path),
    );
    expect(changed).toEqual([`/chunks/${Math.floor(1199 / CHUNK_SIZE)}.json`]);
  });
});

describe("slugShard", () => {
  it("spreads slugs over every shard", () => {
    const counts = new Array(4).fill(0);
    for (const article of ARTICLES) counts[slugShard(article.slug, 4)]++;
    for (const count of counts) expect(count).toBeGreaterThan(200);
  });
});

describe("assetArchive", () => {
  it("reads any range of newest-first positions, across chunk boundaries", async () => {
    const { archive } = memoryArchive(ARTICLES);
    expect(archive.count).toBe(1200);
    expect(archive.newestPublished).toBe(ARTICLES[0]?.published);
    for (const [start, end] of [
      [0, 50],
      [20, 31],
      [1150, 1200],
      [1190, 1250],
      [5000, 5050],
    ] as const) {
      expect((await archive.newest(start, end)).map((article) => article.id)).toEqual(
        ARTICLES.slice(start, end).map((article) => article.id),
      );
    }
  });

  it("finds every article by slug, and nothing for an unknown slug", async () => {
    const { archive } = memoryArchive(ARTICLES);
    for (const article of ARTICLES) expect((await archive.find(article.slug))?.id).toBe(article.id);
    expect(await archive.find("no-such-article")).toBeUndefined();
    expect(await archive.find("__proto__")).toBeUndefined();
    expect(await archive.find("constructor")).toBeUndefined();
  });

  it("fetches only the chunks a page needs, and each only once", async () => {
    const { archive, fetched } = memoryArchive(ARTICLES);
    await archive.newest(0, 50);
    expect(fetched).toHaveLength(Math.ceil(50 / CHUNK_SIZE));
    await archive.newest(0, 50);
    expect(fetched).toHaveLength(Math.ceil(50 / CHUNK_SIZE));
  });

  it("reads an empty archive", async () => {
    const { archive } = memoryArchive([]);
    expect(archive.count).toBe(0);
    expect(archive.newestPublished).toBeNull();
    expect(await archive.newest(0, 50)).toEqual([]);
    expect(await archive.find("anything")).toBeUndefined();
  });
});
