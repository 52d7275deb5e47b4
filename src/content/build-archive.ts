/** The archive check: every seed parsed, ids unique, URLs fixed, corrections dated, newest first. Pure. */
import type { Article, ArticleRef, ParsedArticle, SeedError } from "./article";
import { formatInZone } from "./dateline";
import { type ParseOptions, parseArticle } from "./parse-article";
import type { Redirect } from "./redirects";

export interface SeedText {
  /** The path errors name, e.g. `seeds/000_eb764ef8279581fd.txt`. */
  file: string;
  text: string;
  /** When the seed last changed in any way (ms since the epoch): see Article.changedAt. */
  changedAt?: number;
  /** When the seed last changed after it was first published (ms since the epoch); absent if never. */
  correctedAt?: number | null;
}

export interface ArchiveOptions extends ParseOptions {
  /** Old article paths and the ids they lead to, from the redirects file. */
  redirects?: readonly Redirect[];
  /** The redirects file's path, for errors. */
  redirectsFile?: string;
}

export type ArchiveResult =
  | { ok: true; articles: Article[]; redirects: Redirect[] }
  | { ok: false; errors: SeedError[] };

/** What the archive check needs of a parsed seed; the rest (lede, body, ...) is carried along. */
export type ArticleCore = Pick<ParsedArticle, "id" | "slug" | "title" | "published" | "related">;

/** One parsed seed, with its file (for errors) and its history (see SeedText). */
export interface ParsedSeed<T extends ArticleCore> {
  file: string;
  article: T;
  changedAt: number;
  correctedAt: number | null;
}

/** A parsed article with what the whole archive decides: its related links and correction date. */
export type Assembled<T extends ArticleCore> = Omit<T, "related"> &
  Pick<Article, "changedAt" | "updated" | "related">;

export type AssembledArchive<T extends ArticleCore> =
  | { ok: true; articles: Assembled<T>[]; redirects: Redirect[] }
  | { ok: false; errors: SeedError[] };

/**
 * Parses every seed and checks the archive as a whole. Any error anywhere fails the archive:
 * a partial archive would drop articles without anyone noticing.
 */
export function buildArchive(seeds: readonly SeedText[], options: ArchiveOptions): ArchiveResult {
  const errors: SeedError[] = [];
  const parsed: ParsedSeed<ParsedArticle>[] = [];
  for (const seed of seeds) {
    const result = parseArticle(seed.text, seed.file, options);
    if (result.ok) {
      const { changedAt = 0, correctedAt = null } = seed;
      parsed.push({ file: seed.file, article: result.article, changedAt, correctedAt });
    } else errors.push(...result.errors);
  }
  const archive = assembleArchive(parsed, options);
  if (!archive.ok) return { ok: false, errors: [...errors, ...archive.errors] };
  return errors.length > 0 ? { ok: false, errors } : archive;
}

/**
 * Checks parsed seeds as one archive (ids unique, redirects leading somewhere), links RELATED
 * headlines, dates corrections and sorts newest first. Only the fields of ArticleCore are read,
 * so the incremental build can check an archive of summaries without every article's body.
 *
 * An article's URL is `/articles/<id>/<slug>`: the id (unique, checked here) identifies it, so no
 * article that arrives later, however it is titled or dated, can take or move another's URL.
 */
