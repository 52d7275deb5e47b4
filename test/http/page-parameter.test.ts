import { describe, expect, it } from "vitest";
import { type PageSizes, pageCount, pageRange } from "../../src/http/page-parameter";

const EVEN: PageSizes = { first: 50, later: 50 };
const SPLIT: PageSizes = { first: 100, later: 50 };

describe("pageCount", () => {
  it.each([
    { count: 0, sizes: EVEN, pages: 1 },
    { count: 1, sizes: EVEN, pages: 1 },
    { count: 50, sizes: EVEN, pages: 1 },
    { count: 51, sizes: EVEN, pages: 2 },
    { count: 120, sizes: EVEN, pages: 3 },
    { count: 100, sizes: SPLIT, pages: 1 },
    { count: 101, sizes: SPLIT, pages: 2 },
    { count: 150, sizes: SPLIT, pages: 2 },
    { count: 151, sizes: SPLIT, pages: 3 },
    { count: 260, sizes: SPLIT, pages: 5 },
  ])("$count items at $sizes.first, then $sizes.later: $pages page(s)", ({ count, sizes, pages }) => {
    expect(pageCount(count, sizes)).toBe(pages);
  });
});

describe("pageRange", () => {
  it.each([
    { page: 1, sizes: EVEN, range: [0, 50] },
    { page: 2, sizes: EVEN, range: [50, 100] },
    { page: 3, sizes: EVEN, range: [100, 150] },
    { page: 1, sizes: SPLIT, range: [0, 100] },
    { page: 2, sizes: SPLIT, range: [100, 150] },
    { page: 5, sizes: SPLIT, range: [250, 300] },
  ])("page $page at $sizes.first, then $sizes.later: $range", ({ page, sizes, range }) => {
    expect(pageRange(page, sizes)).toEqual(range);
  });
});
