/** The archive as the Worker reads it: articles fetched from static assets a chunk at a time. */
import type { ArticleSummary, FeedArticle, StoredArticle } from "../content/article";
import { paragraphBreaks } from "../content/body-html";
import { type DeferredDetach, droppedBuffers } from "../deferred-detach";
import { PromiseCache } from "../promise-cache";
import {
  type ArchiveManifest,
  type ChunkHeader,
  chunkPath,
  HASH_LENGTH,
  HTML_KEY,
  hashAt,
  type IconName,
  type IndexFile,
  iconPath,
  indexPath,
  type LineLayout,
  prerenderedPagePath,
  type ShardFile,
  type SitemapBlockFile,
  type SourceEntry,
  shardOf,
  shardPath,
  sitemapBlockPath,
  sourceChunkPath,
} from "./layout";
import { decodePrerenderedPage, type PrerenderedPage } from "./prerendered-page";

/** Read access to every published article, newest first. */
export interface Archive {
  readonly manifest: ArchiveManifest;
  /** Articles at newest-first positions [start, end), clamped to the archive, as a feed reads them. */
  newest(start: number, end: number): Promise<FeedArticle[]>;
  /** As `newest`, only what a list shows of each, read without the rest of the article. */
  newestSummaries(start: number, end: number): Promise<ArticleSummary[]>;
  /** The article with this id, if the archive has it. */
  byId(id: string): Promise<StoredArticle | undefined>;
  /** The article an old path (from the redirects file) leads to, if any. */
  redirected(path: string): Promise<StoredArticle | undefined>;
  /** The index: every source, and the sitemap's blocks. */
  index(): Promise<IndexFile>;
  /** A source's articles at its newest-first positions [start, end), clamped, as a feed reads them. */
  sourceNewest(source: SourceEntry, start: number, end: number): Promise<FeedArticle[]>;
  /** As `sourceNewest`, only what a list shows of each. */
  sourceNewestSummaries(source: SourceEntry, start: number, end: number): Promise<ArticleSummary[]>;
  /** Sitemap block `index`: article paths and their Last-Modified, newest first. */
  sitemapBlock(index: number): Promise<SitemapBlockFile>;
  /** One of the site's icon files. */
  icon(name: IconName): Promise<Uint8Array>;
  /** The page the build rendered ahead for a request path (e.g. `/feed.xml`), if it rendered one. */
  prerendered(path: string): Promise<PrerenderedPage | undefined>;
}

/**
 * The archive's files could not be read as this build wrote them: a fetch failed, timed out or
 * answered non-2xx, or a file was corrupt or from another build (a deploy in flight, a build
 * half-written under `wrangler dev`). Passing: the app answers 503 and remembers nothing.
 */
export class ArchiveUnavailableError extends Error {
  override readonly name = "ArchiveUnavailableError";
}

/** Fetches one asset by path, e.g. `/chunks/0.1a2b3c4d5e6f.json`; the Worker passes its ASSETS binding. */
export type AssetFetcher = (path: string) => Promise<Response>;

export interface AssetArchiveOptions {
  /** How long one asset fetch may take before it counts as failed. */
  timeoutMs?: number;
  /** The file cache's budget in bytes (see FILE_CACHE_BUDGET); tests make it small. */
  fileCacheBytes?: number;
}

/**
 * Archive files kept per isolate, counted by their size on disk: 4 MiB of files (about 30 chunks;
 * a chunk keeps its bytes until every line is parsed, and parsed articles take two to three times
 * their bytes in the heap), whatever the traffic. The bytes of a chunk or prerendered page it
 * lets go of are freed at once, after the requests that might read them (see DeferredDetach).
 */
const FILE_CACHE_BUDGET = {
  maxBytes: 4 * 1024 * 1024,
  sizeOf: (file: LoadedFile) => file.bytes,
  maxEntries: 1024,
  dropped: (file: LoadedFile) => {
    if (file.ownBuffer) droppedBuffers.letGo(file.ownBuffer);
  },
};

