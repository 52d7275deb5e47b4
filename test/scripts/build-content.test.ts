/** The content build on disk (runs in Node): all or nothing, deterministic, every error reported. */

import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildContent } from "../../scripts/build-content";
import { FULL_SEED, seedText } from "../fixtures/seeds";

const run = promisify(execFile);
let work: string;
const options = () => ({
  seedsDir: path.join(work, "seeds"),
  manifestFile: path.join(work, "src/generated/manifest.ts"),
  assetsDir: path.join(work, "build/archive"),
  wranglerConfig: path.join(work, "wrangler.toml"),
  projectDir: work,
});

async function writeSeed(name: string, text: string): Promise<void> {
  await writeFile(path.join(work, "seeds", name), text);
}

/** Every output file with its content and modification time. */
async function snapshotOutputs(): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const root of ["src", "build"]) {
    const entries = await readdir(path.join(work, root), { recursive: true, withFileTypes: true });
    for (const entry of entries.filter((candidate) => candidate.isFile())) {
      const file = path.join(entry.parentPath, entry.name);
      files[path.relative(work, file)] = `${(await stat(file)).mtimeMs} ${await readFile(file, "utf8")}`;
    }
  }
  return files;
}

beforeEach(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), "wirefeed-build-test-"));
  await mkdir(path.join(work, "seeds"));
  await writeFile(path.join(work, "wrangler.toml"), '[vars]\nTIME_ZONE = "America/Caracas"\n');
  await writeSeed("000_aaaaaaaaaaaaaaaa.txt", FULL_SEED);
  await writeSeed("001_bbbbbbbbbbbbbbbb.txt", FULL_SEED.replace("Presidents Meet", "Ministers Meet"));
});

afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

