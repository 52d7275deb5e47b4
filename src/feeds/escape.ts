/** Escaping shared by the feeds: text made safe as HTML, and as XML content or attribute values. */

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
