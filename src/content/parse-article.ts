/** The seed parser: plain text in, an Article or located errors out. Pure: no I/O, no clock. */
import type { ParsedArticle, PhotoCaption, SeedError } from "./article";
import { parseBylineLine } from "./byline";
import { cleanProse } from "./clean-text";
import { looksLikeDateline, parseDateline, toZonedTimestamp } from "./dateline";
import { idFromFileName, slugify } from "./identity";
import { parsePhotoCaption } from "./photo-caption";

export interface ParseOptions {
  /** IANA zone the dateline is read in, e.g. `America/Caracas`. */
  timeZone: string;
}

export type ParseResult = { ok: true; article: ParsedArticle } | { ok: false; errors: SeedError[] };

/** A run of non-blank lines, with the 1-based number of its first line. */
interface Block {
  line: number;
  lines: string[];
}

const RELATED_MARKER = /^RELATED:\s*(.*)$/i;
// White space and the characters cleanProse removes: a line of only these cleans to nothing.
// biome-ignore lint/suspicious/noControlCharactersInRegex: those characters are the point.
const BLANK_LINE = /^[\s\u0000-\u001F\u007F-\u009F\uFFFE\uFFFF]*$/;

/**
 * Parses one seed. `file` is the path errors name, e.g. `seeds/000_eb764ef8279581fd.txt`;
 * its base name gives the article id.
 *
 * @example parseArticle(text, "seeds/000_eb764ef8279581fd.txt", { timeZone: "UTC" })
 */
export function parseArticle(text: string, file: string, options: ParseOptions): ParseResult {
  const errors: SeedError[] = [];
  const fail = (line: number, message: string) => errors.push({ file, line, message });

  const id = idFromFileName(file.slice(file.lastIndexOf("/") + 1));
  if (id === null) {
    fail(1, "file name must be like 000_eb764ef8279581fd.txt or my-article.txt to give a stable id");
  }

  const { blocks, lineCount } = splitBlocks(text.replace(/^\uFEFF/, ""));
  const [titleBlock, ...rest] = blocks;
  if (!titleBlock) {
    fail(1, "seed is empty");
    return { ok: false, errors };
  }
  const title = cleanProse(titleBlock.lines[0] ?? "");
  if (looksLikeDateline(title)) {
    fail(titleBlock.line, "no title: the first line is the dateline");
    return { ok: false, errors };
  }
  // The title is one line: anything under it in the same block is the next block.
  const afterTitle = titleBlock.lines.length > 1 ? [restOf(titleBlock, 1), ...rest] : rest;

  const datelineIndex = afterTitle.findIndex((block) => looksLikeDateline(block.lines[0] ?? ""));
  const datelineBlock = afterTitle[datelineIndex];
  if (!datelineBlock) {
    const afterTitleLine = Math.min(titleBlock.line + 1, lineCount);
    fail(afterTitleLine, 'no dateline like "August 28, 2024 Hour: 9:04 am" after the title');
    return { ok: false, errors };
  }

  let photo: PhotoCaption | null = null;
  const beforeDateline = afterTitle.slice(0, datelineIndex);
  const [captionBlock, extraBlock] = beforeDateline;
  if (extraBlock) {
    fail(extraBlock.line, "only one photo caption may stand between the title and the dateline");
  } else if (captionBlock) {
    photo = parsePhotoCaption(joinProse(captionBlock));
  }

  let published = "";
  const dateline = parseDateline(datelineBlock.lines[0] ?? "");
  if (dateline.ok) {
    published = toZonedTimestamp(dateline.local, options.timeZone);
  } else {
    fail(datelineBlock.line, dateline.message);
  }

  const afterDateline = datelineBlock.lines.length > 1 ? [restOf(datelineBlock, 1)] : [];
  afterDateline.push(...afterTitle.slice(datelineIndex + 1));
  const lastBlock = afterDateline.at(-1);
  if (!lastBlock) {
    fail(datelineBlock.line, "no lede paragraph and no byline after the dateline");
    return { ok: false, errors };
  }
  const bylineLineNumber = lastBlock.line + lastBlock.lines.length - 1;
  const bylineResult = parseBylineLine(cleanProse(lastBlock.lines.at(-1) ?? ""));
  if (!bylineResult.ok) fail(bylineLineNumber, bylineResult.message);

  const textBlocks = afterDateline.slice(0, -1);
  if (lastBlock.lines.length > 1) textBlocks.push({ ...lastBlock, lines: lastBlock.lines.slice(0, -1) });
  const paragraphs: string[] = [];
  const related: ParsedArticle["related"] = [];
  // Body paragraphs so far: every paragraph but the first, the lede.
  const position = () => Math.max(0, paragraphs.length - 1);
  for (let i = 0; i < textBlocks.length; i++) {
    const block = textBlocks[i] as Block;
    const text = joinProse(block);
    const marker = RELATED_MARKER.exec(text);
    if (!marker) {
      paragraphs.push(text);
    } else if (marker[1]) {
      related.push({ headline: marker[1], position: position() });
    } else {
      const headline = textBlocks[++i];
      if (headline) related.push({ headline: joinProse(headline), position: position() });
      else fail(block.line, '"RELATED:" is not followed by a headline');
    }
  }
  const [lede, ...body] = paragraphs;
  if (lede === undefined) fail(datelineBlock.line, "no lede paragraph after the dateline");

  if (errors.length > 0 || !bylineResult.ok || lede === undefined || id === null) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    // In this order: the archive writes these keys as they stand, and a list reads an article's
    // summary (id to lede) from the start of its line, before its body (see ChunkLines.summary).
    article: {
      id,
      slug: slugify(title) || "article",
      title,
      photo,
      published,
      lede,
      body,
      related,
      byline: bylineResult.byline,
      sources: bylineResult.sources,
    },
  };
}

/**
 * Splits a seed into blocks of non-blank lines. A line of nothing but white space and characters
 * the parser removes anyway counts as blank, so no block (a title above all) can come out empty.
 */
function splitBlocks(text: string): { blocks: Block[]; lineCount: number } {
  const blocks: Block[] = [];
  let current: Block | null = null;
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (BLANK_LINE.test(line)) {
      current = null;
    } else if (current) {
      current.lines.push(line);
    } else {
      current = { line: i + 1, lines: [line] };
      blocks.push(current);
    }
  }
  return { blocks, lineCount: lines.length };
}

function restOf(block: Block, from: number): Block {
  return { line: block.line + from, lines: block.lines.slice(from) };
}

function joinProse(block: Block): string {
  return cleanProse(block.lines.join(" "));
}
