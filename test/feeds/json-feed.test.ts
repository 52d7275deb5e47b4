import { parseJsonFeed } from "feedsmith";
import { describe, expect, it } from "vitest";
import { renderJsonFeed } from "../../src/feeds/json-feed";
import { EXPECTED_ITEMS } from "../fixtures/expected-items";
import { documentText, FIXTURE_FEED } from "../fixtures/feed-input";
import { linksOf, paragraphTexts } from "./round-trip";

const text = documentText(renderJsonFeed(FIXTURE_FEED));

describe("renderJsonFeed", () => {
  it("renders the fixture exactly as reviewed, byte for byte as served", async () => {
    // Compact, as served (programs read it, and every byte goes out on every request); to review
    // a change, pipe the snapshot through `jq .`.
    await expect(`${text}\n`).toMatchFileSnapshot("./__snapshots__/fixture.feed.json");
  });

  it("follows JSON Feed 1.1: version, required fields, one of content_html/content_text", () => {
    const raw = JSON.parse(text);
    expect(raw.version).toBe("https://jsonfeed.org/version/1.1");
    expect(raw.title).toBe("Wire & <Co>");
    expect(Array.isArray(raw.items)).toBe(true);
    for (const item of raw.items) {
      expect(typeof item.id).toBe("string");
      expect(typeof item.content_html).toBe("string");
      expect(item).not.toHaveProperty("author");
      expect(Object.keys(item).sort()).toEqual(
        [
          "id",
          "url",
          "title",
          "content_html",
          "summary",
          "date_published",
          "date_modified",
          "authors",
          "_wirefeed",
          ...(item.tags ? ["tags"] : []),
        ].sort(),
      );
    }
  });

  it("carries the feed fields through an independent parser", () => {
    const feed = parseJsonFeed(JSON.parse(text));
    expect(feed.title).toBe("Wire & <Co>");
    expect(feed.description).toBe('News "as it happens" & more');
    expect(feed.home_page_url).toBe("https://news.example.com/");
    expect(feed.feed_url).toBe("https://news.example.com/feed.json");
    expect(feed.language).toBe("en-GB");
  });

  it("carries every field of every article through an independent parser", () => {
    const items = parseJsonFeed(JSON.parse(text)).items ?? [];
    expect(items).toHaveLength(EXPECTED_ITEMS.length);
    EXPECTED_ITEMS.forEach((expected, i) => {
      const item = items[i];
      expect(item?.id).toBe(expected.id);
      expect(item?.url).toBe(expected.url);
      expect(item?.title).toBe(expected.title);
      expect(item?.summary).toBe(expected.lede);
      expect(paragraphTexts(item?.content_html ?? "")).toEqual(expected.content);
      expect(linksOf(item?.content_html ?? "")).toEqual(expected.contentLinks);
      expect(item?.date_published).toBe(expected.published);
      expect(item?.date_modified).toBe(expected.updated);
      expect(item?.authors).toEqual([{ name: expected.author }]);
      expect(item?.tags ?? []).toEqual(expected.sources);
    });
  });

  it("gives each item the structured article under _wirefeed", () => {
    const items = JSON.parse(text).items;
    expect(items.map((item: { _wirefeed: unknown }) => item._wirefeed)).toEqual([
      {
        caption: "A café.",
        photo_credit: null,
        byline: { publisher: "Desk", author: "María José" },
        sources: ["AFP", "Reuters"],
        related: ["Presidents Meet to Prepare a Treaty", "Second Related Headline"],
      },
      {
        caption: null,
        photo_credit: null,
        byline: { publisher: "Wire", author: null },
        sources: [],
        related: [],
      },
      {
        caption: "Two presidents at the table (L to R).",
        photo_credit: "X/ @NewsDesk",
        byline: { publisher: "teleSUR", author: "JF" },
        sources: ["EFE", "El Salto"],
        related: ["Authorities Arrest Suspects in the North"],
      },
    ]);
  });
});
