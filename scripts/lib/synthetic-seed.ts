/**
 * Synthetic seeds in the real format, deterministic from a seed number: the large corpus for
 * benchmarks and the paging tests. Pure (no I/O), so the tests can run it inside workerd.
 */
import { MONTH_NAMES } from "../../src/content/dateline";

export interface SyntheticSeed {
  /** File name, e.g. `000042_3f9a0c1d0000002a.txt`. */
  name: string;
  text: string;
}

const WORDS = (
  "government minister talks border treaty election protest workers union economy inflation " +
  "harvest drought river port railway summit agreement ceasefire court ruling parliament vote " +
  "reform health hospital school teachers students energy grid oil gas prices market exports " +
  "farmers coast storm relief aid mission delegation council mayor city region province"
).split(" ");
const UNICODE_WORDS = [
  "São Paulo",
  "Zürich",
  "Київ",
  "東京",
  "café",
  "naïve",
  "Bogotá",
  "Ñuñoa",
  "Łódź",
  "İzmir",
];
const PUBLISHERS = ["teleSUR", "Prensa Latina", "Wire Desk", "Agencia Sur"];
const SOURCES = ["EFE", "El Salto", "Reuters", "AFP", "Al-Mayadeen", "Prensa Latina", "Xinhua"];
const AGENCIES = ["AP", "X/ @NewsDesk", "EFE", "Reuters / Ana Pérez"];

/** mulberry32: a small, fast PRNG; the same seed gives the same corpus on every machine. */
function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` seeds: a few to 40 paragraphs, captions with and without credit, 0-3 RELATED headlines
 * (some naming earlier articles), 0-3 sources, Unicode, every time of day, dates over ten years,
 * and now and then a repeated title, so slugs collide.
 *
 * @example syntheticSeeds(2, 1).map((seed) => seed.name) // ["000000_…", "000001_…"]
 */
export function syntheticSeeds(count: number, seed = 1): SyntheticSeed[] {
  const random = randomSource(seed);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)] as T;
  const word = () => (random() < 0.04 ? pick(UNICODE_WORDS) : pick(WORDS));
  const words = (min: number, max: number) => Array.from({ length: int(min, max) }, word).join(" ");
  const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
  const sentence = () => {
    const text = capitalized(words(8, 22));
    return random() < 0.15 ? `“${text},” the statement said.` : `${text}.`;
  };
  const paragraph = () => Array.from({ length: int(1, 3) }, sentence).join(" ");

  const titles: string[] = [];
  const seeds: SyntheticSeed[] = [];
  for (let i = 0; i < count; i++) {
    const title = i > 0 && random() < 0.01 ? (titles[i - 1] as string) : capitalized(words(4, 12));
    titles.push(title);
    const blocks = [title];
    if (random() < 0.7) {
      const caption = capitalized(words(5, 15));
      blocks.push(random() < 0.75 ? `${caption}. Photo: ${pick(AGENCIES)}` : `${caption}.`);
    }
    const year = int(2015, 2025);
    const month = int(1, 12);
    const day = int(1, new Date(Date.UTC(year, month, 0)).getUTCDate());
    const minuteOfDay = int(0, 24 * 60 - 1);
    const hour24 = Math.floor(minuteOfDay / 60);
    const hour12 = hour24 % 12 === 0 ? 12 : hour24 % 12;
    const minute = String(minuteOfDay % 60).padStart(2, "0");
    blocks.push(
      `${MONTH_NAMES[month - 1]} ${day}, ${year} Hour: ${hour12}:${minute} ${hour24 < 12 ? "am" : "pm"}`,
    );
    blocks.push(paragraph());
    const body = Array.from({ length: int(2, 39) }, paragraph);
    for (let r = int(0, 3); r > 0; r--) {
      const headline =
        i > 0 && random() < 0.5 ? (titles[int(0, i - 1)] as string) : capitalized(words(5, 12));
      body.splice(int(0, body.length), 0, "RELATED:", headline);
    }
    blocks.push(...body);
    const sources = Array.from({ length: int(0, 3) }, () => pick(SOURCES));
    const author = random() < 0.8 ? ` ${String.fromCharCode(int(65, 90), int(65, 90))}` : "";
    blocks.push(
      `${pick(PUBLISHERS)}/${author}${sources.length > 0 ? ` Source: ${sources.join(" – ")}` : ""}`,
    );
    const id = `${Math.floor(random() * 0xffffffff)
      .toString(16)
      .padStart(8, "0")}${i.toString(16).padStart(8, "0")}`;
    seeds.push({ name: `${String(i).padStart(6, "0")}_${id}.txt`, text: `${blocks.join("\n\n")}\n` });
  }
  return seeds;
}
