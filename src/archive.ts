/** The published archive as the Worker sees it: the build's articles, looked up by slug and title. */
import type { Article } from "./content/article";
import { ARTICLES } from "./generated/articles";

let bySlug: Map<string, Article> | undefined;
let slugByTitle: Map<string, string> | undefined;

/** Every article, newest first. */
export function allArticles(): readonly Article[] {
  return ARTICLES;
}

/** The newest `limit` articles. */
export function newestArticles(limit: number): readonly Article[] {
  return ARTICLES.slice(0, limit);
}

export function findArticle(slug: string): Article | undefined {
  bySlug ??= new Map(ARTICLES.map((article) => [article.slug, article]));
  return bySlug.get(slug);
}

/** Title to slug, for linking RELATED headlines to articles we publish. */
export function slugsByTitle(): ReadonlyMap<string, string> {
  slugByTitle ??= new Map(ARTICLES.map((article) => [article.title, article.slug]));
  return slugByTitle;
}
