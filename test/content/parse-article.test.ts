import { describe, expect, it } from "vitest";
import { formatSeedError, type ParsedArticle } from "../../src/content/article";
import { parseArticle } from "../../src/content/parse-article";
import { FULL_SEED, seedText } from "../fixtures/seeds";

const FILE = "seeds/000_eb764ef8279581fd.txt";
const UTC = { timeZone: "UTC" };

/** Parses with the defaults of these tables, failing loudly on errors. */
function parsed(text: string, file = FILE, timeZone = "UTC"): ParsedArticle {
  const result = parseArticle(text, file, { timeZone });
  if (!result.ok) throw new Error(result.errors.map(formatSeedError).join("\n"));
  return result.article;
}

/** The minimal seed: title, dateline, lede, byline. */
const MINIMAL = ["Title", "August 28, 2024 Hour: 9:04 am", "The lede.", "teleSUR/ JF"] as const;

describe("parseArticle reads every block of a complete seed", () => {
  it("returns the structured article", () => {
    expect(parsed(FULL_SEED, FILE, "America/Caracas")).toEqual({
      id: "eb764ef8279581fd",
      slug: "presidents-meet-to-prepare-a-treaty",
      title: "Presidents Meet to Prepare a Treaty",
      photo: { caption: "Two presidents at the table (L to R).", credit: "X/ @NewsDesk" },
      published: "2024-08-28T09:04:00-04:00",
      lede: "They talked about borders and transport routes.",
      body: [
        "In a phone call on Wednesday, the presidents discussed a treaty.",
        "“In this regard, we are ready to help,” the statement said.",
      ],
      related: [{ headline: "Authorities Arrest Suspects in the North", position: 1 }],
      byline: { publisher: "teleSUR", author: "JF" },
      sources: ["EFE", "El Salto"],
    });
  });
});

