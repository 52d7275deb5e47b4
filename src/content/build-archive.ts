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
  return { ok: true, articles: assignSlugs(parsed).sort(newestFirst) };
}

/** Orders articles newest first; the id breaks ties so the order never depends on file order. */
export function newestFirst(a: ParsedArticle, b: ParsedArticle): number {
  return Date.parse(b.published) - Date.parse(a.published) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Gives each article its title's slug. When titles collide, the oldest article keeps the plain
 * slug and each later one gets its id appended, so publishing a new article never moves an old one.
 */
function assignSlugs(articles: readonly ParsedArticle[]): Article[] {
  const byBase = new Map<string, ParsedArticle[]>();
  for (const article of articles) {
    const base = slugify(article.title) || "article";
    byBase.set(base, [...(byBase.get(base) ?? []), article]);
  }
  const taken = new Set(byBase.keys());
  const result: Article[] = [];
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
