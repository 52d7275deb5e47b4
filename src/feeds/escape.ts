/** Escaping shared by the feeds: text made safe as HTML, and as XML content or attribute values. */
import type { DocumentParts } from "./feed-input";

/**
 * Escapes the five characters that are markup in HTML and XML, in content and attributes alike.
 *
 * @example escapeMarkup(`Q&A: <b>"x"</b>`) // "Q&amp;A: &lt;b&gt;&quot;x&quot;&lt;/b&gt;"
 */
export function escapeMarkup(text: string): string {
  if (!MARKUP.test(text)) return text;
  return text.replace(MARKUP_ALL, (character) => ENTITIES[character as keyof typeof ENTITIES]);
}

const MARKUP = /[&<>"']/;
const MARKUP_ALL = /[&<>"']/g;
const ENTITIES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * HTML in parts as one CDATA section of XML: text as it is but for a `]]>`, which would end the
 * section, split across two; bytes (the stored body's portable HTML, see body-html.ts) as they are.
 *
 * @example cdataSection(["<p>a]]>b</p>"]) // ["<![CDATA[", "<p>a]]]]><![CDATA[>b</p>", "]]>"]
 */
export function cdataSection(parts: DocumentParts): DocumentParts {
  const inside = parts.map((part) =>
    typeof part === "string" ? part.replaceAll("]]>", "]]]]><![CDATA[>") : part,
  );
  return ["<![CDATA[", ...inside, "]]>"];
}
