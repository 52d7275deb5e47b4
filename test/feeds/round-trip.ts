/** Helpers for reading our feeds back through an independent parser. */
import { decodeHTML } from "entities";

/** The text of each `<p>` in an HTML fragment, entities decoded. */
export function paragraphsOf(html: string): string[] {
  return [...html.matchAll(/<p>(.*?)<\/p>/gs)].map((match) => decodeHTML(match[1] ?? ""));
}

/** Text that was escaped once as HTML, decoded back. */
export function htmlText(html: string | undefined): string {
  return decodeHTML(html ?? "");
}
