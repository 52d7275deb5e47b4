/**
 * The incremental build (runs in Node): after every edit, addition, removal and rename, its output
 * is byte for byte what a build from nothing writes, it reads and parses only what changed, and a
 * damaged or stale cache is noticed and ignored.
 */
import { existsSync } from "node:fs";
import {
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rename,
  rm,
  truncate,
  unlink,
  utimes,
  writeFile,
} from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildContent, type ContentBuildResult } from "../../scripts/build-content";
import { syntheticSeeds } from "../../scripts/lib/synthetic-seed";

let work: string;
const seedsDir = () => path.join(work, "seeds");
const incremental = () => ({
  seedsDir: seedsDir(),
  manifestFile: path.join(work, "incremental/manifest.ts"),
  assetsDir: path.join(work, "incremental/archive"),
  wranglerConfig: path.join(work, "wrangler.toml"),
  projectDir: work,
  cacheFile: path.join(work, "incremental/cache.json"),
  // The stamps are read on a worker thread, as at 10,000 seeds, not in the build's own thread.
  stampThreadFrom: 0,
});

/** A build from nothing: a new output folder and no cache. */
async function fromScratch(): Promise<Map<string, Buffer>> {
  const out = await mkdtemp(path.join(work, "scratch-"));
  const result = await buildContent({
    ...incremental(),
    manifestFile: path.join(out, "manifest.ts"),
    assetsDir: path.join(out, "archive"),
    cacheFile: path.join(out, "cache.json"),
  });
  expect(result).toMatchObject({ ok: true, work: { cacheIgnored: "no cache yet" } });
  const files = await outputs(out);
  await rm(out, { recursive: true });
  return files;
}

/** The manifest and every archive file under `root`, by path. */
async function outputs(root: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  files.set("manifest.ts", await readFile(path.join(root, "manifest.ts")));
  const entries = await readdir(path.join(root, "archive"), { recursive: true, withFileTypes: true });
  for (const entry of entries.filter((candidate) => candidate.isFile()).sort()) {
    const file = path.join(entry.parentPath, entry.name);
    files.set(path.relative(root, file), await readFile(file));
  }
  return files;
}

/** Builds incrementally, checks the output against a build from nothing, and returns the result. */
async function buildAndCompare(): Promise<Extract<ContentBuildResult, { ok: true }>> {
  const result = await buildContent(incremental());
  if (!result.ok) throw new Error(result.errors.join("\n"));
  const expected = await fromScratch();
  const actual = await outputs(path.join(work, "incremental"));
  expect([...actual.keys()]).toEqual([...expected.keys()]);
  for (const [file, bytes] of expected) {
    expect(actual.get(file)?.equals(bytes), file).toBe(true);
  }
  return result;
}

const SEEDS = syntheticSeeds(80, 7);
/** A time well before the first build, so that no seed's stamp is too recent to trust. */
const LONG_AGO = new Date(Date.UTC(2026, 0, 1));
let minute = 0;

/** Writes a seed with a file time of its own, a minute after the last one written. */
async function writeSeed(name: string, text: string): Promise<void> {
  const file = path.join(seedsDir(), name);
  await writeFile(file, text);
  minute++;
  const time = new Date(LONG_AGO.getTime() + minute * 60_000);
  await utimes(file, time, time);
}

async function readSeed(name: string): Promise<string> {
  return readFile(path.join(seedsDir(), name), "utf8");
}

const nameAt = (index: number) => SEEDS[index]?.name ?? "";

const DATELINE = /^\w+ \d+, \d+ Hour: .*$/m;

/** A synthetic seed's dateline as a time (minutes, read as UTC: the order is what matters). */
function datelineTime(index: number): number {
  const [, month, day, year, hour, minute, half] =
    SEEDS[index]?.text.match(/^(\w+) (\d+), (\d+) Hour: (\d+):(\d+) (am|pm)$/m) ?? [];
  const months = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
  ];
  const hours = (Number(hour) % 12) + (half === "pm" ? 12 : 0);
  return (
    Date.UTC(Number(year), months.indexOf(month?.toLowerCase() ?? ""), Number(day), hours, Number(minute)) /
    60_000
  );
}