/** A file as read: its parsed value, and the bytes it took on disk. */
interface LoadedFile {
  value: unknown;
  bytes: number;
  /** The buffer of the file's bytes, which only its value holds: freed once the cache lets go of it. */
  ownBuffer?: ArrayBuffer;
}
const DEFAULT_TIMEOUT_MS = 5_000;

/**
 * An archive over the asset files `packArchive` wrote. Startup reads nothing; each request
 * fetches and parses only the files it needs, checks each against the manifest, and keeps it for
 * the next request. A file that cannot be read is an ArchiveUnavailableError and is not kept.
 */
export function assetArchive(
  fetchAsset: AssetFetcher,
  manifest: ArchiveManifest,
  { timeoutMs = DEFAULT_TIMEOUT_MS, fileCacheBytes = FILE_CACHE_BUDGET.maxBytes }: AssetArchiveOptions = {},
): Archive {
  const files = new PromiseCache<LoadedFile>({ ...FILE_CACHE_BUDGET, maxBytes: fileCacheBytes });
  const shardCount = manifest.shardHashes.length / HASH_LENGTH;

  /**
   * The file at `path`, read by `read` and checked by `isValid`, once per isolate while it stays
   * cached; any failure on the way is an ArchiveUnavailableError, and is not kept.
   */
  async function load<T>(
    path: string,
    read: (response: Response) => Promise<LoadedFile>,
    isValid: (value: unknown) => value is T,
  ): Promise<T> {
    const file = await files.get(path, async () => {
      const response = await withTimeout(() => fetchAsset(path), timeoutMs, path);
      if (!response.ok) {
        await response.body?.cancel();
        throw new ArchiveUnavailableError(`archive file ${path} answered ${response.status}`);
      }
      let loaded: LoadedFile;
      try {
        loaded = await read(response);
      } catch {
        throw new ArchiveUnavailableError(`archive file ${path} could not be read`);
      }
      if (!isValid(loaded.value))
        throw new ArchiveUnavailableError(`archive file ${path} is not the one this build wrote`);
      return loaded;
    });
    return file.value as T;
  }

  /** A JSON file of the archive (chunk, shard, index, sitemap block). */
  function loadJson<T>(path: string, isValid: (value: unknown) => value is T): Promise<T> {
    return load(
      path,
      async (response) => {
        const text = await response.text();
        return { value: JSON.parse(text), bytes: text.length };
      },
      isValid,
    );
  }

  /** A run of articles stored oldest first in chunk files: the whole archive, or one source's. */
  interface ChunkedList {
    count: number;
    chunkHashes: string;
    pathOf(index: number, hash: string): string;
  }
  const everything: ChunkedList = {
    count: manifest.articleCount,
    chunkHashes: manifest.chunkHashes,
    pathOf: chunkPath,
  };

  function chunk(list: ChunkedList, index: number): Promise<ChunkLines> {
    const hash = hashAt(list.chunkHashes, index);
    const path = list.pathOf(index, hash);
    const expectedLength = Math.min(manifest.chunkSize, list.count - index * manifest.chunkSize);
    return load(
      path,
      async (response) => {
        const bytes = new Uint8Array(await response.arrayBuffer());
        const value = new ChunkLines(bytes, path, droppedBuffers);
        return { value, bytes: bytes.byteLength, ownBuffer: bytes.buffer };
      },
      (lines): lines is ChunkLines =>
        (lines as ChunkLines).header?.hash === hash && (lines as ChunkLines).count === expectedLength,
    );
  }

  /** The articles at oldest-first `positions` of a list, each read from its chunk by `read`. */
  async function atOldestFirst<T>(
    list: ChunkedList,
    positions: number[],
    read: (lines: ChunkLines, index: number) => T,
  ): Promise<T[]> {
    const chunkIndexes = [...new Set(positions.map((position) => Math.floor(position / manifest.chunkSize)))];
    const chunks = new Map(
      await Promise.all(chunkIndexes.map(async (index) => [index, await chunk(list, index)] as const)),
    );
    return positions.map((position) =>
      read(
        chunks.get(Math.floor(position / manifest.chunkSize)) as ChunkLines,
        position % manifest.chunkSize,
      ),
    );
  }

  /** Newest-first positions [start, end) of a list, as oldest-first ones, read by `read`. */
  function newestOf<T>(
    list: ChunkedList,
    start: number,
    end: number,
    read: (lines: ChunkLines, index: number) => T,
  ): Promise<T[]> {
    const from = Math.max(0, start);
    const to = Math.min(list.count, end);
    const positions = Array.from({ length: Math.max(0, to - from) }, (_, i) => list.count - 1 - (from + i));
    return atOldestFirst(list, positions, read);
  }

  /** A source's articles as a chunked list. */
  function sourceList(source: SourceEntry): ChunkedList {
    return {
      count: source.count,
      chunkHashes: source.chunkHashes,
      pathOf: (index: number, hash: string) => sourceChunkPath(source.slug, index, hash),
    };
  }

  async function lookup(key: string): Promise<StoredArticle | undefined> {
    if (manifest.articleCount === 0) return undefined;
    const index = shardOf(key, shardCount);
    const hash = hashAt(manifest.shardHashes, index);
    const shard = await loadJson(shardPath(index, hash), (value): value is ShardFile => {
      const file = value as Partial<ShardFile> | null;
      return file?.hash === hash && typeof file.keys === "object" && file.keys !== null;
    });
    const position = Object.hasOwn(shard.keys, key) ? shard.keys[key] : undefined;
    if (position === undefined) return undefined;
    if (!Number.isInteger(position) || position < 0 || position >= manifest.articleCount) {
      throw new ArchiveUnavailableError(
        `archive lookup ${key} names position ${position}, outside the archive`,
      );
    }
    const [article] = await atOldestFirst(everything, [position], wholeArticle);
    return article;
  }

  function index(): Promise<IndexFile> {
    const hash = manifest.indexHash;
    return loadJson(indexPath(hash), (value): value is IndexFile => {
      const file = value as Partial<IndexFile> | null;
      return file?.hash === hash && Array.isArray(file.sources) && typeof file.sitemapHashes === "string";
    });
  }

  return {
    manifest,
    newest(start, end) {
      return newestOf(everything, start, end, forFeed);
    },
    newestSummaries(start, end) {
      return newestOf(everything, start, end, summaryOnly);
    },
    index,
    sourceNewest(source, start, end) {
      return newestOf(sourceList(source), start, end, forFeed);
    },
    sourceNewestSummaries(source, start, end) {
      return newestOf(sourceList(source), start, end, summaryOnly);
    },
    icon(name) {
      const hash = manifest.iconHashes[name];
      const path = iconPath(name, hash);
      return load(
        path,
        async (response) => {
          const bytes = new Uint8Array(await response.arrayBuffer());
          return { value: bytes, bytes: bytes.byteLength };
        },
        (bytes): bytes is Uint8Array =>
          bytes instanceof Uint8Array && bytes.byteLength === manifest.iconSizes[name],
      );
    },
    async prerendered(path) {
      const hash = Object.hasOwn(manifest.pages, path) ? manifest.pages[path] : undefined;
      if (hash === undefined) return undefined;
      return load(
        prerenderedPagePath(hash),
        async (response) => {
          const bytes = new Uint8Array(await response.arrayBuffer());
          return { value: decodePrerenderedPage(bytes), bytes: bytes.byteLength, ownBuffer: bytes.buffer };
        },
        (page): page is PrerenderedPage => (page as PrerenderedPage).hash === hash,
      );
    },
    async sitemapBlock(blockIndex) {
      const hash = hashAt((await index()).sitemapHashes, blockIndex);
      return loadJson(sitemapBlockPath(blockIndex, hash), (value): value is SitemapBlockFile => {
        const file = value as Partial<SitemapBlockFile> | null;
        return file?.hash === hash && Array.isArray(file.entries);
      });
    },
    async byId(id) {
      // Redirected paths share the lookup; an id never starts with "/", so it only finds ids.
      if (id.startsWith("/")) return undefined;
      const article = await lookup(id);
      return article?.id === id ? article : undefined;
    },
    redirected(path) {
      return path.startsWith("/") ? lookup(path) : Promise.resolve(undefined);
    },
  };
}

