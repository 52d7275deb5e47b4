/** The quick build's state file: what a build keeps comes back as it was, or not at all (runs in Node). */
import { readFileSync } from "node:fs";
import { mkdtemp, rm, truncate, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import {
  type ArchiveState,
  type KeptSeeds,
  keptSeeds,
  loadArchiveState,
  SeedShape,
  saveArchiveState,
} from "../../scripts/lib/archive-state";

let work: string;
beforeEach(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), "wirefeed-state-test-"));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

const NAMES = ["000_aa.txt", "001_bb.txt", "002_cc.txt"];
const TITLES = ["First", "Second", "Third, in Bogotá"];
const SHA = (digit: string) => digit.repeat(40);
/** Headlines to look for: two that lead nowhere, two that lead to an article, and two neither is. */
const HEADLINES = ["A Headline, Nowhere", "Another", "First", "Third, in Bogotá", "A Headline", "Third"];

/** Three seeds: the second corrected, the third with two sources and a title outside ASCII's slug. */
function state(): ArchiveState {
  const seeds = keptSeeds(
    [
      {
        name: NAMES[0] as string,
        title: TITLES[0] as string,
        stamp: "1781:1796010562236.9902:1796010562236.9902:4243537",
        sha: SHA("a"),
        id: "aa",
        slug: "first",
        sources: ["EFE"],
        relatedCount: 2,
        changedAt: 1_796_010_562_000,
        correctedAt: null,
      },
      {
        name: NAMES[1] as string,
        title: TITLES[1] as string,
        stamp: "20:1:2:3",
        sha: SHA("b"),
        id: "bb",
        slug: "second",
        sources: [],
        relatedCount: 0,
        changedAt: 1_700_000_000_000,
        correctedAt: 1_700_000_000_000,
      },
      {
        name: NAMES[2] as string,
        title: TITLES[2] as string,
        stamp: "300:4.5:6.5:7",
        sha: SHA("c"),
        id: "cc",
        slug: "third",
        sources: ["Agência Brasil", "EFE, Madrid"],
        relatedCount: 1,
        changedAt: 1_600_000_000_000,
        correctedAt: null,
      },
    ],
    [2, 0, 1],
    ["A Headline, Nowhere", "Another", "A Headline, Nowhere"],
    ["Third, in Bogotá", "First"],
  );
  return {
    key: "key",
    scannedAt: 1_800_000_000_000,
    settledAt: 1_800_000_004_500,
    seeds,
    manifest: {
      articleCount: 3,
      chunkSize: 25,
      chunkHashes: "0123456789ab",
      shardHashes: "ba9876543210",
      seedsChanged: 1_796_010_562_000,
      codeChanged: 1_700_000_000_000,
      indexHash: "aaaaaaaaaaaa",
      iconHashes: {} as ArchiveState["manifest"]["iconHashes"],
      iconSizes: {} as ArchiveState["manifest"]["iconSizes"],
      pages: { "/feed.xml": "cccccccccccc" },
    },
    files: new Map([
      ["/chunks/0.0123456789ab.jsonl", 1234],
      ["/lookup/0.ba9876543210.json", 56],
    ]),
    redirectsSha: SHA("d"),
    icons: { sha: SHA("e"), files: { "icon.svg": "PHN2Zz4=" } },
    commits: { head: SHA("f"), newest: 1_796_010_562_000, files: new Map([["000_aa.txt", [1, 2]]]) },
    codeCommit: { head: SHA("f"), time: 1_700_000_000_000 },
  };
}

/** The columns as plain values, to compare. */
function columns(seeds: KeptSeeds) {
  const { names, titles, ids, slugs, sources } = seeds.shape;
  return {
    names,
    titles,
    ids,
    slugs,
    sources,
    headlines: HEADLINES.map((headline) => [
      seeds.shape.hasHeadline("unresolved", headline),
      seeds.shape.hasHeadline("linked", headline),
    ]),
    stamps: NAMES.map((_, i) => seeds.stamp(i)),
    shas: NAMES.map((_, i) => seeds.sha(i)),
    relatedCounts: [...seeds.relatedCounts],
    changedAt: [...seeds.changedAt],
    corrections: NAMES.map((_, i) => seeds.correction(i)),
    newestFirst: [...seeds.newestFirst],
  };
}

it("gives back every seed's stamp, SHA-1, shape and history, and the rest, as it was saved", () => {
  const file = path.join(work, "archive-state.bin");
  const saved = state();
  saveArchiveState(file, saved);
  const loaded = loadArchiveState(file, "key");
  if (!loaded.ok) throw new Error(loaded.reason);
  const { seeds, ...rest } = loaded.state;
  const { seeds: _seeds, ...savedRest } = saved;
  expect(rest).toEqual(savedRest);
  expect(columns(seeds)).toEqual({
    names: NAMES,
    titles: TITLES,
    // Unresolved, linked.
    headlines: [
      [true, false],
      [true, false],
      [false, true],
      [false, true],
      [false, false],
      [false, false],
    ],
    stamps: [
      { size: 1781, mtimeMs: 1796010562236.9902, ctimeMs: 1796010562236.9902, ino: 4243537 },
      { size: 20, mtimeMs: 1, ctimeMs: 2, ino: 3 },
      { size: 300, mtimeMs: 4.5, ctimeMs: 6.5, ino: 7 },
    ],
    shas: [SHA("a"), SHA("b"), SHA("c")],
    ids: ["aa", "bb", "cc"],
    slugs: ["first", "second", "third"],
    sources: [["EFE"], [], ["Agência Brasil", "EFE, Madrid"]],
    relatedCounts: [2, 0, 1],
    changedAt: [1_796_010_562_000, 1_700_000_000_000, 1_600_000_000_000],
    corrections: [null, 1_700_000_000_000, null],
    newestFirst: [2, 0, 1],
  });
});

