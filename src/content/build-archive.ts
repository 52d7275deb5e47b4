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

/**
 * Parses every seed and checks the archive as a whole. Any error anywhere fails the archive:
 * a partial archive would drop articles without anyone noticing.
 *
 * An article's URL is `/articles/<id>/<slug>`: the id (unique, checked here) identifies it, so no
 * article that arrives later, however it is titled or dated, can take or move another's URL.
 */
export function buildArchive(seeds: readonly SeedText[], options: ArchiveOptions): ArchiveResult {
  const errors: SeedError[] = [];
  const parsed: (ParsedArticle & Pick<Article, "changedAt"> & { correctedAt: number | null })[] = [];
  const firstFileById = new Map<string, string>();
  for (const seed of seeds) {
    const result = parseArticle(seed.text, seed.file, options);
    if (!result.ok) {
      errors.push(...result.errors);
      continue;
    }
    const earlier = firstFileById.get(result.article.id);
    if (earlier) {
      errors.push({
        file: seed.file,
        line: 1,
        message: `id "${result.article.id}" is already used by ${earlier}`,
      });
      continue;
    }
    firstFileById.set(result.article.id, seed.file);
    parsed.push({ ...result.article, changedAt: seed.changedAt ?? 0, correctedAt: seed.correctedAt ?? null });
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
    const shadowed = redirect.path.slice("/articles/".length);
    if (firstFileById.has(shadowed) && shadowed !== redirect.id) {
      errors.push({
        file,
        line: redirect.line,
        message: `${redirect.path} is the short URL of article "${shadowed}" and cannot lead to "${redirect.id}"`,
      });
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  const articles = parsed.map(({ correctedAt, ...article }) => ({
    ...article,
    updated: updatedDate(article.published, correctedAt, options.timeZone),
  }));
  return { ok: true, articles: sortNewestFirst(linkRelated(articles)), redirects: [...redirects] };
}

/** The published date, or the correction's instant in the same zone when it came later. */
function updatedDate(published: string, correctedAt: number | null, timeZone: string): string {
  if (correctedAt === null || correctedAt <= Date.parse(published)) return published;
  return formatInZone(correctedAt, timeZone);
}

type UnlinkedArticle = Omit<Article, "related"> & Pick<ParsedArticle, "related">;

type Dated = Pick<Article, "id" | "published">;

/** Orders articles newest first; the id breaks ties so the order never depends on file order. */
export function newestFirst(a: Dated, b: Dated): number {
  return compareNewestFirst(Date.parse(a.published), a.id, Date.parse(b.published), b.id);
}

function compareNewestFirst(aTime: number, aId: string, bTime: number, bId: string): number {
  return bTime - aTime || (aId < bId ? -1 : aId > bId ? 1 : 0);
}

/** `newestFirst` for many articles, parsing each date once instead of on every comparison. */
function sortNewestFirst<T extends Dated>(articles: readonly T[]): T[] {
  return articles
    .map((article) => ({ article, time: Date.parse(article.published) }))
    .sort((a, b) => compareNewestFirst(a.time, a.article.id, b.time, b.article.id))
    .map(({ article }) => article);
}

/**
 * Resolves RELATED headlines to the archive's articles by exact title, here at build time, so the
 * Worker never needs the whole archive to link one page. The oldest article wins a shared title.
 */
function linkRelated(articles: readonly UnlinkedArticle[]): Article[] {
  const byTitle = new Map<string, ArticleRef>();
  for (const article of sortNewestFirst(articles).reverse()) {
    if (!byTitle.has(article.title)) byTitle.set(article.title, { id: article.id, slug: article.slug });
  }
  return articles.map((article) => ({
    ...article,
    related: article.related.map((related) => ({
      ...related,
      article: byTitle.get(related.headline) ?? null,
    })),
  }));
}