const wholeArticle = (lines: ChunkLines, index: number) => lines.article(index);
const summaryOnly = (lines: ChunkLines, index: number) => lines.summary(index);
const forFeed = (lines: ChunkLines, index: number) => lines.feedArticle(index);

/**
 * A chunk file as read (see ChunkHeader): its bytes, each line found where the header says, and
 * each article parsed the first time it is asked for, so a page showing one article parses one
 * line, a list parses only the start of each line it shows (see `summary`), and a feed all of a
 * line but the body's HTML, which it copies as bytes (see `feedArticle`). A line that is not
 * where the header says is an ArchiveUnavailableError for the pages that show it, and for them
 * only. Exported for the warm-up (src/warm-up.ts).
 */
export class ChunkLines {
  readonly header: ChunkHeader;
  /** How many articles the file holds. */
  readonly count: number;
  /** Where each article's line starts, and one past where the last one ends. */
  private readonly starts: number[];
  private readonly layouts: LineLayout[];
  private readonly parsed: (StoredArticle | undefined)[] = [];
  private unparsed: number;

  constructor(
    /** Let go once every article is parsed. */
    private bytes: Uint8Array,
    private readonly path: string,
    /** Frees the bytes' buffer, which only this chunk holds, once every line is parsed (eviction is the file cache's). */
    private readonly buffers?: Pick<DeferredDetach, "letGo">,
  ) {
    const headerEnd = bytes.indexOf(LINE_BREAK);
    this.header = this.parse(UTF8.decode(bytes.subarray(0, headerEnd))) as ChunkHeader;
    this.layouts = Array.isArray(this.header?.lines) ? this.header.lines : [];
    // Plain loops and indexes here: destructuring runs the iteration protocol, which a new
    // isolate interprets at a cost per line.
    let start = headerEnd + 1;
    this.starts = [start];
    for (let i = 0; i < this.layouts.length; i++) {
      start += Number((this.layouts[i] as LineLayout)[0]) + 1;
      this.starts.push(start);
    }
    this.count = this.layouts.length;
    this.unparsed = this.count;
  }

