import { XMLValidator } from "fast-xml-parser";
import { parseRssFeed } from "feedsmith";
import { describe, expect, it } from "vitest";
import { renderRss, toRfc822 } from "../../src/feeds/rss";
import { EXPECTED_ITEMS } from "../fixtures/expected-items";
import { documentText, FIXTURE_FEED } from "../fixtures/feed-input";
import { htmlText, linksOf, paragraphTexts } from "./round-trip";

const xml = documentText(renderRss(FIXTURE_FEED));

describe("toRfc822", () => {
  it.each([
    { input: "2024-08-28T09:04:00-04:00", out: "Wed, 28 Aug 2024 09:04:00 -0400" },
    { input: "2025-01-05T00:05:00+05:30", out: "Sun, 05 Jan 2025 00:05:00 +0530" },
    { input: "2024-02-29T23:59:00+00:00", out: "Thu, 29 Feb 2024 23:59:00 +0000" },
  ])("$input", ({ input, out }) => {
    expect(toRfc822(input)).toBe(out);
  });
});

describe("renderRss", () => {
  it("renders the fixture exactly as reviewed", async () => {
    await expect(xml).toMatchFileSnapshot("./__snapshots__/fixture.rss.xml");
  });

  it("is well-formed XML", () => {
    expect(XMLValidator.validate(xml)).toBe(true);
  });

  it("carries the channel fields through an independent parser", () => {
    const feed = parseRssFeed(xml);
    expect(feed.title).toBe("Wire & <Co>");
    expect(feed.description).toBe('News "as it happens" & more');
    expect(feed.link).toBe("https://news.example.com/");
    expect(feed.language).toBe("en-GB");
    expect(feed.atom?.links).toEqual([
      { href: "https://news.example.com/feed.xml", rel: "self", type: "application/rss+xml" },
    ]);
    // The latest change among the items: the café article's correction.
    expect(feed.lastBuildDate).toBe("Sun, 02 Mar 2025 11:45:00 -0400");
  });

  it("carries every field of every article through an independent parser", () => {
    const items = parseRssFeed(xml).items ?? [];
    expect(items).toHaveLength(EXPECTED_ITEMS.length);
    EXPECTED_ITEMS.forEach((expected, i) => {
      const item = items[i];
      expect(item?.title).toBe(expected.title);
      expect(item?.link).toBe(expected.url);
      expect(item?.guid).toEqual({ value: expected.id, isPermaLink: false });
      // pubDate stays the dateline when the article is corrected, so readers see no new item.
      expect(Date.parse(item?.pubDate ?? "")).toBe(Date.parse(expected.published));
      expect(htmlText(item?.description)).toBe(expected.lede);
      expect(paragraphTexts(item?.content?.encoded ?? "")).toEqual(expected.content);
      expect(linksOf(item?.content?.encoded ?? "")).toEqual(expected.contentLinks);
      expect(item?.categories?.map((category) => category.name) ?? []).toEqual(expected.sources);
      expect(item?.dc?.creators).toEqual([expected.author]);
      expect(item?.dc?.publishers).toEqual([expected.publisher]);
      expect(item?.media?.credits ?? null).toEqual(expected.credit ? [{ value: expected.credit }] : null);
      expect(item?.authors).toBeUndefined();
    });
  });
});

describe("an empty feed", () => {
  it("is dated by when its inputs last changed, not the Unix epoch", () => {
    const feed = parseRssFeed(documentText(renderRss({ ...FIXTURE_FEED, articles: [] })));
    expect(feed.lastBuildDate).toBe("Mon, 03 Mar 2025 12:00:00 +0000");
    expect(feed.items ?? []).toEqual([]);
  });
});
