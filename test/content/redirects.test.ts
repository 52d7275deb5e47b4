import { describe, expect, it } from "vitest";
import { formatSeedError } from "../../src/content/article";
import { parseRedirects } from "../../src/content/redirects";

const FILE = "seeds/redirects.tsv";

describe("parseRedirects", () => {
  it.each([
    { name: "an empty file", input: "", out: [] },
    {
      name: "a tab-separated line between comments and blank lines",
      input: "# old URLs\n\n/articles/old-title\teb764ef8279581fd  # moved in 2025\n",
      out: [{ path: "/articles/old-title", id: "eb764ef8279581fd", line: 3 }],
    },
    {
      name: "spaces and CRLF line endings",
      input: "/articles/a   aaaa\r\n/articles/b bbbb\r\n",
      out: [
        { path: "/articles/a", id: "aaaa", line: 1 },
        { path: "/articles/b", id: "bbbb", line: 2 },
      ],
    },
  ])("reads $name", ({ input, out }) => {
    expect(parseRedirects(input, FILE)).toEqual({ ok: true, redirects: out });
  });

  it.each([
    {
      name: "a path outside /articles/",
      input: "/feed.xml aaaa",
      errors: [`${FILE}:1: "/feed.xml aaaa" is not "/articles/<old-slug> <article id>"`],
    },
    {
      name: "a line without an id",
      input: "\n/articles/old",
      errors: [`${FILE}:2: "/articles/old" is not "/articles/<old-slug> <article id>"`],
    },
    {
      name: "a path of two segments",
      input: "/articles/a/b aaaa",
      errors: [`${FILE}:1: "/articles/a/b aaaa" is not "/articles/<old-slug> <article id>"`],
    },
    {
      name: "the same path twice",
      input: "/articles/a aaaa\n/articles/a bbbb",
      errors: [`${FILE}:2: /articles/a is already redirected on line 1`],
    },
  ])("reports $name with its line", ({ input, errors }) => {
    const result = parseRedirects(input, FILE);
    expect(result.ok ? [] : result.errors.map(formatSeedError)).toEqual(errors);
  });
});
