import { XMLValidator } from "fast-xml-parser";
import { parseAtomFeed } from "feedsmith";
import { describe, expect, it } from "vitest";
import { renderAtom } from "../../src/feeds/atom";
import { EXPECTED_ITEMS } from "../fixtures/expected-items";
import { documentText, FIXTURE_FEED } from "../fixtures/feed-input";
import { htmlText, linksOf, paragraphTexts } from "./round-trip";

const xml = documentText(renderAtom(FIXTURE_FEED));

describe("renderAtom", () => {
  it("renders the fixture exactly as reviewed", async () => {
    await expect(xml).toMatchFileSnapshot("./__snapshots__/fixture.atom.xml");
  });

  it("is well-formed XML", () => {
    expect(XMLValidator.validate(xml)).toBe(true);
  });

  it("carries the feed fields through an independent parser", () => {
    const feed = parseAtomFeed(xml);
    expect(feed.id).toBe("urn:wirefeed:feed:fixture");
    expect(feed.title?.type).toBe("html");
    expect(htmlText(feed.title?.value)).toBe("Wire & <Co>");
    expect(feed.subtitle?.type).toBe("html");
    expect(htmlText(feed.subtitle?.value)).toBe('News "as it happens" & more');
    expect(feed.xml?.lang).toBe("en-GB");
    expect(feed.updated).toBe("2025-03-02T11:45:00-04:00");
    expect(feed.links).toEqual([
      { href: "https://news.example.com/atom.xml", rel: "self", type: "application/atom+xml" },
      { href: "https://news.example.com/", rel: "alternate", type: "text/html" },
    ]);
  });

  it("carries every field of every article through an independent parser", () => {
    const entries = parseAtomFeed(xml).entries ?? [];
    expect(entries).toHaveLength(EXPECTED_ITEMS.length);
    EXPECTED_ITEMS.forEach((expected, i) => {
      const entry = entries[i];
      expect(entry?.id).toBe(expected.id);
      expect(entry?.title?.type).toBe("html");
      expect(htmlText(entry?.title?.value)).toBe(expected.title);
      expect(entry?.links).toEqual([{ href: expected.url, rel: "alternate", type: "text/html" }]);
      expect(entry?.published).toBe(expected.published);
      expect(entry?.updated).toBe(expected.updated);
      expect(entry?.authors).toEqual([{ name: expected.author }]);
      expect(entry?.dc?.publishers).toEqual([expected.publisher]);
      expect(entry?.media?.credits ?? null).toEqual(expected.credit ? [{ value: expected.credit }] : null);
      expect(entry?.categories?.map((category) => category.term) ?? []).toEqual(expected.sources);
      expect(entry?.summary?.type).toBe("html");
      expect(htmlText(entry?.summary?.value)).toBe(expected.lede);
      expect(entry?.content?.type).toBe("html");
      expect(paragraphTexts(entry?.content?.value ?? "")).toEqual(expected.content);
      expect(linksOf(entry?.content?.value ?? "")).toEqual(expected.contentLinks);
    });
  });
});

describe("an empty feed", () => {
  it("is dated by when its inputs last changed, not the Unix epoch", () => {
    const feed = parseAtomFeed(documentText(renderAtom({ ...FIXTURE_FEED, articles: [] })));
    expect(feed.updated).toBe("2025-03-03T12:00:00+00:00");
    expect(feed.entries ?? []).toEqual([]);
  });
});
