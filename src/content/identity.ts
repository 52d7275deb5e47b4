/** Article identity: a stable id from the seed's file name, and a readable ASCII slug from its title. */

const HASHED_NAME = /^\d+_([0-9a-f]{8,})$/i;
const PLAIN_NAME = /^[a-z0-9][a-z0-9_-]*$/i;
const MAX_SLUG_LENGTH = 100;

/**
 * The id of a seed file: its hash part when it has one, else its name without `.txt`.
 * Null when the name cannot make an id (the caller reports it).
 *
 * @example idFromFileName("000_eb764ef8279581fd.txt") // "eb764ef8279581fd"
 */
export function idFromFileName(fileName: string): string | null {
  const stem = fileName.replace(/\.txt$/i, "");
  const hashed = HASHED_NAME.exec(stem);
  if (hashed?.[1]) return hashed[1].toLowerCase();
  return PLAIN_NAME.test(stem) ? stem.toLowerCase() : null;
}

/**
 * An ASCII, lower-case, hyphenated slug; accents are folded and other scripts dropped.
 *
 * @example slugify("Presidents Putin and Aliyev Prepare a Peace Treaty") // "presidents-putin-and-aliyev-prepare-a-peace-treaty"
 */
export function slugify(title: string): string {
  const ascii = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’‘]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (ascii.length <= MAX_SLUG_LENGTH) return ascii;
  const cut = ascii.slice(0, MAX_SLUG_LENGTH + 1);
  const lastHyphen = cut.lastIndexOf("-");
  return (lastHyphen > 0 ? cut.slice(0, lastHyphen) : ascii.slice(0, MAX_SLUG_LENGTH)).replace(/-+$/, "");
}