const variations: { name: string; text: string; expected: Partial<ParsedArticle> }[] = [
  {
    name: "a byte-order mark and CRLF line endings",
    text: `\uFEFF${FULL_SEED.replace(/\n/g, "\r\n")}`,
    expected: { title: "Presidents Meet to Prepare a Treaty", sources: ["EFE", "El Salto"] },
  },
  {
    name: "old Mac CR line endings",
    text: MINIMAL.join("\r\r"),
    expected: { title: "Title", lede: "The lede." },
  },
  {
    name: "no photo caption",
    text: seedText(...MINIMAL),
    expected: { photo: null, body: [], related: [] },
  },
  {
    name: "a caption without a credit",
    text: seedText("Title", "Two men shake hands.", ...MINIMAL.slice(1)),
    expected: { photo: { caption: "Two men shake hands.", credit: null } },
  },
  {
    name: "a caption whose credit is empty",
    text: seedText("Title", "Two men shake hands. Photo:", ...MINIMAL.slice(1)),
    expected: { photo: { caption: "Two men shake hands.", credit: null } },
  },
  {
    name: "several blank lines between blocks and trailing white space",
    text: "Title  \n\n\n\nCaption. Photo: AP\n \t\n\nAugust 28, 2024 Hour: 9:04 am\n\n\nThe lede.\n\nteleSUR/ JF\n\n\n",
    expected: { title: "Title", photo: { caption: "Caption.", credit: "AP" }, lede: "The lede." },
  },
  {
    name: "a paragraph wrapped over several lines",
    text: seedText(...MINIMAL.slice(0, 3), "First line\nsecond line.", "teleSUR/ JF"),
    expected: { body: ["First line second line."] },
  },
  {
    name: "five past midnight written 12:05 am",
    text: seedText("Title", "August 28, 2024 Hour: 12:05 am", "The lede.", "teleSUR/ JF"),
    expected: { published: "2024-08-28T00:05:00+00:00" },
  },
  {
    name: "half past noon written 12:30 PM",
    text: seedText("Title", "August 28, 2024 Hour: 12:30 PM", "The lede.", "teleSUR/ JF"),
    expected: { published: "2024-08-28T12:30:00+00:00" },
  },
  {
    name: "11:59 pm and a lower-case month",
    text: seedText("Title", "december 31, 2023 Hour: 11:59 pm", "The lede.", "teleSUR/ JF"),
    expected: { published: "2023-12-31T23:59:00+00:00" },
  },
  {
    name: "February 29 in a leap year",
    text: seedText("Title", "February 29, 2024 Hour: 1:00 a.m.", "The lede.", "teleSUR/ JF"),
    expected: { published: "2024-02-29T01:00:00+00:00" },
  },
  {
    name: "several RELATED headlines, one on the marker's line",
    text: seedText(
      ...MINIMAL.slice(0, 3),
      "RELATED:",
      "First Headline",
      "A paragraph.",
      "RELATED: Second Headline",
      "teleSUR/ JF",
    ),
    expected: {
      related: [
        { headline: "First Headline", position: 0 },
        { headline: "Second Headline", position: 1 },
      ],
      body: ["A paragraph."],
    },
  },
  {
    name: "a RELATED headline straight after the dateline",
    text: seedText(MINIMAL[0], MINIMAL[1], "RELATED:", "Headline", "The lede.", "teleSUR/ JF"),
    expected: { lede: "The lede.", related: [{ headline: "Headline", position: 0 }] },
  },
  {
    name: "a byline without sources",
    text: seedText(...MINIMAL),
    expected: { byline: { publisher: "teleSUR", author: "JF" }, sources: [] },
  },
  {
    name: "a byline that names only the publisher",
    text: seedText(...MINIMAL.slice(0, 3), "teleSUR/ Source: Reuters"),
    expected: { byline: { publisher: "teleSUR", author: null }, sources: ["Reuters"] },
  },
  {
    name: "sources split by spaced hyphens, unspaced en dashes and commas",
    text: seedText(...MINIMAL.slice(0, 3), "teleSUR/ MS Source: Al-Mayadeen - EFE–Prensa Latina, RT"),
    expected: { sources: ["Al-Mayadeen", "EFE", "Prensa Latina", "RT"] },
  },
  {
    name: "the byline on the last line of the last paragraph's block",
    text: seedText(...MINIMAL.slice(0, 3), "Closing words.\nteleSUR/ JF"),
    expected: { body: ["Closing words."], byline: { publisher: "teleSUR", author: "JF" } },
  },
  {
    name: "control characters in the text",
    text: seedText("Ti\u0007tle\u0000", ...MINIMAL.slice(1, 3), "Body\u001b text\uFFFF.", "teleSUR/ JF"),
    expected: { title: "Title", body: ["Body text."] },
  },
  {
    name: "a file name without a hash part",
    text: seedText(...MINIMAL),
    expected: { id: "my-first-article" },
  },
];

describe("parseArticle accepts", () => {
  it.each(variations)("$name", ({ name, text, expected }) => {
    const file = name === "a file name without a hash part" ? "seeds/My-First-Article.txt" : FILE;
    expect(parsed(text, file)).toMatchObject(expected);
  });
});

