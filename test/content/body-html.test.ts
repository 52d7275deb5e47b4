import { describe, expect, it } from "vitest";
import { bodyHtml, isPortableHtml, paragraphOffsets, storedArticle } from "../../src/content/body-html";
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

describe("paragraphOffsets", () => {
  const bytes = (text: string) => new TextEncoder().encode(text);
  it.each([
    { html: "", positions: [0, 1], offsets: [0, 0] },
    { html: "<p>a</p>", positions: [0], offsets: [0] },
    { html: "<p>a</p>", positions: [1], offsets: [8] },
    { html: "<p>a</p><p>b</p>", positions: [1], offsets: [8] },
    { html: "<p>a</p><p>b</p>", positions: [0, 1, 2], offsets: [0, 8, 16] },
    { html: "<p>a</p><p>b</p>", positions: [2, 5], offsets: [16, 16] },
    { html: "<p>24/7 and/or</p><p>b</p>", positions: [1], offsets: [18] },
    { html: "<p>&lt;/p&gt; /</p><p>é/</p><p>c</p>", positions: [1, 2], offsets: [19, 29] },
  ])("$html at $positions", ({ html, positions, offsets }) => {
    expect(paragraphOffsets(bytes(html), positions)).toEqual(offsets);
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
