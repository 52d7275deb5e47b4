/** Text hygiene shared by the parser and the renderers: nothing XML 1.0 forbids ever reaches an output. */

// C0 controls other than tab/LF/CR, DEL and C1 controls, the non-characters U+FFFE/U+FFFF,
// and unpaired surrogates: XML 1.0 forbids or discourages all of them, and no reader shows them.
const FORBIDDEN_CHARACTERS =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Removes characters that XML 1.0 forbids (and C1 controls), keeping everything else. */
export function removeForbiddenCharacters(text: string): string {
  return text.replace(FORBIDDEN_CHARACTERS, "");
}

/**
 * One paragraph of prose as readers should see it: NFC, forbidden characters gone, every run of
 * white space (including the line breaks of a wrapped paragraph) folded to one space.
 *
 * @example cleanProse("  Putin\tand\nAliyev ") // "Putin and Aliyev"
 */
export function cleanProse(text: string): string {
  return removeForbiddenCharacters(text.normalize("NFC")).replace(/\s+/g, " ").trim();
}
