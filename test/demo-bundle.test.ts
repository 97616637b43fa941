// The demo's static build: relative asset paths, exactly one copy of the solvers (in the worker
// chunk; the page chunk has none), glpk.js in its own chunk fetched only when a coupled model
// needs it, and the sizes logged. Real Chromium for the fetches; gate: demo-gate.ts.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAndServe, openChromium, ROOT, waitForPlan, type Browsing, type DemoSite } from './demo-harness.js';
import { browserGate, browserMissing } from './demo-gate.js';

const missing = browserMissing();
const skip = browserGate('browser demo bundle tests', missing);

/** A marker that occurs once per copy of the library: the start of the inlined wasm kernels. */
function wasmMarker(): string {
  const src = readFileSync(join(ROOT, 'src', 'wasm', 'kernels.generated.ts'), 'utf8');
  const m = /"([A-Za-z0-9+/]{120})/.exec(src);
  if (!m) throw new Error('no base64 in src/wasm/kernels.generated.ts');
  return m[1] as string;
}
/** A marker of glpk.js's browser entry: the start of the worker it inlines. */
function glpkMarker(): string {
  const src = readFileSync(join(ROOT, 'node_modules', 'glpk.js', 'dist', 'index.js'), 'utf8');
  const m = /atob\("([A-Za-z0-9+/]{80})/.exec(src);
  if (!m) throw new Error('no inlined worker in glpk.js/dist/index.js');
  return m[1] as string;
}

describe.skipIf(skip)(`demo bundle${missing ? ` — SKIPPED: ${missing}` : ''}`, () => {
  let site: DemoSite;
  let browsing: Browsing;
  let files: { name: string; bytes: number; text: string }[] = [];

  beforeAll(async () => {
    site = await buildAndServe();
    browsing = await openChromium();
    const dir = join(site.dir, 'assets');
    files = readdirSync(dir).map((name) => ({ name, bytes: statSync(join(dir, name)).size, text: /\.(js|css)$/.test(name) ? readFileSync(join(dir, name), 'utf8') : '' }));
  }, 120_000);
  afterAll(async () => {
    await browsing?.close();
    await site?.close();
  });

  it('index.html refers to its assets by relative paths', () => {
    const html = readFileSync(join(site.dir, 'index.html'), 'utf8');
    const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] as string).filter((r) => !r.startsWith('data:'));
    expect(refs.length).toBeGreaterThanOrEqual(2);
    for (const r of refs) expect(r.startsWith('./'), r).toBe(true);
  });

  it('holds exactly one copy of the solvers (in the worker chunk) and glpk.js in a chunk of its own', () => {
    const w = wasmMarker();
    const withSolvers = files.filter((f) => f.text.includes(w)).map((f) => f.name);
    expect(withSolvers).toHaveLength(1);
    expect(withSolvers[0]).toMatch(/^worker-.*\.js$/);
    const page = files.filter((f) => /^index-.*\.js$/.test(f.name));
    expect(page).toHaveLength(1);
    expect(page[0]!.text.includes('needs a network model')).toBe(false);
    const g = glpkMarker();
    const withGlpk = files.filter((f) => f.text.includes(g)).map((f) => f.name);
    expect(withGlpk).toHaveLength(1);
    expect(withGlpk[0]).not.toMatch(/^(worker|index)-/);
    const kB = (re: RegExp) => files.filter((f) => re.test(f.name)).reduce((a, f) => a + f.bytes, 0) / 1000;
    console.info(
      `[suanflow] demo bundle: page ${kB(/^index-.*\.js$/).toFixed(1)} kB, solver worker ${kB(/^worker-.*\.js$/).toFixed(1)} kB, glpk.js ${(files.find((f) => f.name === withGlpk[0])!.bytes / 1000).toFixed(1)} kB (lazy), HiGHS ${kB(/^highs-.*\.(js|wasm)$/).toFixed(1)} kB (lazy), css ${kB(/\.css$/).toFixed(1)} kB`,
    );
  });

  async function load(query: string): Promise<{ page: Page; fetched: string[]; backend: string; errors: string[] }> {
    const { page, errors } = await browsing.newPage();
    const fetched: string[] = [];
    page.on('request', (r) => fetched.push(new URL(r.url()).pathname.split('/').pop() ?? ''));
    await page.goto(`${site.url}${query}`);
    const s = await waitForPlan(page);
    await page.waitForTimeout(300);
    return { page, fetched, backend: s.backend, errors };
  }

  it('fetches glpk.js only when a coupled model needs it', async () => {
    const glpk = files.find((f) => f.text.includes(glpkMarker()))!.name;
    // Carbon price 0: no green-supply coupling, the network simplex solves it, glpk.js never loads.
    const flow = await load('?carbonPrice=0');
    expect(flow.backend).toBe('flow');
    // The comparison's cost-only baseline is a network too; wait for it before looking.
    await flow.page.waitForFunction(() => window.suanflowDemo.comparison !== undefined, undefined, { timeout: 60_000 });
    expect(flow.fetched).not.toContain(glpk);
    expect(flow.fetched.some((f) => f.startsWith('highs'))).toBe(false);
    expect(flow.errors).toEqual([]);
    await flow.page.close();
    // The built-in day as given (carbon priced, green supply): coupled, glpk.js loads.
    const coupled = await load('');
    expect(coupled.backend).toBe('glpk');
    expect(coupled.fetched).toContain(glpk);
    expect(coupled.errors).toEqual([]);
    await coupled.page.close();
  });
});
