import { parseJsonFeed } from "feedsmith";
import { describe, expect, it } from "vitest";
import { authorName, itemId } from "../../src/feeds/feed-input";
import { JSON_FEED_VERSION, renderJsonFeed } from "../../src/feeds/json-feed";
import { FIXTURE_ARTICLES, FIXTURE_FEED, FIXTURE_SITE } from "../fixtures/feed-input";
import { paragraphsOf } from "./round-trip";

const text = renderJsonFeed(FIXTURE_FEED);
const RFC_3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/;

describe("renderJsonFeed", () => {
  it("renders the fixture exactly as reviewed", async () => {
    // The feed is compact JSON (programs read it, and every byte is sent on every request);
    // the snapshot is indented so that a reviewer can read the change.
    await expect(`${JSON.stringify(JSON.parse(text), null, 2)}\n`).toMatchFileSnapshot(
      "./__snapshots__/fixture.feed.json",
    );
  });

  it("is compact and the same bytes on every render", () => {
    expect(text).not.toContain("\n");
    expect(renderJsonFeed(FIXTURE_FEED)).toBe(text);
  });

  it("follows JSON Feed 1.1: version, required fields, one of content_html/content_text", () => {
    const raw = JSON.parse(text);
    expect(raw.version).toBe(JSON_FEED_VERSION);
    expect(typeof raw.title).toBe("string");
    expect(Array.isArray(raw.items)).toBe(true);
    for (const item of raw.items) {
      expect(typeof item.id).toBe("string");
      expect(typeof item.content_html).toBe("string");
      expect(item.date_published).toMatch(RFC_3339);
      expect(item).not.toHaveProperty("author");
      for (const key of Object.keys(item)) {
        expect([
          "id",
          "url",
          "title",
          "content_html",
          "summary",
          "date_published",
          "authors",
          "tags",
          "_wirefeed",
        ]).toContain(key);
      }
    }
  });

  it("carries the feed fields through an independent parser", () => {
    const feed = parseJsonFeed(JSON.parse(text));
    expect(feed.title).toBe(FIXTURE_SITE.title);
    expect(feed.description).toBe(FIXTURE_SITE.description);
    expect(feed.home_page_url).toBe("https://news.example.com/");
    expect(feed.feed_url).toBe("https://news.example.com/feed.json");
    expect(feed.language).toBe("en-GB");
  });

  it("carries every field of every article through an independent parser", () => {
    const items = parseJsonFeed(JSON.parse(text)).items ?? [];
    expect(items).toHaveLength(FIXTURE_ARTICLES.length);
    FIXTURE_ARTICLES.forEach((article, i) => {
      const item = items[i];
      expect(item?.id).toBe(itemId(article));
      expect(item?.url).toBe(`https://news.example.com/articles/${article.slug}`);
      expect(item?.title).toBe(article.title);
      expect(item?.summary).toBe(article.lede);
      expect(paragraphsOf(item?.content_html ?? "")).toEqual(article.body);
      expect(item?.date_published).toBe(article.published);
      expect(item?.authors).toEqual([{ name: authorName(article) }]);
      expect(item?.tags ?? []).toEqual(article.sources);
    });
  });

  it("gives each item the structured article under _wirefeed", () => {
    const items = JSON.parse(text).items;
    FIXTURE_ARTICLES.forEach((article, i) => {
      expect(items[i]._wirefeed).toEqual({
        caption: article.photo?.caption ?? null,
        photo_credit: article.photo?.credit ?? null,
        byline: article.byline,
        sources: article.sources,
        related: article.related.map((related) => related.headline),
      });
    });
  });
});
