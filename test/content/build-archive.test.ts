import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { formatSeedError } from "../../src/content/article";
import { buildArchive, type SeedText } from "../../src/content/build-archive";
import { PATHS } from "../../src/site-links";
import { seedText } from "../fixtures/seeds";
import { memoryArchive } from "../fixtures/synthetic-archive";

const UTC = { timeZone: "UTC" };

function seed(file: string, title: string, dateline: string) {
  return { file, text: seedText(title, dateline, "The lede.", "teleSUR/ JF") };
}

describe("buildArchive", () => {
  it("orders articles newest first whatever the file order", () => {
    const seeds = [
      seed("seeds/1_aaaaaaaa.txt", "Old", "January 1, 2024 Hour: 9:00 am"),
      seed("seeds/2_bbbbbbbb.txt", "New", "March 1, 2024 Hour: 9:00 am"),
      seed("seeds/3_cccccccc.txt", "Middle", "February 1, 2024 Hour: 9:00 am"),
    ];
    for (const order of [seeds, [...seeds].reverse()]) {
      const result = buildArchive(order, UTC);
      expect(result.ok && result.articles.map((article) => article.title)).toEqual(["New", "Middle", "Old"]);
    }
  });

  it("breaks ties between equal datelines by id", () => {
    const result = buildArchive(
      [
        seed("seeds/1_ffffffff.txt", "F", "January 1, 2024 Hour: 9:00 am"),
        seed("seeds/2_aaaaaaaa.txt", "A", "January 1, 2024 Hour: 9:00 am"),
      ],
      UTC,
    );
    expect(result.ok && result.articles.map((article) => article.id)).toEqual(["aaaaaaaa", "ffffffff"]);
  });

  it("gives a title with no ASCII letters the slug 'article'", () => {
    const result = buildArchive(
      [seed("seeds/1_aaaaaaaa.txt", "Москва", "January 1, 2024 Hour: 9:00 am")],
      UTC,
    );
    expect(result.ok && result.articles[0]?.slug).toBe("article");
  });

  it("reports two seeds with the same id, naming both files", () => {
    const result = buildArchive(
      [
        seed("seeds/000_eb764ef8279581fd.txt", "One", "January 1, 2024 Hour: 9:00 am"),
        seed("seeds/001_eb764ef8279581fd.txt", "Two", "January 2, 2024 Hour: 9:00 am"),
      ],
      UTC,
    );
    expect(result.ok ? [] : result.errors.map(formatSeedError)).toEqual([
      'seeds/001_eb764ef8279581fd.txt:1: id "eb764ef8279581fd" is already used by seeds/000_eb764ef8279581fd.txt',
    ]);
  });

  it("fails the whole archive when any seed is bad, reporting every error", () => {
    const result = buildArchive(
      [
        seed("seeds/1_aaaaaaaa.txt", "Good", "January 1, 2024 Hour: 9:00 am"),
        seed("seeds/2_bbbbbbbb.txt", "Bad date", "February 30, 2024 Hour: 9:00 am"),
        { file: "seeds/3_cccccccc.txt", text: "" },
      ],
      UTC,
    );
    expect(result.ok ? [] : result.errors.map(formatSeedError)).toEqual([
      'seeds/2_bbbbbbbb.txt:3: dateline "February 30, 2024 Hour: 9:00 am" is not a real date',
      "seeds/3_cccccccc.txt:1: seed is empty",
    ]);
  });
});

/** Seeds whose titles collide, in the ways that used to move URLs, and each one's URL, written out. */
const COLLIDING = {
  fooBar: seed("seeds/1_aaaaaaaa11111111.txt", "Foo Bar", "August 2, 2024 Hour: 9:00 am"),
  backdated: seed("seeds/2_bbbbbbbb22222222.txt", "Foo: Bar!", "July 30, 2024 Hour: 9:00 am"),
  numbered: seed("seeds/3_cccccccc33333333.txt", "Foo Bar 2222222222222222", "August 3, 2024 Hour: 9:00 am"),
  // The title the old scheme gave the backdated article as its fallback slug.
  fallbackTitle: seed("seeds/4_dddddddd44444444.txt", "Foo Bar bbbbbbbb", "August 4, 2024 Hour: 9:00 am"),
  sameTitleLater: seed("seeds/5_eeeeeeee55555555.txt", "Foo Bar", "August 5, 2024 Hour: 9:00 am"),
  // A plain file name: its id equals the other articles' slug.
  idLikeSlug: seed("seeds/foo-bar.txt", "Foo Bar", "July 1, 2024 Hour: 9:00 am"),
  sameInstant: seed("seeds/6_ffffffff66666666.txt", "FOO BAR", "August 2, 2024 Hour: 9:00 am"),
};

