/** The photo caption block, `Presidents ... (R). Photo: X/ @AlphaNewsAM`, split from its credit. */
import type { PhotoCaption } from "./article";

const CREDIT_MARKER = /\s*\bPhoto:\s*/gi;

/**
 * Splits at the last `Photo:`; a caption without one has no credit.
 *
 * @example parsePhotoCaption("Putin (R). Photo: X/ @AlphaNewsAM") // { caption: "Putin (R).", credit: "X/ @AlphaNewsAM" }
 */
export function parsePhotoCaption(text: string): PhotoCaption {
  const markers = [...text.matchAll(CREDIT_MARKER)];
  const last = markers.at(-1);
  if (!last) return { caption: text, credit: null };
  const credit = text.slice(last.index + last[0].length).trim();
  return { caption: text.slice(0, last.index).trim(), credit: credit === "" ? null : credit };
}
