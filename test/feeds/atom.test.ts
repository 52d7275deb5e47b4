import { XMLValidator } from "fast-xml-parser";
import { parseAtomFeed } from "feedsmith";
import { describe, expect, it } from "vitest";
import { renderAtom } from "../../src/feeds/atom";
import { authorName, itemId } from "../../src/feeds/feed-input";
import { FIXTURE_ARTICLES, FIXTURE_FEED, FIXTURE_SITE } from "../fixtures/feed-input";
import { htmlText, paragraphsOf } from "./round-trip";

const xml = renderAtom(FIXTURE_FEED);

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
    expect(htmlText(feed.title?.value)).toBe(FIXTURE_SITE.title);
    expect(feed.subtitle?.type).toBe("html");
    expect(htmlText(feed.subtitle?.value)).toBe(FIXTURE_SITE.description);
    expect(feed.xml?.lang).toBe("en-GB");
    expect(feed.updated).toBe(FIXTURE_ARTICLES[0]?.published);
    expect(feed.links).toEqual([
      { href: "https://news.example.com/atom.xml", rel: "self", type: "application/atom+xml" },
      { href: "https://news.example.com/", rel: "alternate", type: "text/html" },
    ]);
  });

  it("carries every field of every article through an independent parser", () => {
    const entries = parseAtomFeed(xml).entries ?? [];
    expect(entries).toHaveLength(FIXTURE_ARTICLES.length);
    FIXTURE_ARTICLES.forEach((article, i) => {
      const entry = entries[i];
      expect(entry?.id).toBe(itemId(article));
      expect(entry?.title?.type).toBe("html");
      expect(htmlText(entry?.title?.value)).toBe(article.title);
      expect(entry?.links).toEqual([
        { href: `https://news.example.com/articles/${article.slug}`, rel: "alternate", type: "text/html" },
      ]);
      expect(entry?.published).toBe(article.published);
      expect(entry?.updated).toBe(article.published);
      expect(entry?.authors).toEqual([{ name: authorName(article) }]);
      expect(entry?.categories?.map((category) => category.term) ?? []).toEqual(article.sources);
      expect(entry?.summary?.type).toBe("html");
      expect(htmlText(entry?.summary?.value)).toBe(article.lede);
      expect(entry?.content?.type).toBe("html");
      expect(paragraphsOf(entry?.content?.value ?? "")).toEqual(article.body);
    });
  });
});
