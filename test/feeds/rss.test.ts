import { XMLValidator } from "fast-xml-parser";
import { parseRssFeed } from "feedsmith";
import { describe, expect, it } from "vitest";
import { authorName, itemId } from "../../src/feeds/feed-input";
import { renderRss } from "../../src/feeds/rss";
import { FIXTURE_ARTICLES, FIXTURE_FEED, FIXTURE_SITE } from "../fixtures/feed-input";
import { htmlText, paragraphsOf } from "./round-trip";

const xml = renderRss(FIXTURE_FEED);

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
    expect(new Date(feed.lastBuildDate ?? "").toISOString()).toBe(
      new Date(FIXTURE_ARTICLES[0]?.published ?? "").toISOString(),
    );
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
