import { describe, expect, it } from "vitest";
import { ArchiveUnavailableError, type AssetFetcher } from "../../src/archive/archive";
import { bytesHash, CHUNK_SIZE, contentHash, HASH_LENGTH, shardOf } from "../../src/archive/layout";
import { lineLayout, packArchive } from "../../src/archive/pack-archive";
import type { Article, StoredArticle } from "../../src/content/article";
import { storedArticle } from "../../src/content/body-html";
import { bodyBreaks } from "../fixtures/feed-input";
import { memoryArchive, syntheticArticles, TEST_EXTRAS } from "../fixtures/synthetic-archive";

const ARTICLES = syntheticArticles(1200);
const REDIRECTS = [{ path: "/articles/an-old-url", id: ARTICLES[5]?.id ?? "", line: 3 }];

const chunkPaths = (files: Map<string, unknown>) =>
  [...files.keys()].filter((path) => path.startsWith("/chunks/"));

describe("contentHash", () => {
  it.each([
    // The first eight digits are FNV-1a 32 of the text, whose published test vectors these are.
    { input: "", first8: "811c9dc5" },
    { input: "a", first8: "e40c292c" },
    { input: "foobar", first8: "bf9cf968" },
  ])("hashes $input to $first8...", ({ input, first8 }) => {
    expect(contentHash(input)).toHaveLength(HASH_LENGTH);
    expect(contentHash(input).slice(0, 8)).toBe(first8);
    // bytesHash reads bytes as code units: the same digits for ASCII text.
    expect(bytesHash(new TextEncoder().encode(input))).toBe(contentHash(input));
  });

  it("tells apart texts that differ in one character", () => {
    expect(contentHash('{"a":1}')).not.toBe(contentHash('{"a":2}'));
  });
});

describe("packArchive", () => {
  it("writes a manifest naming every chunk and shard by its content hash", () => {
    const { manifest, files } = packArchive(ARTICLES, REDIRECTS, TEST_EXTRAS);
    expect(manifest.articleCount).toBe(1200);
    expect(manifest.chunkSize).toBe(CHUNK_SIZE);
    expect(manifest.chunkHashes).toHaveLength((1200 / CHUNK_SIZE) * HASH_LENGTH);
    expect(manifest.shardHashes).toHaveLength(3 * HASH_LENGTH);
    expect(manifest.seedsChanged).toBe(Date.UTC(2024, 8, 2, 10, 0));
    expect(manifest.codeChanged).toBe(Date.UTC(2024, 8, 1, 8, 0));
    const chunks = chunkPaths(files);
    expect(chunks).toHaveLength(48);
    expect(chunks[0]).toBe(`/chunks/0.${manifest.chunkHashes.slice(0, HASH_LENGTH)}.jsonl`);
    // JSON Lines: the header, then one article a line, oldest first; hashed after the header.
    const text = new TextDecoder().decode(files.get(chunks[0] ?? ""));
    const [header = "", ...lines] = text.split("\n");
    expect(Object.keys(JSON.parse(header))).toEqual(["hash", "lines"]);
    expect(JSON.parse(header).hash).toBe(manifest.chunkHashes.slice(0, HASH_LENGTH));
    expect(JSON.parse(header).hash).toBe(bytesHash(new TextEncoder().encode(text.slice(header.length))));
    // Each line's layout: its length, its HTML's place, where its paragraphs after the first start.
    expect(JSON.parse(header).lines).toEqual(lines.map(expectedLayout));
    expect(lines.map((line) => JSON.parse(line).id)).toEqual(
      ARTICLES.slice(-25)
        .reverse()
        .map((article) => article.id),
    );
    expect([...files.keys()].filter((path) => path.startsWith("/lookup/"))).toHaveLength(3);
  });

  it("renames only the newest chunk when an article is published, so the rest are not uploaded again", () => {
    const before = chunkPaths(packArchive(ARTICLES.slice(1), [], TEST_EXTRAS).files);
    const after = chunkPaths(packArchive(ARTICLES, [], TEST_EXTRAS).files);
    expect(before.filter((path) => !after.includes(path))).toEqual([
      expect.stringMatching(/^\/chunks\/47\./),
    ]);
    expect(after.filter((path) => !before.includes(path))).toEqual([
      expect.stringMatching(/^\/chunks\/47\./),
    ]);
  });
});

