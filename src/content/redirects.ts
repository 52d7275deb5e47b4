/**
 * The redirects file (`seeds/redirects.tsv`): article URLs published under an earlier scheme, each
 * naming the id of the article it now leads to, so an old link answers 301 instead of 404.
 */
import type { SeedError } from "./article";

export interface Redirect {
  /** An old article path, e.g. `/articles/presidents-putin-and-aliyev`. */
  path: string;
  /** The id of the article it leads to. */
  id: string;
  /** 1-based line in the redirects file, for errors. */
  line: number;
}

export type RedirectsResult = { ok: true; redirects: Redirect[] } | { ok: false; errors: SeedError[] };

const REDIRECT_LINE = /^(\/articles\/[a-z0-9][a-z0-9_-]*)\s+([a-z0-9][a-z0-9_-]*)$/;

/**
 * Reads `<old path> <id>` lines; blank lines and `#` comments are skipped. A path may appear once.
 *
 * @example parseRedirects("/articles/old-title eb764ef8279581fd", "seeds/redirects.tsv")
 * // { ok: true, redirects: [{ path: "/articles/old-title", id: "eb764ef8279581fd", line: 1 }] }
 */
export function parseRedirects(text: string, file: string): RedirectsResult {
  const redirects: Redirect[] = [];
  const errors: SeedError[] = [];
  const seen = new Map<string, number>();
  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const line = index + 1;
    const content = raw.replace(/#.*$/, "").trim();
    if (content === "") return;
    const match = REDIRECT_LINE.exec(content);
    if (!match) {
      errors.push({ file, line, message: `"${content}" is not "/articles/<old-slug> <article id>"` });
      return;
    }
    const [, path = "", id = ""] = match;
    const earlier = seen.get(path);
    if (earlier !== undefined) {
      errors.push({ file, line, message: `${path} is already redirected on line ${earlier}` });
      return;
    }
    seen.set(path, line);
    redirects.push({ path, id, line });
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, redirects };
}
