/** The `?page=N` query parameter of paged feeds and lists, read strictly, and what each page holds. */

/** Pages beyond this cannot exist (a billion articles); larger numbers are malformed, not 404. */
const MAX_PAGE_DIGITS = 9;
const PAGE_NUMBER = new RegExp(`^[1-9]\\d{0,${MAX_PAGE_DIGITS - 1}}$`);

export type PageParameter = { ok: true; page: number } | { ok: false; message: string };

/**
 * Page 1 when absent; a positive whole number without sign or leading zeros otherwise. Anything
 * else (`0`, `-1`, `1.5`, `01`, `two`, the parameter twice) is malformed, which the routes answer
 * with 400. Other query parameters are ignored, as feed readers add cache-busters.
 *
 * @example parsePageParameter(new URL("https://x/feed.xml?page=2")) // { ok: true, page: 2 }
 */
export function parsePageParameter(url: URL): PageParameter {
  const values = url.searchParams.getAll("page");
  if (values.length === 0) return { ok: true, page: 1 };
  const [value] = values;
  if (values.length > 1 || value === undefined || !PAGE_NUMBER.test(value)) {
    return { ok: false, message: "page must be one whole number from 1, e.g. ?page=2" };
  }
  return { ok: true, page: Number(value) };
}

/** How many items a paged list shows on its first page, and on each page after it. */
export interface PageSizes {
  first: number;
  later: number;
}

/**
 * How many pages `count` items make; an empty list still has page 1.
 *
 * @example pageCount(260, { first: 100, later: 50 }) // 5
 */
export function pageCount(count: number, { first, later }: PageSizes): number {
  return 1 + Math.max(0, Math.ceil((count - first) / later));
}

/**
 * The newest-first positions [start, end) that page `page` shows, before clamping to the list.
 *
 * @example pageRange(3, { first: 100, later: 50 }) // [150, 200]
 */
export function pageRange(page: number, { first, later }: PageSizes): [number, number] {
  if (page === 1) return [0, first];
  const start = first + (page - 2) * later;
  return [start, start + later];
}
