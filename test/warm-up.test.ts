import { parseAtomFeed, parseJsonFeed, parseRssFeed } from "feedsmith";
import { describe, expect, it } from "vitest";
import { warmUp } from "../src/warm-up";

describe("warmUp", () => {
  // What the sample's items must carry, read back by an independent parser: the chunk reader's
  // HTML bytes, with the RELATED headline after the first paragraph, as a feed page has them.
  const title = "Warm-up sample & <title>";
  const content =
    "<p><em>A caption.</em> Photo: A credit</p><p>One paragraph.</p>" +
    '<p>Related: <a href="https://warm-up.wirefeed.invalid/articles/1111111111111111/related">A related headline</a></p>' +
    "<p>Another, in Київ.</p><p>A third.</p>";

  it("reads the sample through the chunk reader and renders it in the three formats", () => {
    const [rss, atom, json] = warmUp().feeds.map((bytes) => new TextDecoder().decode(bytes));
    const items = parseRssFeed(rss ?? "").items ?? [];
    expect(items.map((item) => item.title)).toEqual([title, title]);
    expect(items[0]?.content?.encoded).toContain(content);
    const entries = parseAtomFeed(atom ?? "").entries ?? [];
    expect(entries.map((entry) => entry.content?.value?.includes(content))).toEqual([true, true]);
    const jsonItems = parseJsonFeed(JSON.parse(json ?? "")).items ?? [];
    expect(jsonItems.map((item) => item.title)).toEqual([title, title]);
    expect(jsonItems.map((item) => item.content_html?.includes(content))).toEqual([true, true]);
  });

  it("reads the sample's summary and renders it as a list's later page", async () => {
    const page = await warmUp().listPage;
    const link =
      '<a href="https://warm-up.wirefeed.invalid/articles/0000000000000000/warm-up-sample">' +
      "Warm-up sample &amp; &lt;title&gt;</a>";
    expect(page.split(link)).toHaveLength(3);
    expect(page).toContain("<p>A lede with “quotes” &amp; an ampersand.</p>");
    expect(page).toContain("Page 2 of 3");
  });
});
