/** Escaping shared by the feeds: text made safe as HTML, and as XML content or attribute values. */

/**
 * Escapes the five characters that are markup in HTML and XML, in content and attributes alike.
 *
 * @example escapeMarkup(`Q&A: <b>"x"</b>`) // "Q&amp;A: &lt;b&gt;&quot;x&quot;&lt;/b&gt;"
 */
export function escapeMarkup(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}