describe("lineLayout", () => {
  const bytes = (text: string) => new TextEncoder().encode(text);
  it.each([
    { parts: ['{"id":"a","html":"<p>x</p><p>y</p>","related":[]}'], layout: [49, 18, 34, 8] },
    { parts: ['{"id":"a","html":"","b":1}'], layout: [26, 18, 18] },
    // Bytes, not characters; the HTML in a later part.
    { parts: ['{"id":"a"', ',"html":"<p>é</p>","b":1}'], layout: [35, 18, 27] },
    // Only a key has bare quotes: the text of a title is no key.
    { parts: ['{"title":"say ,\\"html\\":\\" no","html":"<p>x</p>","b":1}'], layout: [55, 39, 47] },
    // Not where the build writes it: the line is read whole.
    { parts: ['{"html":"<p>x</p>","id":"a"}'], layout: [28] },
    { parts: ['{"id":"a","ht', 'ml":"<p>x</p>","b":1}'], layout: [34] },
  ])("$parts: $layout", ({ parts, layout }) => {
    expect(lineLayout(parts.map(bytes))).toEqual(layout);
  });
});

describe("shardOf", () => {
  it("spreads ids over every shard", () => {
    const counts = new Array(4).fill(0);
    for (const article of ARTICLES) counts[shardOf(article.id, 4)]++;
    for (const count of counts) expect(count).toBeGreaterThan(200);
  });
});

/**
 * Serves the packed files, the article lines of the newest chunk (47, oldest first) changed by
 * `change`, and its header laid out again for them, as a build would have written the file; or
 * with `{ header: "kept" }`, left as it was, so that it no longer describes the lines.
 */
const newestChunkRewritten =
  (change: (lines: string[]) => void, { header = "laid out again" } = {}) =>
  (files: ReadonlyMap<string, string | Uint8Array>): AssetFetcher =>
  async (path) => {
    const content = files.get(path) ?? "";
    const text = typeof content === "string" ? content : new TextDecoder().decode(content);
    if (!path.startsWith("/chunks/47.")) return new Response(text);
    const [first = "", ...lines] = text.split("\n");
    change(lines);
    const encoder = new TextEncoder();
    const { hash } = JSON.parse(first);
    const relaid = JSON.stringify({ hash, lines: lines.map((line) => lineLayout([encoder.encode(line)])) });
    return new Response([header === "kept" ? first : relaid, ...lines].join("\n"));
  };

/**
 * The layout a line should have, found another way than the build's: from the text before its
 * HTML's key and the HTML as its article stores it, measured in UTF-8 bytes.
 */
function expectedLayout(line: string): number[] {
  const bytes = (text: string) => new TextEncoder().encode(text).byteLength;
  const html = (JSON.parse(line) as StoredArticle).html;
  const start = bytes(line.slice(0, line.indexOf(',"html":"'))) + ',"html":"'.length;
  const paragraphs = html.split("</p>").slice(0, -2);
  const breaks = paragraphs.map((_, i) => bytes(`${paragraphs.slice(0, i + 1).join("</p>")}</p>`));
  return [bytes(line), start, start + bytes(html), ...breaks];
}

/** Ranges of newest-first positions: within a chunk, across chunks, past the end, all past it. */
const RANGES = [
  [0, 50],
  [20, 31],
  [1150, 1200],
  [1190, 1250],
  [5000, 5050],
] as const;