  /** The article on line `index` (0 is the oldest), checked to be one. */
  article(index: number): StoredArticle {
    let article = this.parsed[index];
    if (article === undefined) {
      const [start, end] = this.lineAt(index);
      const value = this.parse(UTF8.decode(this.bytes.subarray(start, end))) as Partial<StoredArticle> | null;
      if (typeof value?.id !== "string" || typeof value.html !== "string") throw this.notOurs();
      article = value as StoredArticle;
      this.parsed[index] = article;
      if (--this.unparsed === 0) {
        // Readers holding views of the bytes still read them: they are freed after those readers.
        this.buffers?.letGo(this.bytes.buffer as ArrayBuffer);
        this.bytes = new Uint8Array();
      }
    }
    return article;
  }

  /**
   * What a list shows of the article on line `index`, parsed from the start of its line only.
   * The build writes an article's keys in the order parseArticle makes them, the summary's first,
   * so the JSON before the HTML's key is the summary but for its closing brace. A line whose HTML
   * the header does not place is parsed whole. Summaries are parsed anew each time, not kept: a list
   * page is rendered once or twice before the render cache keeps it, and kept summaries outlived
   * their page's young collections, to wait in the heap for a full one (README, Hostile input).
   */
  summary(index: number): ArticleSummary {
    const known = this.parsed[index];
    if (known !== undefined) return known;
    const [start, end] = this.lineAt(index);
    const html = this.htmlAt(index, start, end);
    const value = (
      html === undefined
        ? this.parse(UTF8.decode(this.bytes.subarray(start, end)))
        : this.parse(`${UTF8.decode(this.bytes.subarray(start, html.key))}}`)
    ) as Partial<ArticleSummary> | null;
    if (!isSummary(value)) throw this.notOurs();
    return {
      id: value.id,
      slug: value.slug,
      title: value.title,
      published: value.published,
      lede: value.lede,
    };
  }