describe("buildContent", () => {
  it("writes the manifest and the archive and sums it up in one line", async () => {
    const result = await buildContent(options());
    expect(result).toMatchObject({ ok: true, articleCount: 2, changed: true });
    expect(result.ok && result.summary).toMatch(
      /^wirefeed: 2 articles from .*seeds\/ \(newest 2024-08-28T09:04:00-04:00, oldest 2024-08-28T09:04:00-04:00, dates read in America\/Caracas, changes dated by file times\)$/,
    );
    const manifest = await readFile(options().manifestFile, "utf8");
    expect(manifest).toContain('"articleCount": 2');
    const chunkHash = /"chunkHashes": "([0-9a-f]{12})"/.exec(manifest)?.[1];
    expect(await readdir(path.join(work, "build/archive/chunks"))).toEqual([`0.${chunkHash}.jsonl`]);
    expect(await readdir(path.join(work, "build/archive/lookup"))).toHaveLength(1);
  });

  it("says in its summary line why git could not date the changes, when it cannot read the repository", async () => {
    await writeFile(path.join(work, ".git"), "gitdir: /nonexistent-wirefeed-repository\n");
    const result = await buildContent(options());
    expect(result.ok && result.summary).toMatch(
      /changes dated by file times; git cannot read the repository: fatal: not a git repository: .*nonexistent-wirefeed-repository\)$/,
    );
  });

  it("fails, in git's words, when git cannot answer about a repository it found, and writes nothing", async () => {
    const git = (...args: string[]) => run("git", ["-C", work, ...args]);
    await git("init", "-q");
    await git("add", "-A");
    await git("-c", "user.name=Desk", "-c", "user.email=desk@example.com", "commit", "-qm", "seeds");
    // A corrupt repository: HEAD's tree is gone, so git can name HEAD but not compare with it.
    const tree = (await git("rev-parse", "HEAD^{tree}")).stdout.trim();
    await rm(path.join(work, ".git/objects", tree.slice(0, 2), tree.slice(2)));
    const result = await buildContent(options());
    expect(result).toEqual({
      ok: false,
      errors: [
        expect.stringMatching(
          /: git (status|log) failed: (error|fatal): .*(bad tree object|unable to read tree)/,
        ),
      ],
    });
    await expect(stat(options().manifestFile)).rejects.toThrow();
  });

  it("writes each article's summary keys first, then its body's portable HTML, as the Worker reads them", async () => {
    await buildContent(options());
    const [chunk = ""] = await readdir(path.join(work, "build/archive/chunks"));
    const text = await readFile(path.join(work, "build/archive/chunks", chunk), "utf8");
    for (const line of text.split("\n").slice(1)) {
      const article = JSON.parse(line);
      expect(Object.keys(article).slice(0, 7)).toEqual([
        "id",
        "slug",
        "title",
        "photo",
        "published",
        "lede",
        "html",
      ]);
      // As the line holds it: JSON escaped nothing in it, so a feed may copy its bytes.
      expect(line).toContain(`,"html":"${article.html}",`);
      expect(article.html).toMatch(/^(<p>[^<]+<\/p>)*$/);
    }
  });

  it("writes byte-identical output for the same seeds, and reports nothing changed", async () => {
    await buildContent(options());
    const first = await snapshotOutputs();
    expect(await buildContent(options())).toMatchObject({ ok: true, changed: false });
    expect(await snapshotOutputs()).toEqual(first);
  });

  it("reports every bad seed and leaves the previous build untouched", async () => {
    await buildContent(options());
    const before = await snapshotOutputs();
    await writeSeed(
      "002_cccccccccccccccc.txt",
      seedText("Bad", "February 30, 2024 Hour: 9:04 am", "Lede.", "X/ Y"),
    );
    await writeSeed("003_dddddddddddddddd.txt", "");
    await writeFile(path.join(work, "seeds", "004_eeeeeeeeeeeeeeee.txt"), new Uint8Array([0x54, 0x0a, 0xff]));
    await writeSeed("005_ffffffffffffffff.txt", FULL_SEED.replace("Presidents", "Fresh"));

    const result = await buildContent(options());
    expect(result.ok ? [] : result.errors.map((error) => error.replace(/^.*seeds\//, "seeds/"))).toEqual([
      'seeds/002_cccccccccccccccc.txt:3: dateline "February 30, 2024 Hour: 9:04 am" is not a real date',
      "seeds/003_dddddddddddddddd.txt:1: seed is empty",
      "seeds/004_eeeeeeeeeeeeeeee.txt:2: not valid UTF-8: save the seed as UTF-8",
    ]);
    expect(await snapshotOutputs()).toEqual(before);
  });

  it("refuses an empty seeds folder", async () => {
    await rm(path.join(work, "seeds"), { recursive: true });
    await mkdir(path.join(work, "seeds"));
    const result = await buildContent(options());
    expect(result.ok ? [] : result.errors).toEqual([
      expect.stringMatching(/seeds: no \*\.txt seeds found: nothing to publish$/),
    ]);
  });

  it("refuses an invalid setting in wrangler.toml before reading any seed", async () => {
    await writeFile(path.join(work, "wrangler.toml"), '[vars]\nTIME_ZONE = "Mars/Base"\n');
    const result = await buildContent(options());
    expect(result.ok ? [] : result.errors).toEqual([
      expect.stringMatching(
        /wrangler\.toml: \[vars\] TIME_ZONE = "Mars\/Base" is not valid \(an IANA time zone/,
      ),
    ]);
  });

  it("removes the files of articles that are gone", async () => {
    for (let i = 0; i < 30; i++) {
      await writeSeed(
        `1${String(i).padStart(2, "0")}_${String(i).padStart(16, "a")}.txt`,
        FULL_SEED.replace("Presidents", `P${i}`),
      );
    }
    await buildContent(options());
    expect(await readdir(path.join(work, "build/archive/chunks"))).toHaveLength(2);
    for (let i = 0; i < 30; i++)
      await rm(path.join(work, "seeds", `1${String(i).padStart(2, "0")}_${String(i).padStart(16, "a")}.txt`));
    await buildContent(options());
    expect(await readdir(path.join(work, "build/archive/chunks"))).toEqual([
      expect.stringMatching(/^0\.[0-9a-f]{12}\.jsonl$/),
    ]);
  });

  it("writes the redirects file's paths into the lookup, and refuses a bad line naming it", async () => {
    await writeFile(
      path.join(work, "seeds/redirects.tsv"),
      "# old URLs\n/articles/old-title aaaaaaaaaaaaaaaa\n",
    );
    expect(await buildContent(options())).toMatchObject({ ok: true });
    const [shard] = await readdir(path.join(work, "build/archive/lookup"));
    const lookup = JSON.parse(await readFile(path.join(work, "build/archive/lookup", shard ?? ""), "utf8"));
    // Same dateline: the id breaks the tie, so oldest first is b, then a.
    expect(lookup.keys).toEqual({ bbbbbbbbbbbbbbbb: 0, aaaaaaaaaaaaaaaa: 1, "/articles/old-title": 1 });

    await writeFile(path.join(work, "seeds/redirects.tsv"), "/articles/old-title\n");
    const result = await buildContent(options());
    expect(result.ok ? [] : result.errors.map((error) => error.replace(/^.*seeds\//, "seeds/"))).toEqual([
      'seeds/redirects.tsv:1: "/articles/old-title" is not "/articles/<old-slug> <article id>"',
    ]);
  });

  it("renders the icon from SITE_ICON, a path from wrangler.toml, and refuses one that does not render", async () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><rect width="8" height="8" fill="#123456"/></svg>';
    await writeFile(path.join(work, "brand.svg"), svg);
    await writeFile(
      path.join(work, "wrangler.toml"),
      '[vars]\nTIME_ZONE = "America/Caracas"\nSITE_ICON = "brand.svg"\n',
    );
    expect(await buildContent(options())).toMatchObject({ ok: true });
    const files = (await readdir(path.join(work, "build/archive/icons"), { recursive: true })).filter(
      (name) => name.includes("."),
    );
    expect(files.map((name) => path.basename(name)).sort()).toEqual([
      "favicon.ico",
      "icon-144.png",
      "icon-180.png",
      "icon-32.png",
      "icon-512.png",
      "icon-64.png",
      "icon.svg",
      "logo.png",
    ]);
    const svgFile = files.find((name) => name.endsWith("icon.svg")) ?? "";
    expect(await readFile(path.join(work, "build/archive/icons", svgFile), "utf8")).toBe(svg);

    await writeFile(path.join(work, "brand.svg"), "<svg");
    const result = await buildContent(options());
    expect(result.ok ? [] : result.errors).toEqual([
      expect.stringMatching(/wrangler\.toml: \[vars\] SITE_ICON: .*brand\.svg: /),
    ]);
  });

  it("writes the change times into the manifest, for Last-Modified", async () => {
    const time = new Date("2024-09-02T10:00:00Z");
    for (const seed of ["000_aaaaaaaaaaaaaaaa.txt", "001_bbbbbbbbbbbbbbbb.txt", "."]) {
      await utimes(path.join(work, "seeds", seed), time, time);
    }
    await utimes(
      path.join(work, "wrangler.toml"),
      new Date("2024-09-01T08:00:00Z"),
      new Date("2024-09-01T08:00:00Z"),
    );
    await buildContent(options());
    const manifest = await readFile(options().manifestFile, "utf8");
    expect(manifest).toContain(`"seedsChanged": ${Date.UTC(2024, 8, 2, 10, 0)}`);
    expect(manifest).toContain(`"codeChanged": ${Date.UTC(2024, 8, 1, 8, 0)}`);
  });
});
