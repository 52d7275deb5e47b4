/**
 * `npm run test:browser`: every route in Debian's Chromium, headless, against `wrangler dev` on
 * loopback, at a 375 px phone and a 1280 px desktop, light and dark. For each page it asserts
 * what a person sees (the rendered text), no console errors, no CSP violations and no horizontal
 * scrolling; then it runs the Nu Html Checker (vnu.jar, Java) over every HTML page, and fails on a
 * warm-up warning in the Worker's log (the one place its load runs as on Cloudflare). Nothing is
 * downloaded: Chromium comes from apt (`apt-get install chromium`), and playwright-core drives it.
 * WIREFEED_SCREENSHOTS=DIR saves a screenshot of each page.
 */
import { execFile, spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { chromium } from "playwright-core";

const ROOT = path.resolve(import.meta.dirname, "..");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const PORT = 8788;
const ORIGIN = `http://127.0.0.1:${PORT}`;
const ARTICLE =
  "/articles/eb764ef8279581fd/presidents-putin-and-aliyev-prepare-a-peace-treaty-between-armenia-and-azerbaijan";
const TITLE = "Presidents Putin and Aliyev Prepare a Peace Treaty Between Armenia and Azerbaijan";
const FEED_PAGE = [
  "This is a web feed",
  `${ORIGIN}/feed.xml`,
  `${ORIGIN}/atom.xml`,
  `${ORIGIN}/feed.json`,
  TITLE,
];
const NOT_FEED_SOURCE = ["<?xml", "<rss", "<feed", '"version":"https://jsonfeed.org'];

interface Route {
  path: string;
  /** Text a person must see on the page. */
  sees: string[];
  /** Text that must not be on screen. */
  never?: string[];
  /** An HTML page of ours: checked for overflow, dark mode and by vnu. Otherwise a file shown as is. */
  page?: boolean;
  /** The media type of a file that is not a page. */
  type?: string;
}

const ROUTES: Route[] = [
  { path: "/", sees: ["wirefeed", TITLE, "They talked about border delimitation", "Subscribe"], page: true },
  {
    path: ARTICLE,
    sees: [
      TITLE,
      "Presidents Ilham Aliyev (L) and Vladimir Putin (R).",
      "Photo: X/ @AlphaNewsAM",
      "Related",
      "By JF, teleSUR",
      "Sources: EFE, El Salto",
    ],
    page: true,
  },
  {
    path: "/articles/presidents-putin-and-aliyev-prepare-a-peace-treaty-between-armenia-and-azerbaijan",
    sees: [TITLE],
    page: true,
  },
  { path: "/feed.xml", sees: ["RSS (this page)", ...FEED_PAGE], never: NOT_FEED_SOURCE, page: true },
  { path: "/atom.xml", sees: ["Atom (this page)", ...FEED_PAGE], never: NOT_FEED_SOURCE, page: true },
  { path: "/feed.json", sees: ["JSON Feed (this page)", ...FEED_PAGE], never: NOT_FEED_SOURCE, page: true },
  { path: "/sources", sees: ["Sources", "EFE", "El Salto", "1 article"], page: true },
  { path: "/sources/efe", sees: ["wirefeed: EFE", TITLE], page: true },
  {
    path: "/sources/efe/atom.xml",
    sees: ["wirefeed: EFE", "This is a web feed", `${ORIGIN}/sources/efe/atom.xml`],
    never: NOT_FEED_SOURCE,
    page: true,
  },
  { path: "/no-such-page", sees: ["Not found", "front page"], page: true },
  { path: "/feeds.opml", sees: ["wirefeed: every feed"], type: "text/x-opml" },
  { path: "/sitemap.xml", sees: [`${ORIGIN}${ARTICLE}`], type: "application/xml" },
  { path: "/robots.txt", sees: [`Sitemap: ${ORIGIN}/sitemap.xml`], type: "text/plain" },
  { path: "/favicon.ico", sees: [], type: "image/x-icon" },
  { path: "/icon.svg", sees: [], type: "image/svg+xml" },
];
const WIDTHS = [375, 1280];

async function main(): Promise<number> {
  const dev = await startWranglerDev();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const failures: string[] = [];
  const pages = new Map<string, string>();
  const shots = process.env.WIREFEED_SCREENSHOTS;
  if (shots) await mkdir(shots, { recursive: true });
  try {
    for (const route of ROUTES) {
      for (const width of WIDTHS) {
        for (const colorScheme of route.page ? (["light", "dark"] as const) : (["light"] as const)) {
          const where = `${route.path} at ${width} px, ${colorScheme}`;
          const context = await browser.newContext({ viewport: { width, height: 800 }, colorScheme });
          const page = await context.newPage();
          const errors: string[] = [];
          page.on("console", (message) => {
            // A 404 page's own status is logged as a failed load: that one is the answer we asked for.
            const ownStatus =
              message.location().url === ORIGIN + route.path && /status of 404/.test(message.text());
            if (message.type() === "error" && !(route.path === "/no-such-page" && ownStatus)) {
              errors.push(`console: ${message.text()}`);
            }
          });
          page.on("pageerror", (error) => errors.push(`page error: ${error.message}`));
          await page.addInitScript(() => {
            document.addEventListener("securitypolicyviolation", (event) => {
              (window as unknown as { violations: string[] }).violations ??= [];
              (window as unknown as { violations: string[] }).violations.push(
                `${event.violatedDirective} ${event.blockedURI}`,
              );
            });
          });
          const response = await page.goto(ORIGIN + route.path, { waitUntil: "load" });
          await page.waitForTimeout(100); // favicon and late console messages
          const status = response?.status() ?? 0;
          const type = response?.headers()["content-type"] ?? "";
          const expectedStatus = route.path === "/no-such-page" ? 404 : 200;
          if (status !== expectedStatus)
            failures.push(`${where}: status ${status}, expected ${expectedStatus}`);
          if (route.type && !type.startsWith(route.type))
            failures.push(`${where}: ${type}, expected ${route.type}`);
          if (route.type?.startsWith("image/")) {
            const shown = await page.evaluate(() => {
              const image = document.querySelector("img");
              return image ? image.naturalWidth > 0 : document.documentElement.localName === "svg";
            });
            if (!shown) failures.push(`${where}: no image shown`);
          }
          const text = await page.evaluate(
            // biome-ignore lint/performance/useDomNodeTextContent: what is rendered is the point.
            () => document.body?.innerText ?? document.documentElement.textContent ?? "",
          );
          for (const wanted of route.sees)
            if (!text.includes(wanted)) failures.push(`${where}: does not show "${wanted}"`);
          for (const unwanted of route.never ?? [])
            if (text.includes(unwanted)) failures.push(`${where}: shows "${unwanted}"`);
          const violations = await page.evaluate(
            () => (window as unknown as { violations?: string[] }).violations ?? [],
          );
          for (const violation of violations) failures.push(`${where}: CSP violation ${violation}`);
          for (const error of errors) failures.push(`${where}: ${error}`);
          if (route.page) {
            const overflow = await page.evaluate(
              () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
            );
            if (overflow > 0) failures.push(`${where}: scrolls sideways by ${overflow} px`);
            const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
            const dark = background === "rgb(24, 22, 20)";
            if (dark !== (colorScheme === "dark")) failures.push(`${where}: background ${background}`);
            const focus = await page.evaluate(() => {
              const link = document.querySelector("main a, header a") as HTMLAnchorElement | null;
              link?.focus({ focusVisible: true } as FocusOptions);
              return link ? getComputedStyle(link).outlineStyle : "none";
            });
            if (focus === "none") failures.push(`${where}: no visible focus on a link`);
            if (width === 1280 && colorScheme === "light" && type.startsWith("text/html"))
              pages.set(route.path, (await response?.text()) ?? "");
          }
          if (shots && route.page) {
            const name = `${route.path.replace(/\W+/g, "_") || "_"}-${width}-${colorScheme}.png`;
            await page.screenshot({ path: path.join(shots, name), fullPage: true });
          }
          await context.close();
        }
      }
    }
    failures.push(...(await checkHtml(pages)));
    // The Worker's own warnings: a warm-up that fails at load (see src/warm-up.ts) only warns.
    for (const line of dev.output().split("\n")) {
      if (line.includes("wirefeed: the warm-up failed")) failures.push(`wrangler dev: ${line.trim()}`);
    }
  } finally {
    await browser.close();
    dev.kill("SIGTERM");
  }
  const checks = ROUTES.reduce((total, route) => total + WIDTHS.length * (route.page ? 2 : 1), 0);
  for (const failure of failures) console.error(`FAIL ${failure}`);
  console.log(
    `browser: ${ROUTES.length} routes, ${checks} page loads in Chromium, ${pages.size} pages through vnu`,
  );
  console.log(
    failures.length === 0 ? "browser: every check passed" : `browser: ${failures.length} check(s) failed`,
  );
  return failures.length === 0 ? 0 : 1;
}

/** `wrangler dev` on loopback, resolved once it is ready. */
async function startWranglerDev() {
  const child = spawn(
    "sh",
    [path.join(ROOT, "scripts/wrangler.sh"), "dev", "--port", String(PORT), "--ip", "127.0.0.1"],
    {
      cwd: ROOT,
      env: { ...process.env, SITE_URL: "" },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    },
  );
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`wrangler dev did not start in 120 s:\n${output}`)),
      120_000,
    );
    const read = (chunk: Buffer) => {
      output += chunk;
      if (output.includes("Ready on")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    child.on("exit", (code) => reject(new Error(`wrangler dev exited (${code}):\n${output}`)));
  });
  return {
    kill: (signal: NodeJS.Signals) => process.kill(-(child.pid as number), signal),
    /** Everything wrangler dev and the Worker have printed so far. */
    output: () => output,
  };
}

/** The Nu Html Checker's errors and warnings for each page, or why it could not run. */
async function checkHtml(pages: ReadonlyMap<string, string>): Promise<string[]> {
  const folder = await mkdtemp(path.join(os.tmpdir(), "wirefeed-vnu-"));
  try {
    const files = [];
    for (const [route, html] of pages) {
      const file = path.join(folder, `${route.replace(/\W+/g, "_") || "_"}.html`);
      await writeFile(file, html);
      files.push(file);
    }
    const jar = path.join(ROOT, "node_modules/vnu-jar/build/dist/vnu.jar");
    const { stdout, stderr } = await promisify(execFile)(
      "java",
      ["-jar", jar, "--format", "text", "--exit-zero-always", ...files],
      {
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    return `${stdout}${stderr}`
      .split("\n")
      .filter((line) => /: (error|warning|info warning|fatal)/i.test(line))
      .map((line) => `vnu: ${line.replace(folder, "")}`);
  } catch (error) {
    return [`vnu could not run (it needs Java: apt-get install default-jre-headless): ${String(error)}`];
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

process.exitCode = await main();
