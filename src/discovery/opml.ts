/** The OPML 2.0 subscription list: the site's feed and every source's, for a reader to import at once. */

import { escapeMarkup as x } from "../feeds/escape";
import type { FeedChannel } from "../feeds/feed-input";
import { toRfc822 } from "../feeds/rss";

/**
 * One outline per feed, in RSS: a reader that imported every format of a feed would show each
 * article three times. The site's feed first, then the sources' under one folder (an outline with
 * only `text`, as the W3C validator asks of an outline that is not a feed). Pure.
 */
export function renderOpml(
  { title, modified }: { title: string; modified: string },
  site: FeedChannel,
  sources: readonly FeedChannel[],
): string {
  const outline = (channel: FeedChannel, indent: string) =>
    `${indent}<outline type="rss" text="${x(channel.title)}" title="${x(channel.title)}" xmlUrl="${x(channel.urls.rss)}" htmlUrl="${x(channel.homeUrl)}"/>\n`;
  const folder =
    sources.length > 0
      ? `    <outline text="Sources">\n${sources.map((source) => outline(source, "      ")).join("")}    </outline>\n`
      : "";
  return `<?xml version="1.0" encoding="utf-8"?>
<opml version="2.0">
  <head>
    <title>${x(title)}</title>
    <dateModified>${toRfc822(modified)}</dateModified>
  </head>
  <body>
${outline(site, "    ")}${folder}  </body>
</opml>
`;
}
