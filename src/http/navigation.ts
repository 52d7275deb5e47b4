/**
 * Telling a person's browser from a feed reader, for the feed URLs: browsers send Fetch Metadata
 * (`Sec-Fetch-Dest: document`, `Sec-Fetch-Mode: navigate`) when a person opens a URL; feed
 * readers, validators and scripts send neither, whatever `Accept` they send.
 */

/** The request headers the answer depends on, for `Vary`. */
export const NAVIGATION_HEADERS = "Sec-Fetch-Dest, Sec-Fetch-Mode";

/**
 * Whether a person opened this URL in a browser tab.
 *
 * @example isBrowserNavigation((name) => ({ "sec-fetch-dest": "document", "sec-fetch-mode": "navigate" })[name]) // true
 */
export function isBrowserNavigation(header: (name: string) => string | undefined): boolean {
  return header("sec-fetch-dest") === "document" && header("sec-fetch-mode") === "navigate";
}
