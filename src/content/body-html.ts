/**
 * An article's body as the archive stores it: HTML written once by the build, whose bytes stand
 * as they are in XML character data (a CDATA section) and in a JSON string alike, so that a feed
 * copies them rather than decoding, parsing, escaping and encoding them again on every render.
 */

import type { Article, StoredArticle } from "./article";

/**
 * An article (or a parsed seed) as the archive stores it: `html` in the place of `body`, so its
 * summary (id to lede) still starts its line (see ChunkLines.summary).
 */
export function storedArticle<T extends Storable>(article: T): Omit<T, "body"> & Pick<StoredArticle, "html"> {
  const { id, slug, title, photo, published, lede, body, ...rest } = article;
  const html = bodyHtml(body);
  if (!isPortableHtml(html)) throw new Error(`article ${id}: its body's HTML is not portable`);
  return { id, slug, title, photo, published, lede, html, ...rest } as Omit<T, "body"> &
    Pick<StoredArticle, "html">;
}

type Storable = Pick<Article, "id" | "slug" | "title" | "photo" | "published" | "lede" | "body">;

/**
 * The body paragraphs as HTML: `<p>` elements, nothing between them, every character of the text
 * escaped. Portable (see isPortableHtml): prose has no control characters (cleanProse folds white
 * space and removes the rest), its markup and quotes are references, and so is a backslash, which
 * a JSON string would have to escape.
 *
 * @example bodyHtml(["Q&A: \"x\" \\ y", "Two"]) // "<p>Q&amp;A: &quot;x&quot; &#92; y</p><p>Two</p>"
 */
export function bodyHtml(paragraphs: readonly string[]): string {
  let html = "";
  for (const paragraph of paragraphs) html += `<p>${escapeBodyText(paragraph)}</p>`;
  return html;
}

/**
 * Whether `html` may stand as it is inside a CDATA section and inside a JSON string: no `]]>`, no
 * quote, backslash or control character (JSON.stringify would escape each of those).
 */
export function isPortableHtml(html: string): boolean {
  return !NOT_PORTABLE.test(html) && !html.includes("]]>");
}

/**
 * Where each paragraph of the body's HTML after the first starts, in bytes: where a RELATED
 * headline may go in between. The build writes them into each chunk's header (see LineLayout in
 * src/archive/layout.ts), so the Worker finds them without a search. Every `<` of the HTML
 * starts a tag, since a text's `<` is a reference, and the only tags are `<p>` and `</p>`.
 *
 * @example paragraphBreaks(bytes("<p>a</p><p>b</p><p>c</p>")) // [8, 16]
 */
export function paragraphBreaks(html: Uint8Array): number[] {
  const breaks: number[] = [];
  for (let at = html.indexOf(LESS_THAN, 1); at !== -1; at = html.indexOf(LESS_THAN, at + 1)) {
    if (html[at + 1] !== SLASH) breaks.push(at);
  }
  return breaks;
}

/**
 * Where paragraph `position` (how many paragraphs come before it) starts in HTML of `length` bytes
 * whose paragraphs after the first start at `breaks`: at its end past the last one.
 *
 * @example paragraphStart([8, 16], 24, 1) // 8
 */
export function paragraphStart(breaks: readonly number[], length: number, position: number): number {
  return position === 0 ? 0 : (breaks[position - 1] ?? length);
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const NOT_PORTABLE = /["\\\u0000-\u001F]/;
const BODY_TEXT = /[&<>"'\\]/g;
const REFERENCES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
  "\\": "&#92;",
};
// The only tags are <p> and </p>: text has every < as a reference.
const LESS_THAN = 0x3c;
const SLASH = 0x2f;

function escapeBodyText(text: string): string {
  return text.replace(BODY_TEXT, (character) => REFERENCES[character] as string);
}
