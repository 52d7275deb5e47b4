/**
 * The content itself. Global setup already fails the run if any seed in seeds/ is bad; this checks
 * that the reference seed says what a person reading it sees, field by field.
 */
import { describe, expect, it } from "vitest";
import { realArticles } from "../fixtures/real-seeds";

describe("the reference seed, seeds/000_eb764ef8279581fd.txt", () => {
  const article = realArticles().find((candidate) => candidate.id === "eb764ef8279581fd");

  it("reads as the article a person sees in it", () => {
    expect(article).toMatchObject({
      id: "eb764ef8279581fd",
      slug: "presidents-putin-and-aliyev-prepare-a-peace-treaty-between-armenia-and-azerbaijan",
      title: "Presidents Putin and Aliyev Prepare a Peace Treaty Between Armenia and Azerbaijan",
      photo: { caption: "Presidents Ilham Aliyev (L) and Vladimir Putin (R).", credit: "X/ @AlphaNewsAM" },
      published: "2024-08-28T09:04:00-04:00",
      lede: "They talked about border delimitation and the reopening of transportation routes between Armenia and Azerbaijan.",
      related: [
        {
          headline: "Russian Authorities Arrest Terrorists Planning to Attack Churches in the North Caucasus",
          position: 1,
          article: null,
        },
      ],
      byline: { publisher: "teleSUR", author: "JF" },
      sources: ["EFE", "El Salto"],
    });
    expect(article?.body).toHaveLength(9);
    expect(article?.body[0]).toBe(
      "In a phone conversation on Wednesday, Presidents Vladimir Putin of Russia and Ilham Aliyev of Azerbaijan discussed preparations for a peace treaty between Azerbaijan and Armenia.",
    );
    expect(article?.body.at(-1)).toMatch(/^“The Nagorno Karabakh conflict .* it added\.$/);
  });
});
