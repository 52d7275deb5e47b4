/**
 * What Last-Modified says: the last time anything that shapes a representation's bytes changed,
 * so it never goes back and moves whenever the bytes do (README, "Modified").
 */
import type { ArchiveManifest } from "../archive/layout";
import type { Article } from "../content/article";

type Times = Pick<ArchiveManifest, "seedsChanged" | "codeChanged">;

/**
 * A feed page, an index page or the 404 page: which articles it lists, and where, depends on
 * every seed (an addition, correction or retraction anywhere can shift it) and on the code.
 *
 * @example listModified({ seedsChanged: 2_000, codeChanged: 1_000 }) // 2000
 */
export function listModified({ seedsChanged, codeChanged }: Times): number {
  return Math.max(seedsChanged, codeChanged);
}

/**
 * An article page: its own seed's last change and the code; and, when it has RELATED headlines,
 * every seed too, since whether a headline links depends on the other articles' titles.
 */
export function articleModified(
  article: Pick<Article, "changedAt"> & { related: ArrayLike<unknown> },
  times: Times,
): number {
  const own = Math.max(article.changedAt, times.codeChanged);
  return article.related.length > 0 ? Math.max(own, times.seedsChanged) : own;
}