const URLS: Record<string, string> = {
  aaaaaaaa11111111: "/articles/aaaaaaaa11111111/foo-bar",
  bbbbbbbb22222222: "/articles/bbbbbbbb22222222/foo-bar",
  cccccccc33333333: "/articles/cccccccc33333333/foo-bar-2222222222222222",
  dddddddd44444444: "/articles/dddddddd44444444/foo-bar-bbbbbbbb",
  eeeeeeee55555555: "/articles/eeeeeeee55555555/foo-bar",
  "foo-bar": "/articles/foo-bar/foo-bar",
  ffffffff66666666: "/articles/ffffffff66666666/foo-bar",
};

type Step = { add: SeedText } | { remove: SeedText };
const { fooBar, backdated, numbered, fallbackTitle, sameTitleLater, idLikeSlug, sameInstant } = COLLIDING;

const SCENARIOS: { name: string; steps: Step[] }[] = [
  {
    name: "colliding titles arriving one by one, newest last",
    steps: [fooBar, backdated, numbered, fallbackTitle, sameTitleLater, idLikeSlug, sameInstant].map(
      (add) => ({
        add,
      }),
    ),
  },
  {
    name: "the same seeds arriving newest first",
    steps: [sameInstant, idLikeSlug, sameTitleLater, fallbackTitle, numbered, backdated, fooBar].map(
      (add) => ({
        add,
      }),
    ),
  },
  {
    name: "backdated wire copy arriving after the article it predates",
    steps: [{ add: fooBar }, { add: numbered }, { add: backdated }, { add: idLikeSlug }],
  },
  {
    name: "articles removed (retracted) and published again",
    steps: [
      { add: fooBar },
      { add: backdated },
      { add: sameTitleLater },
      { remove: fooBar },
      { add: fallbackTitle },
      { remove: backdated },
      { add: fooBar },
      { add: backdated },
    ],
  },
  {
    name: "the oldest article removed while later ones with its title stay",
    steps: [
      { add: idLikeSlug },
      { add: fooBar },
      { add: sameInstant },
      { remove: idLikeSlug },
      { add: numbered },
    ],
  },
];

describe("article URLs", () => {
  it.each(SCENARIOS)("never move: $name", ({ steps }) => {
    const present: SeedText[] = [];
    for (const step of steps) {
      if ("add" in step) present.push(step.add);
      else present.splice(present.indexOf(step.remove), 1);
      const result = buildArchive(present, UTC);
      if (!result.ok) throw new Error(result.errors.map(formatSeedError).join("\n"));
      const urls = result.articles.map((article) => [article.id, PATHS.article(article)]);
      expect(Object.fromEntries(urls)).toEqual(
        Object.fromEntries(result.articles.map((article) => [article.id, URLS[article.id]])),
      );
      expect(new Set(urls.map(([, url]) => url)).size, "every URL unique").toBe(present.length);
    }
  });

  it("lets every colliding article answer at its own URL with its own title", async () => {
    const result = buildArchive(Object.values(COLLIDING), UTC);
    if (!result.ok) throw new Error("the colliding seeds should build");
    const { archive } = memoryArchive(result.articles);
    const app = createApp({ archive: () => archive });
    for (const article of result.articles) {
      const response = await app.fetch(new Request(`https://news.example.com${URLS[article.id]}`), {});
      expect(response.status, article.id).toBe(200);
      expect(await response.text()).toContain(`<h1>${article.title}</h1>`);
    }
  });

  it("checks the redirects file against the archive, naming the file and line", () => {
    const result = buildArchive([fooBar, idLikeSlug], {
      ...UTC,
      redirectsFile: "seeds/redirects.tsv",
      redirects: [
        { path: "/articles/old-foo-bar", id: "aaaaaaaa11111111", line: 2 },
        { path: "/articles/gone", id: "0000000000000000", line: 3 },
        { path: "/articles/foo-bar", id: "aaaaaaaa11111111", line: 4 },
      ],
    });
    expect(result.ok ? [] : result.errors.map(formatSeedError)).toEqual([
      'seeds/redirects.tsv:3: /articles/gone leads to no article: no id "0000000000000000"',
      'seeds/redirects.tsv:4: /articles/foo-bar is the short URL of article "foo-bar" and cannot lead to "aaaaaaaa11111111"',
    ]);
  });
});
