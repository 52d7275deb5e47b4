/** Helpers for reading our feeds back through an independent parser. */
import { decodeHTML } from "entities";

/** What a reader shows of each `<p>` of an HTML fragment: its text, tags dropped, entities decoded. */
export function paragraphTexts(html: string): string[] {
  return [...html.matchAll(/<p>(.*?)<\/p>/gs)].map((match) =>
    decodeHTML((match[1] ?? "").replace(/<[^>]*>/g, "")),
  );
}

/** The href of every link in an HTML fragment, in order. */
export function linksOf(html: string): string[] {
  return [...html.matchAll(/<a href="([^"]*)">/g)].map((match) => decodeHTML(match[1] ?? ""));
}

/** Text that was escaped once as HTML, decoded back. */
export function htmlText(html: string | undefined): string {
  return decodeHTML(html ?? "");
}
