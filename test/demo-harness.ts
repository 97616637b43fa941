// Harness of the browser demo tests: builds the demo with Vite (demo/vite.config.ts) once per
// content (a cache under build/demo-site/<hash of the demo's sources, dist/browser.js and the
// lock file>, shared by every test file and the bench, built by one process while the others
// wait), serves it on 127.0.0.1 at a free port, and opens it in Debian's /usr/bin/chromium with
// playwright-core (flags of DESIGN.md §6, a fixed viewport). Gate: skipped visibly without
// chromium, a failure instead when SUANFLOW_REQUIRE_BROWSER=1 (set by .ci/run): see demo-gate.ts.
// Free of vitest, so bench/demo.bench.ts uses it too.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';

/** What the demo page leaves for tests on `window` (demo/src/main.ts, DemoHandle). */
declare global {
  interface Window {
    suanflowDemo: {
      plan?: import('../src/plan/types.js').Plan;
      scenario?: import('../src/scenario/types.js').Scenario;
      comparison?: import('../src/compare/types.js').Comparison;
      draws: number[];
      passes: ('exact' | 'quick')[];
      quick?: { gen: number; plan: import('../src/plan/types.js').Plan; scenario: import('../src/scenario/types.js').Scenario };
      requested: number;
      workersSpawned(): Record<string, number>;
      workersAlive(): Record<string, number>;
    };
  }
}

/** The repository root: the nearest folder up from here whose package.json is suanflow's (tests and the bundled bench). */
export const ROOT = ((): string => {
  for (let d = import.meta.dirname; ; d = dirname(d)) {
    const pkg = join(d, 'package.json');
    if (existsSync(pkg) && /"name":\s*"suanflow"/.test(readFileSync(pkg, 'utf8'))) return d;
    if (dirname(d) === d) return resolve(import.meta.dirname, '..');
  }
})();
export const CHROMIUM = '/usr/bin/chromium';
/** DESIGN.md §6. */
export const CHROMIUM_ARGS = ['--headless=new', '--no-sandbox', '--enable-unsafe-webgpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
/** Where the tests save their screenshots (a CI artifact; gitignored; named in the README). */
export const SCREENSHOT_DIR = join(ROOT, 'test-artifacts', 'demo');
export const REQUIRE_BROWSER = process.env['SUANFLOW_REQUIRE_BROWSER'] === '1';

/** Why the demo tests cannot run here, or undefined. */
export function browserMissing(): string | undefined {
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} is missing (apt-get install chromium)`;
  if (!existsSync(join(ROOT, 'dist', 'browser.js'))) return 'dist/browser.js is missing (run node scripts/build.mjs first; npm test does)';
  return undefined;
}

const MIME: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml' };

export interface DemoSite {
  readonly dir: string;
  readonly url: string;
  /** Paths requested from the server, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

/** Files under `dir`, recursively, sorted (paths relative to ROOT). */
function filesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]))
    .sort();
}

/** What the built site depends on: the demo's sources and config, the library bundle, the locked dependencies. */
export function demoBuildKey(): string {
  const h = createHash('sha256');
  for (const f of [...filesUnder('demo'), join('dist', 'browser.js'), 'package-lock.json']) {
    h.update(f).update('\0').update(readFileSync(join(ROOT, f))).update('\0');
  }
  return h.digest('hex').slice(0, 16);
}

const CACHE = join(ROOT, 'build', 'demo-site');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The built demo for the current sources: build/demo-site/<key>/demo, built with Vite on the first
 * call for that content. Concurrent callers (vitest runs test files in parallel) take a lock
 * directory: one builds into a temporary folder and renames it into place, the others wait for it
 * (a lock older than 3 minutes is taken over). Builds of other keys are removed.
 */
export async function builtDemo(): Promise<string> {
  const key = demoBuildKey();
  const site = join(CACHE, key);
  const out = join(site, 'demo');
  const lock = join(CACHE, `${key}.lock`);
  mkdirSync(CACHE, { recursive: true });
  for (let waited = 0; !existsSync(join(out, 'index.html')); waited += 200) {
    try {
      mkdirSync(lock);
    } catch {
      if (Date.now() - statSync(lock, { throwIfNoEntry: false })!.mtimeMs > 180_000) rmSync(lock, { recursive: true, force: true });
      if (waited > 300_000) throw new Error(`gave up waiting for another process to build the demo (${lock})`);
      await sleep(200);
      continue;
    }
    try {
      if (existsSync(join(out, 'index.html'))) break;
      const tmp = mkdtempSync(join(CACHE, `${key}.tmp-`));
      const { build } = await import('vite');
      await build({ configFile: join(ROOT, 'demo', 'vite.config.ts'), logLevel: 'error', build: { outDir: join(tmp, 'demo'), emptyOutDir: true } });
      rmSync(site, { recursive: true, force: true });
      renameSync(tmp, site);
      for (const old of readdirSync(CACHE)) if (!old.startsWith(key)) rmSync(join(CACHE, old), { recursive: true, force: true });
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
  return out;
}

/** Serves the built demo (see builtDemo) from http://127.0.0.1:<free port>/demo/ (a subfolder, to prove relative paths). */
export async function buildAndServe(): Promise<DemoSite> {
  const out = await builtDemo();
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
    requests.push(path);
    const prefix = '/demo/';
    if (!path.startsWith(prefix)) return void res.writeHead(404).end('not found');
    let file = normalize(join(out, path.slice(prefix.length)));
    if (!file.startsWith(out)) return void res.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return void res.writeHead(404).end('not found');
    res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' }).end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    dir: out,
    url: `http://127.0.0.1:${port}/demo/`,
    requests,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

export interface Browsing {
  readonly context: BrowserContext;
  readonly browser: Browser | null;
  /** A fresh page whose console errors, page errors and failed requests go to `errors`. */
  newPage(): Promise<{ page: Page; errors: string[] }>;
  close(): Promise<void>;
}

/** Opens Debian's chromium; `args` replaces the flags of DESIGN.md §6 (e.g. without WebGPU). */
export async function openChromium(args: readonly string[] = CHROMIUM_ARGS): Promise<Browsing> {
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'suanflow-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...args],
    viewport: { width: 1400, height: 1000 },
    env: { ...process.env, VK_ICD_FILENAMES: process.env['VK_ICD_FILENAMES'] ?? '/usr/lib/chromium/vk_swiftshader_icd.json' },
  });
  return {
    context,
    browser: context.browser(),
    async newPage() {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(`console: ${m.text()}`);
      });
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      page.on('requestfailed', (r) => {
        // A worker terminated while its script loads (a superseded solve) aborts that request: expected.
        if (/\/assets\/worker-[^/]*\.js$/.test(r.url()) && r.failure()?.errorText === 'net::ERR_ABORTED') return;
        errors.push(`requestfailed: ${r.url()} ${r.failure()?.errorText ?? ''}`);
      });
      return { page, errors };
    },
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A served demo, a browser and one page on it with its first plan drawn (the setup of each demo test file). */
export interface DemoSession {
  readonly site: DemoSite;
  readonly browsing: Browsing;
  readonly page: Page;
  /** Console errors, page errors and failed requests of `page`. */
  readonly errors: string[];
  close(): Promise<void>;
}

