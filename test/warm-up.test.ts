import { parseAtomFeed, parseJsonFeed, parseRssFeed } from "feedsmith";
import { describe, expect, it } from "vitest";
import { sampleApp, WARM_UP_PATHS, warmUp } from "../src/warm-up";

describe("warmUp", () => {
  // What the sample's items must carry, read back by an independent parser: the chunk reader's
  // HTML bytes, with the RELATED headline after the first paragraph, as a feed page has them.
  const title = "Warm-up sample & <title>";
  const content =
    "<p><em>A caption.</em> Photo: A credit</p><p>One paragraph.</p>" +
    '<p>Related: <a href="https://warm-up.wirefeed.invalid/articles/1111111111111111/related">A related headline</a></p>' +
    "<p>Another, in Київ.</p><p>A third.</p>";
  const get = async (path: string) => (await sampleApp()(path, "GET")).text();

  it("asks the app for a later page of each feed and of the home page, and gets each", async () => {
    expect(WARM_UP_PATHS).toEqual(["/feed.xml?page=2", "/atom.xml?page=2", "/feed.json?page=2", "/?page=2"]);
    const answers = await Promise.all(warmUp());
    expect(answers.map((response) => response.status)).toEqual([200, 200, 200, 200]);
    expect(answers.map((response) => response.body)).toEqual([null, null, null, null]);
    // HEAD rendered what GET serves: the same validator.
    const served = await Promise.all(WARM_UP_PATHS.map((path) => sampleApp()(path, "GET")));
    const tags = answers.map((response) => response.headers.get("ETag"));
    expect(tags).toEqual(served.map((response) => response.headers.get("ETag")));
    for (const tag of tags) expect(tag).toMatch(/^"[\w-]{24}"$/);
  });

  it("reads the sample through the chunk reader into each feed's later page", async () => {
    const items = parseRssFeed(await get("/feed.xml?page=2")).items ?? [];
    expect(items.map((item) => item.title)).toEqual([title, title]);
    expect(items[0]?.content?.encoded).toContain(content);
    const entries = parseAtomFeed(await get("/atom.xml?page=2")).entries ?? [];
    expect(entries.map((entry) => entry.content?.value?.includes(content))).toEqual([true, true]);
    const jsonItems = parseJsonFeed(JSON.parse(await get("/feed.json?page=2"))).items ?? [];
    expect(jsonItems.map((item) => item.title)).toEqual([title, title]);
    expect(jsonItems.map((item) => item.content_html?.includes(content))).toEqual([true, true]);
  });

  it("reads the sample's summary into the home page's later page", async () => {
    const page = await get("/?page=2");
    const link =
      '<a href="https://warm-up.wirefeed.invalid/articles/0000000000000000/warm-up-sample">' +
      "Warm-up sample &amp; &lt;title&gt;</a>";
    expect(page.split(link)).toHaveLength(3);
    expect(page).toContain("<p>A lede with “quotes” &amp; an ampersand.</p>");
    expect(page).toContain("Page 2 of 3");
  });
});