export function assembleArchive<T extends ArticleCore>(
  seeds: readonly ParsedSeed<T>[],
  options: ArchiveOptions,
): AssembledArchive<T> {
  const errors: SeedError[] = [];
  const unique: ParsedSeed<T>[] = [];
  const firstFileById = new Map<string, string>();
  for (const seed of seeds) {
    const earlier = firstFileById.get(seed.article.id);
    if (earlier) {
      errors.push({
        file: seed.file,
        line: 1,
        message: `id "${seed.article.id}" is already used by ${earlier}`,
      });
      continue;
    }
    firstFileById.set(seed.article.id, seed.file);
    unique.push(seed);
  }
  const redirects = options.redirects ?? [];
  for (const redirect of redirects) {
    const file = options.redirectsFile ?? "redirects";
    if (!firstFileById.has(redirect.id)) {
      errors.push({
        file,
        line: redirect.line,
        message: `${redirect.path} leads to no article: no id "${redirect.id}"`,
      });
    }
    const shadowed = shortUrlId(redirect);
    if (firstFileById.has(shadowed) && shadowed !== redirect.id) {
      errors.push({
        file,
        line: redirect.line,
        message: `${redirect.path} is the short URL of article "${shadowed}" and cannot lead to "${redirect.id}"`,
      });
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  // Each date parsed once, and one copy of each article with everything the archive decides:
  // with 10,000 articles or more, these copies are much of what an incremental build does. Not
  // `{ ...article, changedAt, ... }`: in V8 a spread followed by new properties cost 6-10 µs an
  // object (60-110 ms for 10,000), Object.assign about a fifth of that, with the same keys in the
  // same order.
  const times = unique.map(({ article }) => Date.parse(article.published));
  const byTitle = titleIndex(unique, times);
  const assembled = unique.map(({ article, changedAt, correctedAt }, i) =>
    Object.assign({}, article, {
      changedAt,
      updated: updatedDate(article.published, times[i] as number, correctedAt, options.timeZone),
      related: article.related.map(({ headline, position }) => ({
        headline,
        position,
        article: byTitle.get(headline)?.ref ?? null,
      })),
    }),
  );
  return { ok: true, articles: sortNewestFirst(assembled, times), redirects: [...redirects] };
}

/**
 * The id whose short URL (`/articles/<id>`) a redirect's path is: a redirect may take no
 * article's short URL but its own target's.
 *
 * @example shortUrlId({ path: "/articles/eb764ef8279581fd", id: "x", line: 1 }) // "eb764ef8279581fd"
 */
export function shortUrlId(redirect: Pick<Redirect, "path">): string {
  return redirect.path.slice("/articles/".length);
}

/** The published date (at `publishedAt`), or the correction's instant in the same zone when it came later. */
export function updatedDate(
  published: string,
  publishedAt: number,
  correctedAt: number | null,
  timeZone: string,
): string {
  if (correctedAt === null || correctedAt <= publishedAt) return published;
  return formatInZone(correctedAt, timeZone);
}

type Dated = Pick<Article, "id" | "published">;

/** Orders articles newest first; the id breaks ties so the order never depends on file order. */
export function newestFirst(a: Dated, b: Dated): number {
  return compareNewestFirst(Date.parse(a.published), a.id, Date.parse(b.published), b.id);
}

function compareNewestFirst(aTime: number, aId: string, bTime: number, bId: string): number {
  return bTime - aTime || (aId < bId ? -1 : aId > bId ? 1 : 0);
}

/** `newestFirst` for many articles whose dates are parsed already (`times`, in the same order). */
function sortNewestFirst<T extends Dated>(articles: readonly T[], times: readonly number[]): T[] {
  return articles
    .map((article, i) => ({ article, time: times[i] as number }))
    .sort((a, b) => compareNewestFirst(a.time, a.article.id, b.time, b.article.id))
    .map(({ article }) => article);
}

/**
 * Where RELATED headlines lead: each title's article, found here at build time by exact title, so
 * the Worker never needs the whole archive to link one page. The oldest article wins a shared title.
 */
function titleIndex(
  seeds: readonly ParsedSeed<ArticleCore>[],
  times: readonly number[],
): Map<string, { ref: ArticleRef; time: number }> {
  const byTitle = new Map<string, { ref: ArticleRef; time: number }>();
  for (const [i, { article }] of seeds.entries()) {
    const time = times[i] as number;
    const holder = byTitle.get(article.title);
    // Oldest first: the one `newestFirst` puts last.
    if (!holder || compareNewestFirst(time, article.id, holder.time, holder.ref.id) > 0) {
      byTitle.set(article.title, { ref: { id: article.id, slug: article.slug }, time });
    }
  }
  return byTitle;
}