  /**
   * The article on line `index` for a feed: every key parsed but the body's HTML, which is the
   * line's own bytes where the header places them (the build writes it so that they need no
   * escaping, see body-html.ts), and the header's paragraph breaks.
   */
  feedArticle(index: number): FeedArticle {
    const known = this.parsed[index];
    if (known !== undefined) return wholeForFeed(known);
    const [start, end] = this.lineAt(index);
    const html = this.htmlAt(index, start, end);
    if (html === undefined) return wholeForFeed(this.article(index));
    const rest = this.parse(
      `${UTF8.decode(this.bytes.subarray(start, html.key))},${UTF8.decode(this.bytes.subarray(html.end + 2, end))}`,
    ) as Partial<FeedArticle> | null;
    if (!isSummary(rest) || !Array.isArray(rest.related) || !Array.isArray(rest.sources))
      throw this.notOurs();
    return {
      ...(rest as Omit<FeedArticle, "html" | "breaks">),
      html: this.bytes.subarray(html.start, html.end),
      breaks: html.breaks,
    };
  }

  private notOurs(): ArchiveUnavailableError {
    return new ArchiveUnavailableError(`archive file ${this.path} is not the one this build wrote`);
  }

  /** The bytes [start, end) of article line `index`, checked to stand between line breaks. */
  private lineAt(index: number): [number, number] {
    const start = this.starts[index];
    const next = this.starts[index + 1];
    const { bytes } = this;
    if (
      start === undefined ||
      next === undefined ||
      bytes[start - 1] !== LINE_BREAK ||
      !(next === bytes.byteLength + 1 || bytes[next - 1] === LINE_BREAK)
    )
      throw new ArchiveUnavailableError(`archive file ${this.path} lacks line ${index + 2}`);
    return [start, next - 1];
  }

  /**
   * Where line `index` holds its HTML and the key before it, by the header, checked to be there
   * and followed by more keys; undefined when the header places none.
   */
  private htmlAt(index: number, start: number, end: number) {
    const layout = this.layouts[index] as LineLayout;
    if (layout.length < 3) return undefined;
    const htmlStart = start + (layout[1] as number);
    const htmlEnd = start + (layout[2] as number);
    const key = htmlStart - HTML_KEY_BYTES.byteLength;
    const { bytes } = this;
    let placed =
      key >= start && htmlEnd + 2 <= end && bytes[htmlEnd] === QUOTE && bytes[htmlEnd + 1] === COMMA;
    for (let i = 0; placed && i < HTML_KEY_BYTES.byteLength; i++)
      placed = bytes[key + i] === HTML_KEY_BYTES[i];
    if (!placed) throw this.notOurs();
    return { key, start: htmlStart, end: htmlEnd, breaks: layout.slice(3) };
  }

  private parse(json: string): unknown {
    try {
      return JSON.parse(json);
    } catch {
      throw new ArchiveUnavailableError(`archive file ${this.path} could not be read`);
    }
  }
}

/** An article parsed whole as a feed reads it: its HTML encoded again, and its breaks found. */
function wholeForFeed(article: StoredArticle): FeedArticle {
  const html = UTF8_ENCODER.encode(article.html);
  return { ...article, html, breaks: paragraphBreaks(html) };
}

const UTF8 = new TextDecoder();
const UTF8_ENCODER = new TextEncoder();
const HTML_KEY_BYTES = UTF8_ENCODER.encode(HTML_KEY);
const LINE_BREAK = 0x0a;
const QUOTE = 0x22;
const COMMA = 0x2c;

function isSummary<T extends Partial<ArticleSummary>>(value: T | null): value is T & ArticleSummary {
  return (
    typeof value?.id === "string" &&
    typeof value.slug === "string" &&
    typeof value.title === "string" &&
    typeof value.published === "string" &&
    typeof value.lede === "string"
  );
}

/** The fetch, or an ArchiveUnavailableError when it throws or takes longer than `ms`. */
async function withTimeout(fetching: () => Promise<Response>, ms: number, path: string): Promise<Response> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new ArchiveUnavailableError(`archive file ${path} took over ${ms} ms`)),
      ms,
    );
  });
  try {
    return await Promise.race([fetching(), timeout]);
  } catch (error) {
    if (error instanceof ArchiveUnavailableError) throw error;
    throw new ArchiveUnavailableError(`archive file ${path} could not be fetched: ${String(error)}`);
  } finally {
    clearTimeout(timer);
  }
}
