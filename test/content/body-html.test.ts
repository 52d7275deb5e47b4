import { describe, expect, it } from "vitest";
import {
  bodyHtml,
  isPortableHtml,
  paragraphBreaks,
  paragraphStart,
  storedArticle,
} from "../../src/content/body-html";
import { syntheticArticles } from "../fixtures/synthetic-archive";

describe("bodyHtml", () => {
  it.each([
    { paragraphs: [], html: "" },
    { paragraphs: ["One."], html: "<p>One.</p>" },
    { paragraphs: ["One.", "Two."], html: "<p>One.</p><p>Two.</p>" },
    { paragraphs: ["Q&A: <b>"], html: "<p>Q&amp;A: &lt;b&gt;</p>" },
    { paragraphs: [`"Yes," he said, 'no'.`], html: "<p>&quot;Yes,&quot; he said, &#39;no&#39;.</p>" },
    { paragraphs: ["C:\\temp\\new"], html: "<p>C:&#92;temp&#92;new</p>" },
    { paragraphs: ["a]]>b"], html: "<p>a]]&gt;b</p>" },
    { paragraphs: ["Київ · 10 °C — “quoted” 😀"], html: "<p>Київ · 10 °C — “quoted” 😀</p>" },
  ])("$paragraphs", ({ paragraphs, html }) => {
    expect(bodyHtml(paragraphs)).toBe(html);
    expect(isPortableHtml(html)).toBe(true);
  });
});

describe("isPortableHtml", () => {
  it.each([
    { html: "<p>plain</p>", portable: true },
    { html: "", portable: true },
    { html: '<p class="x">', portable: false },
    { html: "<p>a\\b</p>", portable: false },
    { html: "<p>a</p>\n<p>b</p>", portable: false },
    { html: "<p>a\tb</p>", portable: false },
    { html: "<p>a]]>b</p>", portable: false },
    { html: "<p>a]]b</p>", portable: true },
  ])("$html: $portable", ({ html, portable }) => {
    expect(isPortableHtml(html)).toBe(portable);
    // Portable means JSON.stringify writes it as it is, quotes around it.
    if (portable) expect(JSON.stringify(html)).toBe(`"${html}"`);
  });
});

describe("paragraphBreaks", () => {
  const bytes = (text: string) => new TextEncoder().encode(text);
  it.each([
    { html: "", breaks: [] },
    { html: "<p>a</p>", breaks: [] },
    { html: "<p>a</p><p>b</p>", breaks: [8] },
    { html: "<p>a</p><p>b</p><p>c</p>", breaks: [8, 16] },
    { html: "<p>24/7 and/or</p><p>b</p>", breaks: [18] },
    // Bytes, not characters: é is two.
    { html: "<p>&lt;p&gt; /</p><p>é/</p><p>c</p>", breaks: [18, 28] },
  ])("$html: $breaks", ({ html, breaks }) => {
    expect(paragraphBreaks(bytes(html))).toEqual(breaks);
  });
});

describe("paragraphStart", () => {
  // "<p>a</p><p>b</p><p>c</p>": 24 bytes, paragraphs after the first at 8 and 16.
  it.each([
    { position: 0, start: 0 },
    { position: 1, start: 8 },
    { position: 2, start: 16 },
    { position: 3, start: 24 },
    { position: 7, start: 24 },
  ])("paragraph $position starts at $start", ({ position, start }) => {
    expect(paragraphStart([8, 16], 24, position)).toBe(start);
  });

  it("puts every position of an empty body at 0", () => {
    expect([0, 1, 2].map((position) => paragraphStart([], 0, position))).toEqual([0, 0, 0]);
  });
});

describe("storedArticle", () => {
  it("puts the body's HTML in the body's place, so the summary still starts the line", () => {
    const [article] = syntheticArticles(1);
    if (!article) throw new Error("no article");
    const stored = storedArticle(article);
    expect(Object.keys(stored)).toEqual(Object.keys(article).map((key) => (key === "body" ? "html" : key)));
    expect(stored.html).toBe(article.body.map((paragraph) => `<p>${paragraph}</p>`).join(""));
  });
});
