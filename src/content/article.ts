/** The article model: what a seed means once parsed, and what every renderer reads. */

/** Who wrote the article, from the seed's last line, e.g. `teleSUR/ JF`. */
export interface Byline {
  publisher: string;
  /** The author's name or initials; null when the byline names only the publisher. */
  author: string | null;
}

/** The photo caption printed above the dateline, split from its `Photo:` credit. */
export interface PhotoCaption {
  caption: string;
  /** null when the caption carries no `Photo:` credit. */
  credit: string | null;
}

/** What an article's URL is made of: `/articles/<id>/<slug>`. */
export interface ArticleRef {
  id: string;
  slug: string;
}

/** A headline the seed marked `RELATED:`, linked when the archive publishes an article of that title. */
export interface RelatedHeadline {
  headline: string;
  /** Where it stood: how many body paragraphs (the lede not counted) come before it. */
  position: number;
  /** The archive's article with exactly this title; null when there is none. */
  article: ArticleRef | null;
}

/**
 * What a list of articles shows of each (the home page, a source's page, a feed seen in a
 * browser): the title linked to the article, its date and its lede. The archive reads it without
 * the rest of the article (see ChunkLines in src/archive/archive.ts).
 */
export type ArticleSummary = Pick<Article, "id" | "slug" | "title" | "published" | "lede">;

export interface Article extends ArticleRef {
  /**
   * Stable identity from the seed's file name; survives a move to another host, and is what the
   * article's URL hangs on, so no other article can ever take or move it.
   */
  id: string;
  /** The title in ASCII words, after the id in the URL; it names, the id identifies. */
  slug: string;
  title: string;
  photo: PhotoCaption | null;
  /** The dateline as an RFC 3339 timestamp in the configured zone, e.g. `2024-08-28T09:04:00-04:00`. */
  published: string;
  /**
   * When the article was last corrected, in the same zone; `published` when it never was. A
   * correction is any change to the seed after it was first committed (see README, "Modified").
   */
  updated: string;
  /**
   * When the seed last changed in any way, first publication included (ms since the epoch; 0 when
   * unknown): what the article page's Last-Modified starts from.
   */
  changedAt: number;
  /** The first paragraph after the dateline: the summary. */
  lede: string;
  body: string[];
  /** Headlines that followed a `RELATED:` marker, in order. */
  related: RelatedHeadline[];
  byline: Byline;
  /** News agencies and outlets from the `Source:` part of the last line. */
  sources: string[];
}

/**
 * An article as the archive stores it and the Worker reads it: the body as HTML written by the
 * build (see src/content/body-html.ts), in the body's place among the keys.
 */
export type StoredArticle = Omit<Article, "body"> & { html: string };

/**
 * A stored article as a feed page reads it: its body's HTML as the bytes of its line, never
 * decoded, and where each paragraph after the first starts in them (see paragraphBreaks).
 */
export type FeedArticle = Omit<StoredArticle, "html"> & { html: Uint8Array; breaks: readonly number[] };

/**
 * An article as one seed yields it: related links need the whole archive and `updated` the seed's
 * history, so a related headline is only its text here.
 */
export type ParsedArticle = Omit<Article, "related" | "updated" | "changedAt"> & {
  related: Omit<RelatedHeadline, "article">[];
};

/** A problem with a seed, located so a publisher can jump to it. */
export interface SeedError {
  /** e.g. `seeds/000_eb764ef8279581fd.txt` */
  file: string;
  /** 1-based line number. */
  line: number;
  message: string;
}

/** Formats a seed error the way compilers do: `seeds/x.txt:3: message`. */
export function formatSeedError(error: SeedError): string {
  return `${error.file}:${error.line}: ${error.message}`;
}
