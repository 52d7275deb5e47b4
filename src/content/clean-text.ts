/** Text hygiene shared by the parser and the renderers: nothing XML 1.0 forbids ever reaches an output. */

// C0 controls other than tab/LF/CR, DEL and C1 controls, and the non-characters U+FFFE/U+FFFF:
// XML 1.0 forbids or discourages all of them, and no reader shows them.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const FORBIDDEN_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/g;

/**
 * Removes characters that XML 1.0 forbids (and C1 controls), and replaces unpaired surrogates,
 * which no encoding can carry, with U+FFFD. Everything else is kept.
 */
export function removeForbiddenCharacters(text: string): string {
  return text.replace(FORBIDDEN_CHARACTERS, "").toWellFormed();
}

/**
 * One paragraph of prose as readers should see it: NFC, forbidden characters gone, every run of
 * white space (including the line breaks of a wrapped paragraph) folded to one space.
 *
 * @example cleanProse("  Putin\tand\nAliyev ") // "Putin and Aliyev"
 */
export function cleanProse(text: string): string {
  // normalize() was the slowest step of a build, and most prose is already in NFC (see below).
  const normalized = MAYBE_NOT_NFC.test(text) ? text.normalize("NFC") : text;
  return removeForbiddenCharacters(normalized).replace(WHITE_SPACE_RUN, " ").trim();
}

/**
 * A run of white space that is not one plain space already: the same result as replacing every
 * `\s+`, without rewriting each of the single spaces between a paragraph's words (twice as fast).
 */
const WHITE_SPACE_RUN = /(?: \s|[^\S ])\s*/g;

/**
 * A character outside U+0000-U+02FF (Latin, IPA, spacing modifiers) and General Punctuation
 * (dashes, quotes, ellipsis, minus U+2010-U+2027, U+2030-U+205E). Each of those is in NFC alone and
 * never composes with the character before it (checked for every BMP character), so text of only
 * those is in NFC already; anything else, a combining mark above all, goes through normalize().
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the range starts at U+0000 on purpose.
const MAYBE_NOT_NFC = /[^\u0000-\u02FF\u2010-\u2027\u2030-\u205E]/;