it.each([
  { change: "a seed added between two", before: [0, -1, 1, 2], added: ["000_ab.txt"] },
  { change: "a seed added first and one last", before: [-1, 0, 1, 2, -1], added: ["0.txt", "9_ff.txt"] },
  { change: "the middle seed removed", before: [0, 2], added: [] },
  { change: "the first removed and one added", before: [1, 2, -1], added: ["009_gg.txt"] },
])("splices its shape, byte for byte as one made whole, after $change", ({ before, added }) => {
  const old = state().seeds.shape;
  const fresh = new Map(
    added.map((name, k) => [
      name,
      { name, id: `n${k}`, slug: `new-${k}`, title: `New ${k}, in Medellín`, sources: ["EFE", `Wire ${k}`] },
    ]),
  );
  const names = [...NAMES.filter((_, was) => before.includes(was)), ...added].sort();
  const seedAt = (i: number) => {
    const was = before[i] as number;
    return (
      fresh.get(names[i] as string) ?? {
        name: old.names[was] as string,
        id: old.ids[was] as string,
        slug: old.slugs[was] as string,
        title: old.titles[was] as string,
        sources: old.sources[was] as string[],
      }
    );
  };
  const spliced = old.spliced(Int32Array.from(before), seedAt, {
    unresolved: ["Another", "A Headline"],
    linked: ["New 0, in Medellín"],
  });
  const values = names.map((_, i) => seedAt(i));
  const whole = SeedShape.of({
    names,
    ids: values.map((value) => value.id),
    slugs: values.map((value) => value.slug),
    titles: values.map((value) => value.title),
    sources: values.map((value) => value.sources),
    unresolved: ["A Headline, Nowhere", "Another", "A Headline"],
    linked: ["Third, in Bogotá", "First", "New 0, in Medellín"],
  });
  const shape = (of: typeof whole) => ({
    names: of.names,
    ids: of.ids,
    slugs: of.slugs,
    titles: of.titles,
    sources: of.sources,
    headlines: [...HEADLINES, "New 0, in Medellín"].map((headline) => [
      of.hasHeadline("unresolved", headline),
      of.hasHeadline("linked", headline),
    ]),
  });
  expect(shape(spliced)).toEqual(shape(whole));
});

it("changes a copy's stamps and history, never the seeds it was copied from", () => {
  const seeds = state().seeds;
  const copy = seeds.copy();
  copy.reread(1, "21:10:11:12", SHA("9"));
  copy.dated(1, 5, null);
  expect([copy.stamp(1), copy.sha(1), copy.changedAt[1], copy.correction(1)]).toEqual([
    { size: 21, mtimeMs: 10, ctimeMs: 11, ino: 12 },
    SHA("9"),
    5,
    null,
  ]);
  expect([seeds.stamp(1), seeds.sha(1), seeds.changedAt[1], seeds.correction(1)]).toEqual([
    { size: 20, mtimeMs: 1, ctimeMs: 2, ino: 3 },
    SHA("b"),
    1_700_000_000_000,
    1_700_000_000_000,
  ]);
});

it.each([
  { damage: "no file", apply: (file: string) => rm(file), reason: "no archive state yet" },
  {
    damage: "a file cut short",
    apply: (file: string) => truncate(file, 100),
    reason: "archive state damaged (checksum)",
  },
  {
    damage: "one byte of its numbers changed",
    apply: async (file: string) => {
      const bytes = readFileSync(file);
      const at = bytes.length - 50;
      bytes[at] = (bytes[at] ?? 0) ^ 0x01;
      await writeFile(file, bytes);
    },
    reason: "archive state damaged (checksum)",
  },
  {
    // Checked, but not of this shape: its numbers end early.
    damage: "a column cut short, with its checksum made again",
    apply: async (file: string) => {
      const { createHash } = await import("node:crypto");
      const bytes = readFileSync(file);
      const body = bytes.subarray(0, bytes.length - 48);
      await writeFile(
        file,
        Buffer.concat([body, Buffer.from(createHash("sha1").update(body).digest("hex"))]),
      );
    },
    reason: "archive state damaged (content)",
  },
  {
    damage: "another key",
    apply: async () => {},
    key: "another key",
    reason: "code, config or seeds folder changed",
    // What the archive folder held then does not depend on the key.
    settledAt: 1_800_000_004_500,
  },
])("trusts nothing of a state file with $damage", async ({ apply, key, reason, settledAt }) => {
  const file = path.join(work, "archive-state.bin");
  saveArchiveState(file, state());
  await apply(file);
  expect(loadArchiveState(file, key ?? "key")).toStrictEqual(
    settledAt === undefined ? { ok: false, reason } : { ok: false, reason, settledAt },
  );
});
