/**
 * Article text is shown literally everywhere and never becomes markup: the HTML pages (read back
 * with workerd's HTMLRewriter), RSS and Atom (feedsmith and a strict XML check) and JSON Feed.
 */
import { decodeHTML } from "entities";
import fc from "fast-check";
import { XMLValidator } from "fast-xml-parser";
import { parseAtomFeed, parseRssFeed } from "feedsmith";
import { describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import type { Article } from "../src/content/article";
import { buildArchive } from "../src/content/build-archive";
import { paragraphTexts } from "./feeds/round-trip";
import { hostileLine, runs } from "./fixtures/fuzz";
import { HOSTILE_TEXT, seedText } from "./fixtures/seeds";
import { memoryArchive } from "./fixtures/synthetic-archive";

// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters to find.
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const PAGE_TAGS = new Set(
  "html head meta title link style body header main footer a h1 h2 p ol ul li time article aside span nav".split(
    " ",
  ),
);

/** One article with `line` in every text field (cleaned as the parser cleans). */
function articleWith(line: string): Article {
  // The byline's own syntax (`/`, `Source:`, source separators) is taken out of the text there.
  const bylineSafe = line.replace(/\//g, "").replace(/sources?:/gi, "");
  const text = seedText(
    `T ${line}`,
    `${line} Photo: ${line}`,
    "August 28, 2024 Hour: 9:04 am",
    `L ${line}`,
    `B ${line}`,
    "RELATED:",
    `R ${line}`,
    `P ${bylineSafe.slice(0, 40)}/ A ${bylineSafe} Source: S ${bylineSafe.replace(/[–—,-]/g, "")}`,
  );
  const archive = buildArchive([{ file: "seeds/000_aaaaaaaaaaaaaaaa.txt", text }], { timeZone: "UTC" });
  if (!archive.ok) throw new Error(`the test seed did not parse: ${JSON.stringify(archive.errors)}`);
  return archive.articles[0] as Article;
}

async function fetchAll(article: Article) {
  const app = createApp({ archive: () => memoryArchive([article]).archive });
  const get = async (path: string) => {
    const response = await app.fetch(new Request(`https://news.example.com${path}`), {});
    return response.text();
  };
  return {
    page: await get(`/articles/${article.id}/${article.slug}`),
    index: await get("/"),
    rss: await get("/feed.xml"),
    atom: await get("/atom.xml"),
    json: await get("/feed.json"),
  };
}

/** The tags and the decoded text of selected elements of a page, as a browser's parser sees them. */
async function readPage(
  html: string,
): Promise<{ tags: Set<string>; texts: Map<string, string>; attributes: string[] }> {
  const tags = new Set<string>();
  const texts = new Map<string, string>();
  const attributes: string[] = [];
  const collect = (selector: string) => ({
    text(chunk: Text) {
      texts.set(selector, (texts.get(selector) ?? "") + chunk.text);
    },
  });
  await new HTMLRewriter()
    .on("*", {
      element(element) {
        tags.add(element.tagName);
        for (const [name] of element.attributes) attributes.push(name ?? "");
      },
    })
    .on("h1", collect("h1"))
    .on("p.lede", collect("p.lede"))
    .on("aside li", collect("aside li"))
    .transform(new Response(html))
    .text();
  return { tags, texts: new Map([...texts].map(([key, value]) => [key, decodeHTML(value)])), attributes };
}

async function expectLiteralEverywhere(article: Article): Promise<void> {
  const outputs = await fetchAll(article);
  for (const [name, output] of Object.entries(outputs)) {
    expect(output, name).not.toMatch(XML_FORBIDDEN);
  }

  const page = await readPage(outputs.page);
  for (const tag of page.tags) expect(PAGE_TAGS, `unexpected <${tag}>`).toContain(tag);
  for (const attribute of page.attributes) expect(attribute).not.toMatch(/^on/i);
  expect(page.texts.get("h1")).toBe(article.title);
  expect(page.texts.get("p.lede")).toBe(article.lede);
  expect(page.texts.get("aside li")).toBe(article.related[0]?.headline);
  const index = await readPage(outputs.index);
  for (const tag of index.tags) expect(PAGE_TAGS, `unexpected <${tag}> on the index`).toContain(tag);

  for (const xml of [outputs.rss, outputs.atom]) expect(XMLValidator.validate(xml)).toBe(true);
  const item = parseRssFeed(outputs.rss).items?.[0];
  expect(item?.title).toBe(article.title);
  expect(decodeHTML(item?.description ?? "")).toBe(article.lede);
  expect(item?.dc?.creators).toEqual([article.byline.author ?? article.byline.publisher]);
  const entry = parseAtomFeed(outputs.atom).entries?.[0];
  expect(decodeHTML(entry?.title?.value ?? "")).toBe(article.title);
  expect(decodeHTML(entry?.summary?.value ?? "")).toBe(article.lede);
  // The content is the whole article; each body paragraph and the related headline come out literally.
  expect(paragraphTexts(entry?.content?.value ?? "")).toEqual(
    expect.arrayContaining([...article.body, `Related: ${article.related[0]?.headline}`]),
  );

  const json = JSON.parse(outputs.json).items[0];
  expect(json.title).toBe(article.title);
  expect(json.summary).toBe(article.lede);
  expect(json._wirefeed.related).toEqual([article.related[0]?.headline]);
  // Only our own markup: paragraphs, the caption's emphasis, links to our own pages.
  expect(json.content_html).not.toMatch(/<(?!\/?(p|em|a)>|a href="https:\/\/news\.example\.com\/[^"<>]*">)/);
}

describe("hostile article text", () => {
  it("shows <script>, <img onerror>, &, quotes and ]]> literally in every output", async () => {
    const article = articleWith(HOSTILE_TEXT);
    expect(article.title).toContain("<script>");
    await expectLiteralEverywhere(article);
  });

  it("shows any generated text literally in every output", async () => {
    await fc.assert(
      fc.asyncProperty(hostileLine, async (line) => {
        await expectLiteralEverywhere(articleWith(line));
      }),
      { numRuns: runs(150) },
    );
  });
});
