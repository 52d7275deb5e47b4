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
 * Where paragraphs `positions` (paragraph counts, ascending) start in the body's HTML: just after
 * the position-th `</p>`, or at its end when it has fewer paragraphs. Found by the runtime's own
 * search for each `/`, as far as the last position asks: a text's `<` is a reference, so a `/`
 * after a `<` closes a paragraph.
 *
 * @example paragraphOffsets(bytes("<p>a/b</p><p>c</p>"), [0, 1, 5]) // [0, 10, 18]
 */
export function paragraphOffsets(html: Uint8Array, positions: readonly number[]): number[] {
  const offsets: number[] = [];
  let paragraph = 0;
  let at = 0;
  for (const position of positions) {
    while (paragraph < position && at < html.byteLength) {
      const slash = html.indexOf(SLASH, at);
      if (slash === -1) at = html.byteLength;
      else if (html[slash - 1] === LESS_THAN) {
        paragraph++;
        at = slash + CLOSE_P_REST;
      } else at = slash + 1;
    }
    offsets.push(at);
  }
  return offsets;
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
// The only tags are <p> and </p>: text has every < as a reference, so a "</" closes a paragraph.
const LESS_THAN = 0x3c;
const SLASH = 0x2f;
/** From the `/` of a `</p>` to the byte after it. */
const CLOSE_P_REST = "/p>".length;

function escapeBodyText(text: string): string {
  return text.replace(BODY_TEXT, (character) => REFERENCES[character] as string);
}