/** Serves the built demo, opens chromium and a page at `query` (e.g. `?carbonPrice=0`), and waits for its first plan. `onPage` runs before the navigation (e.g. to watch workers). */
export async function openDemo(query = '', onPage?: (page: Page) => void): Promise<DemoSession> {
  const site = await buildAndServe();
  const browsing = await openChromium();
  const close = async () => {
    await browsing.close();
    await site.close();
  };
  try {
    const { page, errors } = await browsing.newPage();
    onPage?.(page);
    await page.goto(`${site.url}${query}`);
    await waitForPlan(page);
    return { site, browsing, page, errors, close };
  } catch (e) {
    await close();
    throw e;
  }
}

/**
 * Waits until #plan-summary shows the final plan of generation ≥ `gen` (status set, not busy): the
 * exact pass's plan, not the quick one drawn while it is solved (that one keeps aria-busy).
 */
export async function waitForPlan(page: Page, minGeneration = 1, timeout = 60_000): Promise<PlanSummary> {
  await page.waitForFunction(
    (g) => {
      const el = document.getElementById('plan-summary');
      return !!el && el.dataset['status'] !== 'pending' && Number(el.dataset['generation'] ?? 0) >= g && !el.hasAttribute('aria-busy');
    },
    minGeneration,
    { timeout },
  );
  return readSummary(page);
}

export interface PlanSummary {
  readonly status: string;
  readonly objective: number;
  readonly backend: string;
  readonly marketTonnes: number;
  readonly locationTonnes: number;
  readonly generation: number;
  /** The exact pass drew it (false: the quick decompose plan shown while the exact one is solved). */
  readonly exact: boolean;
}

export async function readSummary(page: Page): Promise<PlanSummary> {
  return page.evaluate(() => {
    const d = (document.getElementById('plan-summary') as HTMLElement).dataset;
    return { status: d['status'] ?? '', objective: Number(d['objective']), backend: d['backend'] ?? '', marketTonnes: Number(d['marketTonnes']), locationTonnes: Number(d['locationTonnes']), generation: Number(d['generation']), exact: d['exact'] === 'true' };
  });
}

/** Sets a range input's value and fires `input`, as a user's drag would. */
export async function setRange(page: Page, id: string, value: number): Promise<void> {
  await page.evaluate(
    ([i, v]) => {
      const el = document.getElementById(i as string) as HTMLInputElement;
      el.value = String(v);
      el.dispatchEvent(new Event('input', { bubbles: true }));
    },
    [id, value] as const,
  );
}

/**
 * Saves a screenshot under SCREENSHOT_DIR and measures it in the page itself (no image library
 * here): the PNG is decoded by chromium into a canvas and the standard deviation of its pixels'
 * luminance returned, with the distinct colours counted (a blank page has one).
 */
export async function screenshotStats(page: Page, name: string): Promise<{ file: string; bytes: number; width: number; height: number; stdev: number; colours: number }> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = join(SCREENSHOT_DIR, `${name}.png`);
  const png = await page.screenshot({ path: file, fullPage: false });
  const stats = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.naturalWidth;
    c.height = img.naturalHeight;
    const g = c.getContext('2d') as CanvasRenderingContext2D;
    g.drawImage(img, 0, 0);
    const px = g.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    let sum = 0;
    let sq = 0;
    const colours = new Set<number>();
    for (let i = 0; i < px.length; i += 4 * 7) {
      const y = 0.2126 * px[i]! + 0.7152 * px[i + 1]! + 0.0722 * px[i + 2]!;
      n += 1;
      sum += y;
      sq += y * y;
      if (colours.size < 5000) colours.add((px[i]! << 16) | (px[i + 1]! << 8) | px[i + 2]!);
    }
    const mean = sum / n;
    return { width: c.width, height: c.height, stdev: Math.sqrt(Math.max(0, sq / n - mean * mean)), colours: colours.size };
  }, png.toString('base64'));
  return { file, bytes: png.length, ...stats };
}
