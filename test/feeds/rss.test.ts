import { XMLValidator } from "fast-xml-parser";
import { parseRssFeed } from "feedsmith";
import { describe, expect, it } from "vitest";
import { authorName, itemId } from "../../src/feeds/feed-input";
import { renderRss, toRfc822 } from "../../src/feeds/rss";
import { FIXTURE_ARTICLES, FIXTURE_FEED, FIXTURE_SITE } from "../fixtures/feed-input";
import { htmlText, paragraphsOf } from "./round-trip";

const xml = renderRss(FIXTURE_FEED);

describe("toRfc822", () => {
  it.each([
    { input: "2024-08-28T09:04:00-04:00", out: "Wed, 28 Aug 2024 09:04:00 -0400" },
    { input: "2025-01-05T00:05:00+05:30", out: "Sun, 05 Jan 2025 00:05:00 +0530" },
    { input: "2024-02-29T23:59:00+00:00", out: "Thu, 29 Feb 2024 23:59:00 +0000" },
  ])("$input", ({ input, out }) => {
    expect(toRfc822(input)).toBe(out);
    expect(Date.parse(out)).toBe(Date.parse(input));
  });
});

describe("renderRss", () => {
  it("renders the fixture exactly as reviewed", async () => {
    await expect(xml).toMatchFileSnapshot("./__snapshots__/fixture.rss.xml");
  });

  it("is well-formed XML", () => {
    expect(XMLValidator.validate(xml)).toBe(true);
  });

  it("is the same bytes on every render", () => {
    expect(renderRss(FIXTURE_FEED)).toBe(xml);
  });

  it("carries the channel fields through an independent parser", () => {
    const feed = parseRssFeed(xml);
    expect(feed.title).toBe(FIXTURE_SITE.title);
    expect(feed.description).toBe(FIXTURE_SITE.description);
    expect(feed.link).toBe("https://news.example.com/");
    expect(feed.language).toBe("en-GB");
    expect(feed.atom?.links).toEqual([
      { href: "https://news.example.com/feed.xml", rel: "self", type: "application/rss+xml" },
    ]);
    expect(Date.parse(feed.lastBuildDate ?? "")).toBe(Date.parse(FIXTURE_ARTICLES[0]?.published ?? ""));
  });

  it("carries every field of every article through an independent parser", () => {
    const items = parseRssFeed(xml).items ?? [];
    expect(items).toHaveLength(FIXTURE_ARTICLES.length);
    FIXTURE_ARTICLES.forEach((article, i) => {
      const item = items[i];
      expect(item?.title).toBe(article.title);
      expect(item?.link).toBe(`https://news.example.com/articles/${article.slug}`);
      expect(item?.guid).toEqual({ value: itemId(article), isPermaLink: false });
      expect(Date.parse(item?.pubDate ?? "")).toBe(Date.parse(article.published));
      expect(htmlText(item?.description)).toBe(article.lede);
      expect(paragraphsOf(item?.content?.encoded ?? "")).toEqual(article.body);
      expect(item?.categories?.map((category) => category.name) ?? []).toEqual(article.sources);
      expect(item?.dc?.creators).toEqual([authorName(article)]);
      expect(item?.dc?.publishers).toEqual([article.byline.publisher]);
      expect(item?.authors).toBeUndefined();
    });
  });
});
