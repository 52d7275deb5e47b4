/**
 * Revalidation across builds: after a correction, a retraction or a configuration change, a client
 * holding the previous Last-Modified (If-Modified-Since alone) or the previous ETag (If-None-Match
 * alone) gets 200 and the new bytes. Each build is a fresh app, as each deploy is a fresh isolate.
 */
import { describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import type { ArchiveTimes } from "../src/archive/pack-archive";
import { buildArchive, type SeedText } from "../src/content/build-archive";
import { seedText } from "./fixtures/seeds";
import { memoryArchive } from "./fixtures/synthetic-archive";

const ALPHA = {
  file: "seeds/1_aaaaaaaaaaaaaaaa.txt",
  text: seedText("Alpha Article", "August 1, 2024 Hour: 9:00 am", "Alpha lede.", "Alpha body.", "Desk/ A"),
};
const BETA = {
  file: "seeds/2_bbbbbbbbbbbbbbbb.txt",
  text: seedText("Beta Article", "August 2, 2024 Hour: 9:00 am", "Beta lede.", "Beta body.", "Desk/ B"),
};
const BETA_URL = "/articles/bbbbbbbbbbbbbbbb/beta-article";
const BEFORE_TIMES = { seedsChanged: Date.UTC(2024, 8, 2, 10, 0), codeChanged: Date.UTC(2024, 8, 1, 8, 0) };

interface Build {
  seeds: SeedText[];
  times: ArchiveTimes;
  vars?: Record<string, string>;
}

function deploy({ seeds, times, vars = {} }: Build) {
  const result = buildArchive(seeds, { timeZone: "America/Caracas" });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  const { archive } = memoryArchive(result.articles, { times });
  const app = createApp({ archive: () => archive });
  return (path: string, headers: Record<string, string> = {}) =>
    app.fetch(new Request(`https://news.example.com${path}`, { headers }), vars);
}

const BEFORE = deploy({ seeds: [ALPHA, BETA], times: BEFORE_TIMES });

const CHANGES = [
  {
    name: "a correction to the newest article's lede and body",
    after: {
      seeds: [
        ALPHA,
        {
          ...BETA,
          text: BETA.text
            .replace("Beta lede.", "Beta lede, corrected.")
            .replace("Beta body.", "Beta body, corrected."),
          changedAt: Date.UTC(2024, 8, 3, 9, 0),
          correctedAt: Date.UTC(2024, 8, 3, 9, 0),
        },
      ],
      times: { ...BEFORE_TIMES, seedsChanged: Date.UTC(2024, 8, 3, 9, 0) },
    },
    routes: ["/feed.xml", "/atom.xml", "/feed.json", "/", BETA_URL],
    lastModified: "Tue, 03 Sep 2024 09:00:00 GMT",
  },
  {
    name: "an edit to a seed never committed (a new article being written under wrangler dev)",
    after: {
      seeds: [
        ALPHA,
        {
          ...BETA,
          text: BETA.text.replace("Beta body.", "Beta body, rewritten."),
          changedAt: Date.UTC(2024, 8, 6, 9, 0),
        },
      ],
      times: { ...BEFORE_TIMES, seedsChanged: Date.UTC(2024, 8, 6, 9, 0) },
    },
    routes: ["/feed.xml", "/atom.xml", "/feed.json", BETA_URL],
    lastModified: "Fri, 06 Sep 2024 09:00:00 GMT",
  },
  {
    name: "the retraction of the newest article",
    after: { seeds: [ALPHA], times: { ...BEFORE_TIMES, seedsChanged: Date.UTC(2024, 8, 4, 9, 0) } },
    routes: ["/feed.xml", "/atom.xml", "/feed.json", "/"],
    lastModified: "Wed, 04 Sep 2024 09:00:00 GMT",
  },
  {
    name: "a configuration change in wrangler.toml (the site's title)",
    after: {
      seeds: [ALPHA, BETA],
      times: { ...BEFORE_TIMES, codeChanged: Date.UTC(2024, 8, 5, 9, 0) },
      vars: { SITE_TITLE: "The Wire" },
    },
    routes: ["/feed.xml", "/atom.xml", "/feed.json", "/", BETA_URL],
    lastModified: "Thu, 05 Sep 2024 09:00:00 GMT",
  },
];

describe("before any change", () => {
  it.each(["/feed.xml", "/atom.xml", "/feed.json", "/"])(
    "dates %s by the last change to the seeds",
    async (path) => {
      expect((await BEFORE(path)).headers.get("Last-Modified")).toBe("Mon, 02 Sep 2024 10:00:00 GMT");
    },
  );

  it("dates an article page by its own last correction or the code, whichever is later", async () => {
    expect((await BEFORE(BETA_URL)).headers.get("Last-Modified")).toBe("Sun, 01 Sep 2024 08:00:00 GMT");
  });
});

describe.each(CHANGES)("after $name", ({ after, routes, lastModified }) => {
  const AFTER = deploy(after);

  it.each(routes)(
    "%s answers If-Modified-Since alone with 200, the new bytes and a later date",
    async (path) => {
      const previous = await BEFORE(path);
      const since = previous.headers.get("Last-Modified") ?? "";
      const response = await AFTER(path, { "If-Modified-Since": since });
      expect(response.status).toBe(200);
      expect(response.headers.get("Last-Modified")).toBe(lastModified);
      expect(await response.text()).not.toBe(await previous.text());
      // ... and 304 once the client holds the new date, so the 200 above is not the only answer.
      expect((await AFTER(path, { "If-Modified-Since": lastModified })).status).toBe(304);
    },
  );

  it.each(routes)("%s answers If-None-Match alone with 200 and a new ETag", async (path) => {
    const etag = (await BEFORE(path)).headers.get("ETag") ?? "";
    const response = await AFTER(path, { "If-None-Match": etag });
    expect(response.status).toBe(200);
    const newEtag = response.headers.get("ETag") ?? "";
    expect(newEtag).not.toBe(etag);
    expect((await AFTER(path, { "If-None-Match": newEtag })).status).toBe(304);
  });
});

describe("a corrected article", () => {
  it("keeps its id and publication date, and gives the correction as its modification date", async () => {
    const corrected = CHANGES[0]?.after;
    if (!corrected) throw new Error("no correction case");
    const feed = (await (await deploy(corrected)("/feed.json")).json()) as {
      items: { id: string; date_published: string; date_modified: string }[];
    };
    expect(feed.items[0]).toMatchObject({
      id: "urn:wirefeed:article:bbbbbbbbbbbbbbbb",
      date_published: "2024-08-02T09:00:00-04:00",
      date_modified: "2024-09-03T05:00:00-04:00",
    });
    const atom = await (await deploy(corrected)("/atom.xml")).text();
    expect(atom).toContain(
      "<published>2024-08-02T09:00:00-04:00</published>\n    <updated>2024-09-03T05:00:00-04:00</updated>",
    );
  });
});
