import { describe, expect, it } from "vitest";
import { parseBuildConfig } from "../scripts/lib/build-config";
import { parseSiteConfig } from "../src/config";

describe("parseSiteConfig", () => {
  it("has a sensible default for every setting", () => {
    expect(parseSiteConfig({})).toEqual({
      config: {
        siteUrl: null,
        title: "wirefeed",
        description: "News articles published with wirefeed",
        language: "en",
        feedId: "urn:wirefeed:feed",
        feedItemLimit: 50,
        cacheControl: "public, max-age=300, stale-while-revalidate=3600",
        websubHub: null,
      },
      problems: [],
    });
  });

  it("reads every setting from [vars]", () => {
    const { config, problems } = parseSiteConfig({
      SITE_URL: "https://news.example.com/",
      SITE_TITLE: "Wire",
      SITE_DESCRIPTION: "All the news",
      SITE_LANGUAGE: "es-VE",
      FEED_ID: "tag:news.example.com,2024:feed",
      FEED_ITEM_LIMIT: "20",
      CACHE_MAX_AGE: "60",
      CACHE_STALE_WHILE_REVALIDATE: "600",
      WEBSUB_HUB: "https://hub.example.com/",
    });
    expect(problems).toEqual([]);
    expect(config).toEqual({
      siteUrl: "https://news.example.com",
      title: "Wire",
      description: "All the news",
      language: "es-VE",
      feedId: "tag:news.example.com,2024:feed",
      feedItemLimit: 20,
      cacheControl: "public, max-age=60, stale-while-revalidate=600",
      websubHub: "https://hub.example.com/",
    });
  });

  it.each([
    { name: "SITE_URL", value: "https://example.com/news", problem: "no path" },
    { name: "SITE_URL", value: "ftp://example.com", problem: "an origin" },
    { name: "SITE_LANGUAGE", value: "English", problem: "a language tag" },
    { name: "FEED_ID", value: "my feed", problem: "a urn: or tag: IRI" },
    { name: "FEED_ITEM_LIMIT", value: "0", problem: "from 1 to 100" },
    { name: "FEED_ITEM_LIMIT", value: "101", problem: "from 1 to 100" },
    { name: "FEED_ITEM_LIMIT", value: "ten", problem: "from 1 to 100" },
    { name: "CACHE_MAX_AGE", value: "-1", problem: "a whole number" },
    { name: "WEBSUB_HUB", value: "hub.example.com", problem: "an http: or https: URL" },
  ])("reports $name = $value and falls back to the default", ({ name, value, problem }) => {
    const { config, problems } = parseSiteConfig({ [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(name);
    expect(problems[0]).toContain(problem);
    expect(config).toEqual(parseSiteConfig({}).config);
  });
});

describe("parseBuildConfig", () => {
  it.each([
    { vars: {}, timeZone: "UTC", problems: [] },
    { vars: { TIME_ZONE: "America/Caracas" }, timeZone: "America/Caracas", problems: [] },
    {
      vars: { TIME_ZONE: "Mars/Olympus_Mons" },
      timeZone: "UTC",
      problems: [
        'TIME_ZONE = "Mars/Olympus_Mons" is not valid (an IANA time zone such as America/Caracas); using "UTC"',
      ],
    },
  ])("reads TIME_ZONE from $vars", ({ vars, timeZone, problems }) => {
    expect(parseBuildConfig(vars)).toEqual({ config: { timeZone, siteIcon: null }, problems });
  });

  it("is the only reader of TIME_ZONE: the Worker's settings neither hold nor check it", () => {
    expect(parseSiteConfig({ TIME_ZONE: "Mars/Olympus_Mons" }).problems).toEqual([]);
    expect(parseSiteConfig({ TIME_ZONE: "America/Caracas" }).config).not.toHaveProperty("timeZone");
  });
});