/** A seed with RELATED headlines that no other step changes. */
const withRelated = () => SEEDS.findIndex((seed, i) => i > 62 && i < 74 && seed.text.includes("RELATED:"));

/** Removes the quick build's state: the next build takes the full path, with the build cache. */
const forgetArchiveState = () => rm(path.join(work, "incremental/archive-state.bin"));

/** The seed with words put before its lede, the paragraph after the dateline. */
const correctLede = (text: string, words: string) => text.replace(/(Hour: [^\n]*\n\n)/, `$1${words}`);

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), "wirefeed-incremental-"));
  await mkdir(seedsDir());
  await writeFile(path.join(work, "wrangler.toml"), '[vars]\nTIME_ZONE = "America/Caracas"\n');
  for (const { name, text } of SEEDS) {
    await writeFile(path.join(seedsDir(), name), text);
    await utimes(path.join(seedsDir(), name), LONG_AGO, LONG_AGO);
  }
  // Stamps written within RACY_MS of a build are read again whatever they say; wait them out once.
  await new Promise((resolve) => setTimeout(resolve, 2100));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe("the incremental build", () => {
  it("starts from nothing, then reads nothing when nothing changed", async () => {
    const first = await buildAndCompare();
    expect(first.work).toMatchObject({ seedsRead: 80, seedsParsed: 80, chunksKept: 0 });
    const again = await buildAndCompare();
    expect(again.work).toMatchObject({ seedsRead: 0, seedsParsed: 0, chunksWritten: 0 });
    expect(again.work.cacheIgnored).toBeUndefined();
  });

  it.each([
    {
      step: "an edited paragraph",
      change: async () => {
        const name = nameAt(10);
        await writeSeed(name, correctLede(await readSeed(name), "Corrected: "));
      },
      reads: 1,
      quick: "yes",
    },
    {
      // Other seeds name this title under RELATED: their links (and chunks) change too.
      step: "an edited title",
      change: async () => {
        const name = nameAt(3);
        await writeSeed(name, `A Corrected Title\n${(await readSeed(name)).split("\n").slice(1).join("\n")}`);
      },
      reads: 1,
      quick: "an edit changed an article's place or links",
    },
    {
      step: "a new seed, newest of all",
      change: () =>
        writeSeed(
          "900000_00000000000000aa.txt",
          (SEEDS[5]?.text ?? "").replace(/^\w+ \d+, \d+ Hour: .*$/m, "December 31, 2025 Hour: 11:59 pm"),
        ),
      reads: 1,
      quick: "yes",
    },
    {
      // Backdated: every chunk after it moves by one article.
      step: "a new seed, older than all",
      change: () =>
        writeSeed(
          "900001_00000000000000bb.txt",
          (SEEDS[6]?.text ?? "").replace(/^\w+ \d+, \d+ Hour: .*$/m, "January 1, 2010 Hour: 1:00 am"),
        ),
      reads: 1,
      quick: "a new article is older than the 50 newest",
    },
    {
      step: "a removed seed",
      change: () => unlink(path.join(seedsDir(), nameAt(20))),
      reads: 0,
      quick: "a removed article's title is a RELATED headline",
    },
    {
      // A new file name is a new id: the old article goes, a new one comes.
      step: "a renamed seed",
      change: () =>
        rename(path.join(seedsDir(), nameAt(30)), path.join(seedsDir(), "900002_00000000000000cc.txt")),
      reads: 1,
      quick: "a new article is older than the 50 newest",
    },
    {
      // Its file time is its change time here (no git): its chunk and sitemap entry change.
      step: "a seed written again with the same bytes",
      change: async () => writeSeed(nameAt(40), await readSeed(nameAt(40))),
      reads: 1,
      parses: 0,
      quick: "yes",
    },
    {
      step: "two edited paragraphs",
      change: async () => {
        await writeSeed(nameAt(41), correctLede(await readSeed(nameAt(41)), "Corrected: "));
        await writeSeed(nameAt(42), correctLede(await readSeed(nameAt(42)), "Also corrected: "));
      },
      reads: 2,
      quick: "yes",
    },
    {
      // The article moves: every chunk between its old place and its new one changes.
      step: "an edited date",
      change: async () =>
        writeSeed(
          nameAt(61),
          (await readSeed(nameAt(61))).replace(/^\w+ \d+, \d+ Hour: .*$/m, "January 2, 2011 Hour: 3:00 am"),
        ),
      reads: 1,
      quick: "an edit changed an article's place or links",
    },
    {
      // Its slug stays: only its line in the chunk, and the links to it, tell.
      step: "a title edited in its punctuation alone",
      change: async () => {
        const name = nameAt(62);
        await writeSeed(
          name,
          (await readSeed(name)).replace(/^[^\n]+/, (title) => `${title}!`),
        );
      },
      reads: 1,
      quick: "an edit changed an article's place or links",
    },
    {
      step: "an edited RELATED headline",
      change: async () => {
        const name = nameAt(withRelated());
        await writeSeed(
          name,
          (await readSeed(name)).replace(/(RELATED:\n\n)[^\n]+/, "$1A Headline No Article Has"),
        );
      },
      reads: 1,
      quick: "an edit changed an article's place or links",
    },
    {
      step: "two new seeds, newest of all, one linking to the other",
      change: async () => {
        const dated = (index: number, dateline: string) =>
          (SEEDS[index]?.text ?? "").replace(/^\w+ \d+, \d+ Hour: .*$/m, dateline);
        const first = dated(7, "January 2, 2026 Hour: 9:00 am").replace(/^[^\n]+/, "The First New Story");
        await writeSeed("900003_00000000000000dd.txt", first);
        const second = dated(8, "January 3, 2026 Hour: 9:00 am").replace(
          /(RELATED:\n\n)[^\n]+/,
          "$1The First New Story",
        );
        await writeSeed("900004_00000000000000ee.txt", second);
      },
      reads: 2,
      quick: "yes",
    },
    {
      // An older article's RELATED headline (the step before last) would lead to it.
      step: "a new seed titled as a RELATED headline with no article",
      change: () =>
        writeSeed(
          "900005_00000000000000ff.txt",
          (SEEDS[9]?.text ?? "")
            .replace(/^\w+ \d+, \d+ Hour: .*$/m, "January 4, 2026 Hour: 9:00 am")
            .replace(/^[^\n]+/, "A Headline No Article Has"),
        ),
      reads: 1,
      quick: "a new article's title is a RELATED headline",
    },
    {
      // Wire copy that arrives late, just newer than the 37th newest synthetic seed (the same
      // time, a lower id): the 40 or so articles newer than it move up a place, and with them the
      // chunks after its own, one of which holds as many articles as before, all moved.
      step: "a new seed among the newest",
      change: () => {
        const byDate = SEEDS.map((_, index) => index).sort((a, b) => datelineTime(b) - datelineTime(a));
        const dateline = SEEDS[byDate[36] ?? 0]?.text.match(DATELINE)?.[0] ?? "";
        const text = (SEEDS[12]?.text ?? "")
          .replace(DATELINE, dateline)
          .replace(/^[^\n]+/, "A Late Wire Story");
        return writeSeed("900006_0000000000000100.txt", text);
      },
      reads: 1,
      quick: "yes",
    },
    {
      // Just behind the newest, under an older article's title: links to it stay with that one.
      step: "a new seed titled as an older article",
      change: () => {
        const title = (SEEDS[0]?.text ?? "").split("\n")[0] ?? "";
        const text = (SEEDS[11]?.text ?? "")
          .replace(DATELINE, "January 3, 2026 Hour: 10:00 am")
          .replace(/^[^\n]+/, title);
        return writeSeed("900007_0000000000000101.txt", text);
      },
      reads: 1,
      quick: "yes",
    },
    {
      // Two articles have that title now: its headline leads to the oldest, as a full build's does.
      // It names a source of its own (pulled later, its source goes with it).
      step: "a new seed whose RELATED headline names two articles",
      change: () => {
        const title = (SEEDS[0]?.text ?? "").split("\n")[0] ?? "";
        const text = (SEEDS[withRelated()]?.text ?? "")
          .replace(DATELINE, "January 5, 2026 Hour: 9:00 am")
          .replace(/^[^\n]+/, "A Story Linking Back")
          .replace(/(RELATED:\n\n)[^\n]+/, `$1${title}`)
          .replace(/[^\n]*\n*$/, "teleSUR/ JF Source: A Wire Of Its Own\n");
        return writeSeed("900008_0000000000000102.txt", text);
      },
      reads: 1,
      quick: "yes",
    },
    {
      // Headlines "The First New Story" would lead to it, the oldest of that title, not to 900003.
      step: "a new seed older than an article of its title",
      change: () =>
        writeSeed(
          "900009_0000000000000103.txt",
          (SEEDS[13]?.text ?? "")
            .replace(DATELINE, "January 1, 2026 Hour: 8:00 am")
            .replace(/^[^\n]+/, "The First New Story"),
        ),
      reads: 1,
      quick: "a new article is older than one of its title",
    },
    {
      // A story pulled just after it was published: no article moves, its chunks shrink, and the
      // source only it named is gone.
      step: "the newest seed removed",
      change: () => unlink(path.join(seedsDir(), "900008_0000000000000102.txt")),
      reads: 0,
      quick: "yes",
    },
    {
      // The same id, so the same URL: the articles newer than it move, and back.
      step: "a seed among the newest renamed, keeping its id",
      change: () =>
        rename(
          path.join(seedsDir(), "900006_0000000000000100.txt"),
          path.join(seedsDir(), "900010_0000000000000100.txt"),
        ),
      reads: 1,
      quick: "yes",
    },
    {
      // 900004's RELATED headline leads to it; then to 900009, the other article of its title.
      step: "a removed seed whose title a RELATED headline leads to",
      change: () => unlink(path.join(seedsDir(), "900003_00000000000000dd.txt")),
      reads: 0,
      quick: "a removed article's title is a RELATED headline",
    },
  ])("writes what a build from nothing writes after $step", async ({ change, reads, parses, quick }) => {
    await change();
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const result = await buildAndCompare();
    expect(result.work).toMatchObject({ seedsRead: reads, seedsParsed: parses ?? reads });
    expect(result.work.cacheIgnored).toBeUndefined();
    // A quick build (scripts/lib/quick-build.ts) when nothing moved; else the full one, and why.
    expect(result.work.quick ? "yes" : result.work.quickRefused).toBe(quick);
  });

  it.each([
    {
      damage: "a damaged archive state",
      apply: async () => {
        const file = path.join(work, "incremental/archive-state.bin");
        const bytes = await readFile(file);
        bytes[100] = (bytes[100] ?? 0) ^ 0x01;
        await writeFile(file, bytes);
      },
      refused: "archive state damaged (checksum)",
    },
    {
      damage: "a manifest the last build did not write",
      apply: async () => writeFile(incremental().manifestFile, "// another build's\n", { flag: "a" }),
      refused: "the manifest is not the one the last build wrote",
    },
    {
      // A new key in the lookup shards, which a quick build keeps as they were.
      damage: "a new line in the redirects file",
      apply: async () =>
        writeFile(
          path.join(seedsDir(), "redirects.tsv"),
          `/articles/an-old-title ${nameAt(74).split("_")[1]?.replace(".txt", "")}\n`,
        ),
      refused: "the redirects file changed",
    },
    {
      // The edited article's own chunk: a quick build copies its neighbours' lines from it.
      damage: "a damaged chunk file",
      apply: async () => {
        const chunks = path.join(work, "incremental/archive/chunks");
        const id = `"id":"${nameAt(75).split("_")[1]?.replace(".txt", "")}"`;
        for (const name of await readdir(chunks)) {
          const bytes = await readFile(path.join(chunks, name));
          if (!bytes.includes(id)) continue;
          const at = bytes.indexOf(id) + 7;
          bytes[at] = (bytes[at] ?? 0) ^ 0x01;
          await writeFile(path.join(chunks, name), bytes);
        }
      },
      refused: /^chunk \d+ was damaged$/,
    },
    {
      // Cut short, so no longer JSON: every quick build reads the sources' chunks from it.
      damage: "an index file cut short",
      apply: async () => {
        const archive = path.join(work, "incremental/archive");
        const name = (await readdir(archive)).find((file) => file.startsWith("index."));
        const bytes = await readFile(path.join(archive, name ?? "index.json"));
        await writeFile(path.join(archive, name ?? "index.json"), bytes.subarray(0, 20));
      },
      refused: "the index file was damaged",
    },
  ])(
    "refuses a quick build with $damage, and writes what a build from nothing writes",
    async ({ apply, refused }) => {
      const name = nameAt(76);
      await writeSeed(name, correctLede(await readSeed(name), "Checked: "));
      await new Promise((resolve) => setTimeout(resolve, 2100));
      await apply();
      const result = await buildAndCompare();
      expect(result.work.quickRefused).toMatch(refused);
      // And the one after it is quick again.
      const again = await buildAndCompare();
      expect(again.work).toMatchObject({ quick: true, seedsRead: 0 });
    },
  );

  it.each([
    { files: "sources' chunks", folder: "sources" },
    { files: "lookup shards", folder: "lookup" },
    { files: "prerendered pages", folder: "pages" },
    { files: "icons", folder: "icons" },
  ])("writes again $files changed in place since the last build, at their size", async ({ folder }) => {
    const name = nameAt(78);
    await writeSeed(name, correctLede(await readSeed(name), "Changed: "));
    await new Promise((resolve) => setTimeout(resolve, 2100));
    // One byte of each file: the edit writes some of them again anyway, and keeps the others.
    const root = path.join(work, "incremental/archive", folder);
    const entries = await readdir(root, { recursive: true, withFileTypes: true });
    for (const entry of entries.filter((candidate) => candidate.isFile())) {
      const file = path.join(entry.parentPath, entry.name);
      const bytes = await readFile(file);
      const at = Math.floor(bytes.length / 2);
      bytes[at] = (bytes[at] ?? 0) ^ 0x04;
      await writeFile(file, bytes);
    }
    const result = await buildAndCompare();
    expect(result.work.quick ? "yes" : result.work.quickRefused).toBe("yes");
  });

  it("keeps no file or page made from a chunk it finds damaged, however late it finds it", async () => {
    const chunks = path.join(work, "incremental/archive/chunks");
    const [beside, newest] = (await readdir(chunks))
      .sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10))
      .slice(-2);
    // An article of the chunk before the newest: its edit changes what the first pages are made of,
    // and the quick build reads none of the newest chunk's lines but the newest article's.
    const line = (await readFile(path.join(chunks, beside ?? ""), "utf8")).split("\n")[1] ?? "";
    const { id } = JSON.parse(line) as { id: string };
    const name = (await readdir(seedsDir())).find((file) => file.endsWith(`_${id}.txt`)) ?? "";
    await writeSeed(name, correctLede(await readSeed(name), "Checked again: "));
    await new Promise((resolve) => setTimeout(resolve, 2100));
    // One letter of the newest chunk's text, so the file keeps its size.
    const file = path.join(chunks, newest ?? "");
    const bytes = await readFile(file);
    bytes[bytes.lastIndexOf(" the ") + 1] = "T".charCodeAt(0);
    await writeFile(file, bytes);
    const result = await buildAndCompare();
    expect(result.work.quickRefused).toMatch(/^chunk \d+ was damaged$/);
  });

  it("fails, as a build from nothing would, for a new seed whose short URL a redirect has taken", async () => {
    const redirects = path.join(seedsDir(), "redirects.tsv");
    const target = nameAt(77).split("_")[1]?.replace(".txt", "");
    await writeFile(redirects, `/articles/000000000000abcd ${target}\n`);
    await buildAndCompare();
    const name = "900006_000000000000abcd.txt";
    await writeSeed(
      name,
      (SEEDS[11]?.text ?? "").replace(/^\w+ \d+, \d+ Hour: .*$/m, "January 5, 2026 Hour: 9:00 am"),
    );
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const result = await buildContent(incremental());
    expect(result).toMatchObject({
      ok: false,
      errors: [expect.stringContaining('is the short URL of article "000000000000abcd"')],
    });
    await unlink(path.join(seedsDir(), name));
    await unlink(redirects);
    await buildAndCompare();
  });

  it("fails, as a build from nothing would, for a removed seed a redirect leads to", async () => {
    const redirects = path.join(seedsDir(), "redirects.tsv");
    const name = "900011_0000000000000104.txt";
    const text = (SEEDS[14]?.text ?? "")
      .replace(DATELINE, "January 7, 2026 Hour: 9:00 am")
      .replace(/^[^\n]+/, "A Story Soon Pulled");
    await writeSeed(name, text);
    await writeFile(redirects, "/articles/a-story-soon-pulled 0000000000000104\n");
    await new Promise((resolve) => setTimeout(resolve, 2100));
    await buildAndCompare();
    await unlink(path.join(seedsDir(), name));
    const result = await buildContent(incremental());
    expect(result).toMatchObject({
      ok: false,
      errors: [expect.stringContaining('"0000000000000104"')],
    });
    await writeSeed(name, text);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    await buildAndCompare();
    await unlink(path.join(seedsDir(), name));
    await unlink(redirects);
    await buildAndCompare();
    // Two waits out of the racy window (4.2 s) and four builds: more than the default 5 s.
  }, 20_000);

  it("fails, as a build from nothing would, for a new seed whose id an older seed has", async () => {
    const id = nameAt(78).split("_")[1]?.replace(".txt", "");
    const name = `900007_${id}.txt`;
    await writeSeed(
      name,
      (SEEDS[12]?.text ?? "").replace(/^\w+ \d+, \d+ Hour: .*$/m, "January 6, 2026 Hour: 9:00 am"),
    );
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const result = await buildContent(incremental());
    expect(result).toMatchObject({
      ok: false,
      errors: [expect.stringContaining(`id "${id}" is already used by`)],
    });
    await unlink(path.join(seedsDir(), name));
    await buildAndCompare();
  });

  it("keeps the seeds it read when a build fails, and is quick again once the seed is fixed", async () => {
    const name = nameAt(50);
    const good = await readSeed(name);
    await writeSeed(name, good.replace(/^\w+ \d+, \d+ Hour: .*$/m, "Not a dateline"));
    await writeSeed(nameAt(51), correctLede(await readSeed(nameAt(51)), "Also: "));
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect(await buildContent(incremental())).toMatchObject({ ok: false });
    await writeSeed(name, good);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    // The full path, whose cache kept the seed the failed build read (a quick build compares with
    // the last good build, and would read both).
    await forgetArchiveState();
    const fixed = await buildAndCompare();
    expect(fixed.work).toMatchObject({ seedsRead: 1, seedsParsed: 1 });
    // Two waits out of the racy window (4.2 s) and three builds: more than the default 5 s.
  }, 20_000);

  it("reads its cache's journal up to a damaged line, and still writes what a build from nothing writes", async () => {
    const journal = `${incremental().cacheFile}.log`;
    // From a cache written whole, with full builds: the journal lines this reads are a full build's.
    await rm(incremental().cacheFile);
    await forgetArchiveState();
    await buildAndCompare();
    await writeSeed(nameAt(12), correctLede(await readSeed(nameAt(12)), "Journaled: "));
    await new Promise((resolve) => setTimeout(resolve, 2100));
    await forgetArchiveState();
    await buildAndCompare();
    const bytes = await readFile(journal);
    // The last line's JSON, a few bytes before its tab and checksum.
    const at = bytes.lastIndexOf("\t") - 5;
    bytes[at] = (bytes[at] ?? 0) ^ 0x01;
    await writeFile(journal, bytes);
    await writeSeed(nameAt(13), correctLede(await readSeed(nameAt(13)), "After: "));
    await new Promise((resolve) => setTimeout(resolve, 2100));
    await forgetArchiveState();
    const result = await buildAndCompare();
    expect(result.work.cacheIgnored).toBeUndefined();
    // The damaged line was seed 12's change: read again, as its stamp is not the cached one.
    expect(result.work.seedsRead).toBe(2);
    // Lines after the damaged one would never be read: the cache was written whole instead.
    expect(existsSync(journal)).toBe(false);
  }, 20_000);

  it.each([
    {
      damage: "a cache cut short",
      apply: async (cache: string) => truncate(cache, 1000),
      reason: "cache file damaged (checksum)",
    },
    {
      damage: "one byte of the cache changed",
      apply: async (cache: string) => {
        const bytes = await readFile(cache);
        const middle = Math.floor(bytes.length / 2);
        bytes[middle] = (bytes[middle] ?? 0) ^ 0x01;
        await writeFile(cache, bytes);
      },
      reason: "cache file damaged (checksum)",
    },
    {
      damage: "a setting changed in wrangler.toml",
      apply: async () =>
        writeFile(
          path.join(work, "wrangler.toml"),
          '[vars]\nTIME_ZONE = "America/Caracas"\nSITE_TITLE = "Another"\n',
        ),
      reason: "code, config or seeds folder changed",
    },
  ])("ignores $damage and builds everything again", async ({ apply, reason }) => {
    await apply(incremental().cacheFile);
    await forgetArchiveState();
    const result = await buildAndCompare();
    expect(result.work).toMatchObject({ cacheIgnored: reason, chunksKept: 0 });
    expect(result.work.seedsParsed).toBeGreaterThan(80);
  });

  it.each([
    { damage: "cut short", apply: async (file: string) => truncate(file, 2000) },
    {
      damage: "with a header naming another page",
      apply: async (file: string) => {
        const bytes = await readFile(file);
        const at = bytes.indexOf('"hash":"') + '"hash":"'.length;
        bytes[at] = bytes[at] === 0x30 ? 0x31 : 0x30;
        await writeFile(file, bytes);
      },
    },
  ])("renders again a prerendered page whose file was $damage", async ({ apply }) => {
    const pages = path.join(work, "incremental/archive/pages");
    const names = (await readdir(pages)).sort();
    expect(names.length).toBeGreaterThan(0);
    await apply(path.join(pages, names[0] ?? ""));
    await buildAndCompare();
  });

  it("writes again a chunk file that went missing from the output, rather than trusting the cache", async () => {
    const chunks = path.join(work, "incremental/archive/chunks");
    const [first] = (await readdir(chunks)).sort();
    await unlink(path.join(chunks, first ?? ""));
    const result = await buildAndCompare();
    expect(result.work).toMatchObject({ chunksWritten: 1, seedsParsed: 0 });
    expect(existsSync(path.join(chunks, first ?? ""))).toBe(true);
  });
});
