/** The news sources articles name, grouped by slug: the feeds per source are built from these. */
import type { Article } from "./article";
import { slugify } from "./identity";

/** One source as its feed and page show it. */
export interface Source {
  /** URL segment under /sources/, e.g. `agencia-brasil`. */
  slug: string;
  /** The most common spelling among the articles that name it, e.g. `Agência Brasil`. */
  name: string;
}

/**
 * A source's slug, by the article-slug rules; a name with no Latin letters at all gets a hash.
 *
 * @example sourceSlug("Agência Brasil") // "agencia-brasil"
 */
export function sourceSlug(name: string): string {
  const slug = slugify(name);
  if (slug !== "") return slug;
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return `source-${hash.toString(16).padStart(8, "0")}`;
}

/** A source and the oldest-first positions of the articles that name it. */
export interface SourceArticles extends Source {
  positions: number[];
}

/**
 * Groups the sources of articles (oldest first) by slug. Spellings that fold to one slug share it,
 * under the most common spelling (ties: the first in code-point order). Sorted by slug.
 *
 * @example groupSources([{ sources: ["EFE"] }, { sources: ["efe", "EFE"] }]) // [{ slug: "efe", name: "EFE", positions: [0, 1] }]
 */
export function groupSources(oldestFirst: readonly Pick<Article, "sources">[]): SourceArticles[] {
  const groups = new Map<string, { spellings: Map<string, number>; positions: number[] }>();
  const slugs = new Map<string, string>();
  oldestFirst.forEach((article, position) => {
    for (const name of article.sources) {
      let slug = slugs.get(name);
      if (slug === undefined) {
        slug = sourceSlug(name);
        slugs.set(name, slug);
      }
      let group = groups.get(slug);
      if (!group) {
        group = { spellings: new Map(), positions: [] };
        groups.set(slug, group);
      }
      group.spellings.set(name, (group.spellings.get(name) ?? 0) + 1);
      if (group.positions.at(-1) !== position) group.positions.push(position);
    }
  });
  return [...groups]
    .map(([slug, { spellings, positions }]) => ({ slug, name: mostCommon(spellings), positions }))
    .sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
}

function mostCommon(counts: ReadonlyMap<string, number>): string {
  let best = "";
  let bestCount = 0;
  for (const [name, count] of counts) {
    if (count > bestCount || (count === bestCount && name < best)) {
      best = name;
      bestCount = count;
    }
  }
  return best;
}
