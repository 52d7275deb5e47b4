/** The archive check: every seed parsed, ids unique, slugs assigned, newest first. Pure. */
import type { Article, ParsedArticle, SeedError } from "./article";
import { slugify } from "./identity";
import { type ParseOptions, parseArticle } from "./parse-article";

export interface SeedText {
  /** The path errors name, e.g. `seeds/000_eb764ef8279581fd.txt`. */
  file: string;
  text: string;
}

export type ArchiveResult = { ok: true; articles: Article[] } | { ok: false; errors: SeedError[] };

/**
 * Parses every seed and checks the archive as a whole. Any error anywhere fails the archive:
 * a partial archive would drop articles without anyone noticing.
 */
export function buildArchive(seeds: readonly SeedText[], options: ParseOptions): ArchiveResult {
  const errors: SeedError[] = [];
  const parsed: ParsedArticle[] = [];
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
    parsed.push(result.article);
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, articles: sortNewestFirst(linkRelated(assignSlugs(parsed))) };
}

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

type SluggedArticle = ParsedArticle & { slug: string };

/**
 * Gives each article its title's slug. When titles collide, the oldest article keeps the plain
 * slug and each later one gets its id appended, so publishing a new article never moves an old one.
 */
function assignSlugs(articles: readonly ParsedArticle[]): SluggedArticle[] {
  const byBase = new Map<string, ParsedArticle[]>();
  for (const article of articles) {
    const base = slugify(article.title) || "article";
    byBase.set(base, [...(byBase.get(base) ?? []), article]);
  }
  const taken = new Set(byBase.keys());
  const result: SluggedArticle[] = [];
  for (const [base, group] of byBase) {
    const [oldest, ...later] = [...group].sort((a, b) => -newestFirst(a, b));
    if (oldest) result.push({ ...oldest, slug: base });
    for (const article of later) {
      const short = `${base}-${article.id.slice(0, 8)}`;
      const slug = taken.has(short) ? `${base}-${article.id}` : short;
      taken.add(slug);
      result.push({ ...article, slug });
    }
  }
  return result;
}

/**
 * Resolves RELATED headlines to the archive's articles by exact title, here at build time, so the
 * Worker never needs the whole archive to link one page. The oldest article wins a shared title.
 */
function linkRelated(articles: readonly SluggedArticle[]): Article[] {
  const slugByTitle = new Map<string, string>();
  for (const article of sortNewestFirst(articles).reverse()) {
    if (!slugByTitle.has(article.title)) slugByTitle.set(article.title, article.slug);
  }
  return articles.map((article) => ({
    ...article,
    related: article.related.map((headline) => ({ headline, slug: slugByTitle.get(headline) ?? null })),
  }));
}
