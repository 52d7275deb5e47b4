/** The site icon: served at the URLs browsers and feed readers ask for, and named by pages and feeds. */
import { exports } from "cloudflare:workers";
import { parseAtomFeed, parseRssFeed } from "feedsmith";
import { describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { memoryArchive, syntheticArticles, TEST_ICONS } from "./fixtures/synthetic-archive";

const { archive } = memoryArchive(syntheticArticles(30));
const app = createApp({ archive: () => archive });
const BASE = "https://news.example.com";
const ENV = { SITE_URL: BASE, SITE_TITLE: "Wire" };
const get = (path: string, headers: Record<string, string> = {}) =>
  Promise.resolve(app.fetch(new Request(`${BASE}${path}`, { headers }), ENV));

describe("icon files", () => {
  it.each([
    ["/favicon.ico", "favicon.ico", "image/x-icon"],
    ["/icon.svg", "icon.svg", "image/svg+xml"],
    ["/icon-32.png", "icon-32.png", "image/png"],
    ["/icon-64.png", "icon-64.png", "image/png"],
    ["/icon-144.png", "icon-144.png", "image/png"],
    ["/icon-180.png", "icon-180.png", "image/png"],
    ["/icon-512.png", "icon-512.png", "image/png"],
    ["/logo.png", "logo.png", "image/png"],
  ] as const)("%s is the build's %s, as %s, with validators", async (path, name, type) => {
    const response = await get(path);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe(type);
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(TEST_ICONS[name]);
    expect(response.headers.get("Last-Modified")).toBe("Sun, 01 Sep 2024 08:00:00 GMT");
    const etag = response.headers.get("ETag") ?? "";
    expect((await get(path, { "If-None-Match": etag })).status).toBe(304);
  });

  it("sends the SVG with a policy that lets it run nothing", async () => {
    expect((await get("/icon.svg")).headers.get("Content-Security-Policy")).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    );
  });

  it("serves the real build's favicon.ico as an ICO and its SVG as SVG", async () => {
    const ico = new Uint8Array(
      await (await exports.default.fetch("http://127.0.0.1:8787/favicon.ico")).arrayBuffer(),
    );
    expect([...ico.subarray(0, 4)]).toEqual([0, 0, 1, 0]);
    const svg = await (await exports.default.fetch("http://127.0.0.1:8787/icon.svg")).text();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  });
});

describe("pages and feeds name the icon", () => {
  it("links the favicon, the SVG icon and the touch icon from every page", async () => {
    for (const path of ["/", "/sources", "/nope"]) {
      const html = await (await get(path)).text();
      expect(html).toContain(`<link rel="icon" href="${BASE}/favicon.ico" sizes="32x32">`);
      expect(html).toContain(`<link rel="icon" href="${BASE}/icon.svg" type="image/svg+xml">`);
      expect(html).toContain(`<link rel="apple-touch-icon" href="${BASE}/icon-180.png">`);
    }
  });

  it("gives RSS an image, Atom an icon and a logo, JSON Feed an icon and a favicon", async () => {
    const rss = parseRssFeed(await (await get("/sources/efe/feed.xml")).text());
    expect(rss.image).toEqual({
      url: `${BASE}/icon-144.png`,
      title: "Wire: EFE",
      link: `${BASE}/sources/efe`,
      width: 144,
      height: 144,
    });
    const atom = parseAtomFeed(await (await get("/atom.xml")).text());
    expect([atom.icon, atom.logo]).toEqual([`${BASE}/icon-64.png`, `${BASE}/logo.png`]);
    const json = (await (await get("/feed.json")).json()) as { icon: string; favicon: string };
    expect([json.icon, json.favicon]).toEqual([`${BASE}/icon-512.png`, `${BASE}/icon-64.png`]);
  });
});
