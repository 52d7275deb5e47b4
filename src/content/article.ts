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

/** A headline the seed marked `RELATED:`, linked when the archive publishes an article of that title. */
export interface RelatedHeadline {
  headline: string;
  /** Slug of the archive's article with exactly this title; null when there is none. */
  slug: string | null;
}

export interface Article {
  /** Stable identity from the seed's file name; survives a move to another host. */
  id: string;
  /** URL path segment under /articles/, ASCII and unique in the archive. */
  slug: string;
  /** Where the article came from, e.g. `seeds/000_eb764ef8279581fd.txt`. */
  source: string;
  title: string;
  photo: PhotoCaption | null;
  /** The dateline as an RFC 3339 timestamp in the configured zone, e.g. `2024-08-28T09:04:00-04:00`. */
  published: string;
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
 * An article as one seed yields it: its slug and related links need the whole archive, so a
 * related headline is only its text here.
 */
export type ParsedArticle = Omit<Article, "slug" | "related"> & { related: string[] };

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