const failures: { name: string; text: string; file?: string; errors: string[] }[] = [
  { name: "an empty file", text: "", errors: [`${FILE}:1: seed is empty`] },
  { name: "a file of blank lines", text: "\n \n\t\n", errors: [`${FILE}:1: seed is empty`] },
  {
    name: "a seed with no title",
    text: seedText(...MINIMAL.slice(1)),
    errors: [`${FILE}:1: no title: the first line is the dateline`],
  },
  {
    name: "a seed with no dateline",
    text: seedText("Title", "Caption.", "The lede.", "teleSUR/ JF"),
    errors: [`${FILE}:2: no dateline like "August 28, 2024 Hour: 9:04 am" after the title`],
  },
  {
    name: "February 30",
    text: seedText("Title", "February 30, 2024 Hour: 9:04 am", "The lede.", "teleSUR/ JF"),
    errors: [`${FILE}:3: dateline "February 30, 2024 Hour: 9:04 am" is not a real date`],
  },
  {
    name: "February 29 in a common year",
    text: seedText("Title", "February 29, 2023 Hour: 9:04 am", "The lede.", "teleSUR/ JF"),
    errors: [`${FILE}:3: dateline "February 29, 2023 Hour: 9:04 am" is not a real date`],
  },
  {
    name: "the time 25:61",
    text: seedText("Title", "August 28, 2024 Hour: 25:61 pm", "The lede.", "teleSUR/ JF"),
    errors: [`${FILE}:3: dateline "August 28, 2024 Hour: 25:61 pm" is not a real time: "25:61 pm"`],
  },
  {
    name: "the hour 0 on a 12-hour clock",
    text: seedText("Title", "August 28, 2024 Hour: 0:30 am", "The lede.", "teleSUR/ JF"),
    errors: [`${FILE}:3: dateline "August 28, 2024 Hour: 0:30 am" is not a real time: "0:30 am"`],
  },
  {
    name: "a time without am or pm",
    text: seedText("Title", "August 28, 2024 Hour: 9:04", "The lede.", "teleSUR/ JF"),
    errors: [`${FILE}:3: dateline "August 28, 2024 Hour: 9:04" has no 12-hour time like "9:04 am"`],
  },
  {
    name: "a month that does not exist",
    text: seedText("Title", "Augtober 28, 2024 Hour: 9:04 am", "The lede.", "teleSUR/ JF"),
    errors: [`${FILE}:3: dateline "Augtober 28, 2024 Hour: 9:04 am" names no month: "Augtober"`],
  },
  {
    name: "nothing after the dateline",
    text: seedText("Title", "August 28, 2024 Hour: 9:04 am"),
    errors: [`${FILE}:3: no lede paragraph and no byline after the dateline`],
  },
  {
    name: "a byline but no lede",
    text: seedText("Title", "August 28, 2024 Hour: 9:04 am", "teleSUR/ JF"),
    errors: [`${FILE}:3: no lede paragraph after the dateline`],
  },
  {
    name: "a last line that is prose, not a byline",
    text: seedText(...MINIMAL.slice(0, 3), "The seed was cut off here."),
    errors: [
      `${FILE}:7: last line "The seed was cut off here." is not a byline like "teleSUR/ JF Source: EFE – El Salto"`,
    ],
  },
  {
    name: "a Source: marker naming no source",
    text: seedText(...MINIMAL.slice(0, 3), "teleSUR/ JF Source:"),
    errors: [`${FILE}:7: byline "teleSUR/ JF Source:" has "Source:" but names no source`],
  },
  {
    name: "a RELATED: marker with no headline after it",
    text: seedText(...MINIMAL.slice(0, 3), "RELATED:", "teleSUR/ JF"),
    errors: [`${FILE}:7: "RELATED:" is not followed by a headline`],
  },
  {
    name: "two caption blocks",
    text: seedText("Title", "Caption one.", "Caption two.", ...MINIMAL.slice(1)),
    errors: [`${FILE}:5: only one photo caption may stand between the title and the dateline`],
  },
  {
    name: "a file name that cannot give an id",
    text: seedText(...MINIMAL),
    file: "seeds/draft (copy).txt",
    errors: [
      "seeds/draft (copy).txt:1: file name must be like 000_eb764ef8279581fd.txt or my-article.txt to give a stable id",
    ],
  },
  {
    name: "several problems at once",
    text: seedText("Title", "February 30, 2024 Hour: 13:04 pm", "The lede.", "No byline here."),
    errors: [
      `${FILE}:3: dateline "February 30, 2024 Hour: 13:04 pm" is not a real date`,
      `${FILE}:7: last line "No byline here." is not a byline like "teleSUR/ JF Source: EFE – El Salto"`,
    ],
  },
];

describe("parseArticle reports, with file and line,", () => {
  it.each(failures)("$name", ({ text, file = FILE, errors }) => {
    const result = parseArticle(text, file, UTC);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors.map(formatSeedError)).toEqual(errors);
  });
});
