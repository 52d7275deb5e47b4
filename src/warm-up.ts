/** A later feed page's and list page's code, run once over a sample article when the Worker loads. */
import { ChunkLines } from "./archive/archive";
import { lineLayout } from "./archive/pack-archive";
import { parseSiteConfig } from "./config";
import type { Article } from "./content/article";
import { storedArticle } from "./content/body-html";
import { renderAtom } from "./feeds/atom";
import { type FeedInput, siteChannel } from "./feeds/feed-input";
import { renderJsonFeed } from "./feeds/json-feed";
import { renderRss } from "./feeds/rss";
import { encodeParts } from "./http/representation";
import { renderIndexPage } from "./pages/index-page";
import { siteLinks } from "./site-links";

/**
 * Reads a chunk of two sample articles the way a feed page and a list read theirs, renders them
 * in the three formats and as a list page; returns the three documents, and the list page, which
 * hono/html finishes asynchronously. V8 compiles a function on its first call, so without this
 * the first later feed page on a new isolate compiled the chunk reader, the renderers and the
 * encoder inside its own request, whose CPU limit is 10 ms: 6.8 M of its 37.6 M instructions at 50
 * items (a list's later page, 2.3 M of 19.3 M). Loading the Worker, whose limit is its own (1 s),
 * now pays for it, with the sample's own work: 15 M instructions, 3-4 ms, once per isolate.
 * The article page is left out: warming it too made a list's first request no cheaper, as the
 * collector then ran inside it.
 */
export function warmUp(): { feeds: Uint8Array[]; listPage: Promise<string> } {
  const line = UTF8.encode(JSON.stringify(storedArticle(SAMPLE)));
  const layout = lineLayout([line]);
  const header = JSON.stringify({ hash: "warm-up", lines: [layout, layout] });
  const bytes = encodeParts([`${header}\n`, line, "\n", line]);
  const chunk = new ChunkLines(bytes, "the warm-up's sample");
  const summary = new ChunkLines(bytes, "the warm-up's sample").summary(0);
  const site = parseSiteConfig({}).config;
  const links = siteLinks(SAMPLE_ORIGIN);
  const input: FeedInput = {
    site,
    links,
    channel: siteChannel(site, links),
    articles: [chunk.feedArticle(1), chunk.feedArticle(0)],
    paging: { page: 2, pageCount: 3 },
    modified: 0,
  };
  return {
    feeds: [renderRss, renderAtom, renderJsonFeed].map((render) => encodeParts(render(input))),
    listPage: renderIndexPage({ site, links }, [summary, summary], input.paging),
  };
}

const UTF8 = new TextEncoder();
/** A reserved name (RFC 2606): the sample is never served. */
const SAMPLE_ORIGIN = "https://warm-up.wirefeed.invalid";

/** An article with everything a feed item shows: a photo, a RELATED headline, an author, sources. */
const SAMPLE: Article = {
  id: "0000000000000000",
  slug: "warm-up-sample",
  title: "Warm-up sample & <title>",
  photo: { caption: "A caption.", credit: "A credit" },
  published: "2024-08-28T09:04:00-04:00",
  updated: "2024-08-29T10:00:00-04:00",
  changedAt: 0,
  lede: "A lede with “quotes” & an ampersand.",
  body: ["One paragraph.", "Another, in Київ.", "A third."],
  related: [
    { headline: "A related headline", position: 1, article: { id: "1111111111111111", slug: "related" } },
  ],
  byline: { publisher: "A publisher", author: "An author" },
  sources: ["EFE", "AFP"],
};