describe("assetArchive", () => {
  it("reads any range of newest-first positions, across chunk boundaries", async () => {
    const { archive } = memoryArchive(ARTICLES);
    for (const [start, end] of RANGES) {
      expect((await archive.newest(start, end)).map((article) => article.id)).toEqual(
        ARTICLES.slice(start, end).map((article) => article.id),
      );
    }
  });

  it("finds every article by id, and nothing for an unknown one", async () => {
    const { archive } = memoryArchive(ARTICLES, { redirects: REDIRECTS });
    for (const article of ARTICLES) expect((await archive.byId(article.id))?.id).toBe(article.id);
    for (const unknown of ["no-such-article", "__proto__", "constructor", "/articles/an-old-url", ""]) {
      expect(await archive.byId(unknown), unknown).toBeUndefined();
    }
  });

  it("finds the article a redirected path leads to, and nothing for an id", async () => {
    const { archive } = memoryArchive(ARTICLES, { redirects: REDIRECTS });
    expect((await archive.redirected("/articles/an-old-url"))?.id).toBe(ARTICLES[5]?.id);
    expect(await archive.redirected("/articles/another-url")).toBeUndefined();
    expect(await archive.redirected(ARTICLES[5]?.id ?? "")).toBeUndefined();
  });

  it("fetches only the chunks a page needs, and each only once", async () => {
    const { archive, fetched } = memoryArchive(ARTICLES);
    await archive.newest(0, 50);
    expect(fetched).toEqual([
      expect.stringMatching(/^\/chunks\/47\./),
      expect.stringMatching(/^\/chunks\/46\./),
    ]);
    await archive.newest(0, 50);
    expect(fetched).toHaveLength(2);
  });

  it("parses only the line of the article asked for: a bad line fails the pages that show it", async () => {
    // ARTICLES[0] is the newest: the last line of chunk 47. Spoil the line before it.
    const { archive } = memoryArchive(ARTICLES, {
      fetcher: newestChunkRewritten((lines) => {
        lines[lines.length - 2] = "{";
      }),
    });
    expect((await archive.byId(ARTICLES[0]?.id ?? ""))?.id).toBe(ARTICLES[0]?.id);
    await expect(archive.byId(ARTICLES[1]?.id ?? "")).rejects.toThrow(ArchiveUnavailableError);
    await expect(archive.newest(0, 2)).rejects.toThrow(ArchiveUnavailableError);
    expect((await archive.newest(2, 25)).map((article) => article.id)).toEqual(
      ARTICLES.slice(2, 25).map((article) => article.id),
    );
  });

  it("lists what a list shows of any range, as the articles have it", async () => {
    const { archive } = memoryArchive(ARTICLES);
    for (const [start, end] of RANGES) {
      expect(await archive.newestSummaries(start, end)).toEqual(
        ARTICLES.slice(start, end).map(({ id, slug, title, published, lede }) => ({
          id,
          slug,
          title,
          published,
          lede,
        })),
      );
    }
  });

  it("parses a summary anew each time, from the chunk it keeps: a kept summary waits in the heap", async () => {
    const { archive, fetched } = memoryArchive(ARTICLES);
    const [first] = await archive.newestSummaries(0, 1);
    const [again] = await archive.newestSummaries(0, 1);
    expect(again).toEqual(first);
    expect(again).not.toBe(first);
    expect(fetched).toHaveLength(1);
  });

  it("lists an article from the start of its line: a body that cannot be read fails its page only", async () => {
    // The newest is the last line of chunk 47. Spoil the JSON after its body, not its summary,
    // whose < (the body's HTML starts with one) must not be taken for the body's.
    const title = "Ministers <updated> meet";
    const lede = 'Talks "resume" <p>in Baku</p>, the ministry said.';
    const articles = ARTICLES.map((article, i) => (i === 0 ? { ...article, title, lede } : article));
    const { archive } = memoryArchive(articles, {
      fetcher: newestChunkRewritten((lines) => {
        lines[lines.length - 1] = (lines[lines.length - 1] ?? "").replace(',"related":[', ',"related":[{');
      }),
    });
    const [summary] = await archive.newestSummaries(0, 1);
    expect(summary).toEqual({
      id: ARTICLES[0]?.id,
      slug: ARTICLES[0]?.slug,
      title,
      published: ARTICLES[0]?.published,
      lede,
    });
    await expect(archive.newest(0, 1)).rejects.toThrow(ArchiveUnavailableError);
    await expect(archive.byId(ARTICLES[0]?.id ?? "")).rejects.toThrow(ArchiveUnavailableError);
  });

  it("reads a feed's articles whole, the body's HTML as the bytes of its line", async () => {
    const title = "Ministers <updated> meet";
    const lede = 'Talks "resume" <p>in Baku</p>, the ministry said.';
    const articles = ARTICLES.map((article, i) => (i === 1 ? { ...article, title, lede } : article));
    const { archive } = memoryArchive(articles);
    for (const [start, end] of RANGES) {
      const read = await archive.newest(start, end);
      expect(
        read.map(({ html, breaks: _, ...rest }) => ({ ...rest, html: new TextDecoder().decode(html) })),
      ).toEqual(articles.slice(start, end).map(storedArticle));
      expect(read.map(({ breaks }) => breaks)).toEqual(
        articles.slice(start, end).map((article) => bodyBreaks(article.body)),
      );
    }
  });

  it("reads a feed's article without a body, and one whose line has no HTML key, from the whole line", async () => {
    // Written by another build, say, with its keys in another order: slower, still right.
    const articles = ARTICLES.slice(0, 30).map((article, i) =>
      i === 0 ? { ...article, body: [] } : article,
    );
    const { archive } = memoryArchive(articles, {
      fetcher: newestChunkRewritten((lines) => {
        lines[lines.length - 2] = (lines[lines.length - 2] ?? "").replace(
          /^\{(.*),("html":"[^"]*")/,
          "{$2,$1",
        );
      }),
    });
    const [bodiless, reordered] = await archive.newest(0, 2);
    expect(bodiless?.html).toEqual(new Uint8Array());
    expect(bodiless?.lede).toBe(articles[0]?.lede);
    expect(new TextDecoder().decode(reordered?.html)).toBe(storedArticle(articles[1] as Article).html);
    expect(reordered?.title).toBe(articles[1]?.title);
  });

  it("lists an article with a lede of thousands of characters", async () => {
    const lede = `${"A lede of many words, “quoted”, in Київ, ".repeat(150)}the end.`;
    const articles = ARTICLES.slice(0, 30).map((article, i) => (i === 3 ? { ...article, lede } : article));
    const { archive } = memoryArchive(articles);
    expect((await archive.newestSummaries(3, 4))[0]?.lede).toBe(lede);
    expect((await archive.newestSummaries(2, 3))[0]?.lede).toBe(articles[2]?.lede);
  });

  it("lists an article from its whole line when the line has no HTML key where the summary ends", async () => {
    // Written by another build, say, with its keys in another order: slower, still right.
    const { archive } = memoryArchive(ARTICLES, {
      fetcher: newestChunkRewritten((lines) => {
        lines.forEach((line, i) => {
          lines[i] = line.replace(',"html":', ',"text":');
        });
      }),
    });
    const [newest, before] = await archive.newestSummaries(0, 2);
    expect(newest?.title).toBe(ARTICLES[0]?.title);
    expect(before?.title).toBe(ARTICLES[1]?.title);
    expect(before?.lede).toBe(ARTICLES[1]?.lede);
  });

  it("fails the pages of the lines its header does not place, and only those", async () => {
    // The line before the newest grows by two spaces (still JSON): the header's lengths no longer fit.
    const { archive } = memoryArchive(ARTICLES, {
      fetcher: newestChunkRewritten(
        (lines) => {
          lines[lines.length - 2] = `${lines[lines.length - 2]}  `;
        },
        { header: "kept" },
      ),
    });
    await expect(archive.byId(ARTICLES[0]?.id ?? "")).rejects.toThrow(ArchiveUnavailableError);
    await expect(archive.byId(ARTICLES[1]?.id ?? "")).rejects.toThrow(ArchiveUnavailableError);
    await expect(archive.newestSummaries(1, 2)).rejects.toThrow(ArchiveUnavailableError);
    expect((await archive.newest(2, 25)).map((article) => article.id)).toEqual(
      ARTICLES.slice(2, 25).map((article) => article.id),
    );
  });

  it("fails a feed and a list of a line whose HTML is not where its header says", async () => {
    // The same length, so the line is where the header says; its HTML's key is not.
    const { archive } = memoryArchive(ARTICLES, {
      fetcher: newestChunkRewritten(
        (lines) => {
          lines[lines.length - 1] = (lines[lines.length - 1] ?? "").replace(',"html":"', ',"HTML":"');
        },
        { header: "kept" },
      ),
    });
    await expect(archive.newest(0, 1)).rejects.toThrow(ArchiveUnavailableError);
    await expect(archive.newestSummaries(0, 1)).rejects.toThrow(ArchiveUnavailableError);
    expect((await archive.newestSummaries(1, 2))[0]?.id).toBe(ARTICLES[1]?.id);
  });

  it("reads an empty archive", async () => {
    const { archive } = memoryArchive([]);
    expect(archive.manifest.articleCount).toBe(0);
    expect(await archive.newest(0, 50)).toEqual([]);
    expect(await archive.byId("anything")).toBeUndefined();
  });
});
