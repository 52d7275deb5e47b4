/** The archive folder as a build writes it: each file only if new or changed, the rest removed. */
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
  writevSync,
} from "node:fs";
import path from "node:path";
import { prerenderedPagePath } from "../../src/archive/layout";
import type { AssetFile } from "../../src/archive/pack-archive";
import { prerenderedPageName } from "../../src/archive/prerendered-page";

/**
 * The archive folder as the build sees it: the files already there (with their sizes). The build
 * `write`s every file it wants, each as it comes (only if it is new or differs), the archive's and
 * then the prerendered pages, which read the archive's through `readAsset`; `removeStale` then
 * removes the rest.
 */
export class ArchiveOutput {
  /** How many files the sync wrote or removed. */
  changes = 0;
  private readonly existing = new Map<string, number>();
  private readonly folders = new Set<string>();
  /** Each file given to `write`, by asset path, with its size (NaN: kept, but not in the folder). */
  private readonly wanted = new Map<string, number>();

  /**
   * A file is taken for the one its name stands for (the hash of its content) if it has its size,
   * unread. With `settledAt`, when the build that left the folder was done writing it (ms), a file
   * changed since then is not: its bytes are compared before it is kept.
   */
  constructor(
    private readonly folder: string,
    settledAt?: number,
  ) {
    const entries = existsSync(folder) ? readdirSync(folder, { recursive: true, withFileTypes: true }) : [];
    for (const entry of entries) {
      const file = path.join(entry.parentPath, entry.name);
      // A *.tmp file is another build's write in flight (wrangler dev's watcher, say): leave it be.
      if (entry.isFile() && !entry.name.endsWith(".tmp")) {
        const { size, ctimeMs } = statSync(file);
        this.existing.set(file, settledAt !== undefined && ctimeMs >= settledAt ? Number.NaN : size);
      }
      if (entry.isDirectory()) this.folders.add(file);
    }
  }

  /**
   * Takes the file at an asset path for damaged: it is written again, rather than kept for having
   * its name and size (a file of the same size whose bytes changed would pass for itself).
   */
  distrust(asset: string): void {
    const file = path.join(this.folder, asset);
    if (this.existing.has(file)) this.existing.set(file, Number.NaN);
  }

  /** The size of the file at an asset path, or undefined when there is none. */
  sizeOf(asset: string): number | undefined {
    return this.existing.get(path.join(this.folder, asset));
  }

  /**
   * Writes the files (see AssetFile) that are not in place already; returns what the generator
   * returns once done (archiveFiles: the manifest).
   */
  write<T>(files: Iterator<AssetFile, T>): T {
    let next = files.next();
    for (; !next.done; next = files.next()) {
      const [asset, content] = next.value;
      const file = path.join(this.folder, asset);
      if (content === null) {
        this.wanted.set(asset, this.existing.get(file) ?? Number.NaN);
        continue;
      }
      const parts = content instanceof Uint8Array ? [content] : content;
      const size = parts.reduce((sum, part) => sum + part.byteLength, 0);
      this.wanted.set(asset, size);
      if (this.writeFile(file, parts, size)) this.changes++;
    }
    return next.value;
  }

  /** A file of the archive as written so far, as the Worker's ASSETS binding would answer it. */
  readonly readAsset = async (asset: string): Promise<Response> => {
    return this.wanted.has(asset)
      ? new Response(readFileSync(path.join(this.folder, asset)))
      : new Response(null, { status: 404 });
  };

  /** A file of the archive as written so far, as text. */
  readText(asset: string): string {
    return readFileSync(path.join(this.folder, asset), "utf8");
  }

  /** A file of the folder, written by this build or an earlier one. */
  read(asset: string): Buffer {
    return readFileSync(path.join(this.folder, asset));
  }

  /**
   * Whether the prerendered page named `name` is in the folder, whole (see prerendered-page.ts):
   * told by its header and its size, without reading the body (33 pages of about 300 KB each at
   * 10,000 articles). A header longer than what is read is a page rendered again.
   */
  holdsPage(name: string): boolean {
    const file = path.join(this.folder, prerenderedPagePath(name));
    const size = this.existing.get(file);
    if (size === undefined || Number.isNaN(size)) return false;
    const start = Buffer.alloc(Math.min(size, PAGE_HEADER_READ));
    const descriptor = openSync(file, "r");
    let whole = false;
    try {
      readSync(descriptor, start, 0, start.byteLength, 0);
      whole = prerenderedPageName(start, size) === name;
    } catch {
      // Not a page file the build writes: rendered again.
    } finally {
      closeSync(descriptor);
    }
    // A page is named by what it is made of, not by its bytes: a damaged file of the page's size
    // must not pass for it when the page is written again.
    if (!whole) this.distrust(prerenderedPagePath(name));
    return whole;
  }

  /** Every file given to `write` so far, by asset path, with its size in bytes. */
  files(): ReadonlyMap<string, number> {
    return this.wanted;
  }

  /** Removes every file that `write` was not given, and folders left empty. */
  removeStale(): void {
    const wanted = new Set([...this.wanted.keys()].map((asset) => path.join(this.folder, asset)));
    for (const file of this.existing.keys()) {
      if (!wanted.has(file)) {
        rmSync(file);
        this.changes++;
      }
    }
    // A folder an earlier layout used (slugs/, say) goes too once empty; rmdir refuses a full one.
    for (const folder of [...this.folders].sort().reverse()) {
      try {
        rmdirSync(folder);
      } catch {}
    }
  }

  /**
   * Writes a file unless it is there already. A file new to the folder is written as it is:
   * nothing names it until the manifest does.
   */
  private writeFile(file: string, parts: readonly Uint8Array[], size: number): boolean {
    // Named by the hash of its content: a file of that name and size is this file already.
    if (this.existing.get(file) === size) return false;
    if (this.existing.has(file)) return writeIfChanged(file, Buffer.concat(parts));
    const folder = path.dirname(file);
    if (!this.folders.has(folder)) {
      mkdirSync(folder, { recursive: true });
      this.folders.add(folder);
    }
    const descriptor = openSync(file, "w");
    try {
      // One system call for the whole file; a short write (rare, but allowed) is done again whole.
      if (writevSync(descriptor, parts, 0) !== size) writeFileSync(file, Buffer.concat(parts));
    } finally {
      closeSync(descriptor);
    }
    return true;
  }
}

/** How much of a prerendered page's file the build reads to know it whole: its header, at most. */
const PAGE_HEADER_READ = 64 * 1024;

/** Writes through a temporary file and a rename, so readers never see half a file. */
export function writeIfChanged(file: string, content: string | Uint8Array): boolean {
  const previous = existsSync(file) ? readFileSync(file) : null;
  const bytes = typeof content === "string" ? Buffer.from(content) : content;
  if (previous?.equals(bytes)) return false;
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, file);
  return true;
}
