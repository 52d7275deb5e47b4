/**
 * RSS 2.0 through the `feed` package, with its gaps closed: the byline goes to `dc:creator`
 * (a bare name in `<author>` is invalid RSS), the publisher to `dc:publisher`, and the channel
 * date is the newest article's instead of "now".
 */
import { Feed } from "feed";
import {
  authorName,
  bodyHtml,
  escapeMarkup,
  type FeedInput,
  feedUpdated,
  GENERATOR,
  itemId,
} from "./feed-input";

/** Renders the RSS 2.0 document for a feed. Pure: the same input gives the same bytes. */
export function renderRss({ site, links, articles }: FeedInput): string {
  const feed = new Feed({
    id: site.feedId,
    title: site.title,
    description: site.description,
    link: links.home,
    language: site.language,
    updated: new Date(feedUpdated(articles)),
    generator: GENERATOR,
    feedLinks: { rss: links.rss },
  });
  for (const article of articles) {
    feed.addItem({
      title: article.title,
      id: itemId(article),
      link: links.article(article.slug),
      date: new Date(article.published),
      description: escapeMarkup(article.lede),
      content: bodyHtml(article),
      category: article.sources.map((name) => ({ name })),
      extensions: [
        { name: "dc:creator", objects: { _text: authorName(article) } },
        { name: "dc:publisher", objects: { _text: article.byline.publisher } },
      ],
    });
  }
  return feed.rss2();
}
