// One browser test: headless Debian Chromium (playwright-core) opens a calibration page served
// from http://127.0.0.1 (a secure context, so navigator.gpu exists), runs calibrate() there and
// checks correctness. Skipped visibly without /usr/bin/chromium or a browser WebGPU adapter;
// SUANFLOW_REQUIRE_WEBGPU=1 turns the skip into a failure.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CalibrationReport } from '../src/calibrate/types.js';
import { gate, REQUIRE_WEBGPU } from './calibrate-gate.js';

const CHROMIUM = '/usr/bin/chromium';
/** DESIGN.md §6. */
const ARGS = ['--headless=new', '--no-sandbox', '--enable-unsafe-webgpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

const missing = existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is missing (apt-get install chromium libvulkan1)`;
const skip = gate('browser calibration test', missing);

const cleanup: (() => void | Promise<void>)[] = [];
afterAll(async () => {
  for (const f of cleanup.reverse()) await f();
});

describe.skipIf(skip)(`calibration page in headless Chromium${missing ? ` — SKIPPED: ${missing}` : ''}`, () => {
  it('runs calibrate() with navigator.gpu and every WebGPU and CPU result is checked', async (ctx) => {
    const dir = mkdtempSync(join(tmpdir(), 'suanflow-browser-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const { build } = await import('tsup');
    await build({
      entry: { page: 'test/calibrate-browser-page.ts' },
      format: ['esm'],
      platform: 'browser',
      target: 'es2022',
      outDir: dir,
      loader: { '.wgsl': 'text' },
      config: false,
      dts: false,
      sourcemap: false,
      silent: true,
    });
    const js = readFileSync(join(dir, 'page.js'));
    const html = '<!doctype html><meta charset="utf-8"><title>calibrate</title><script type="module" src="/page.js"></script>';
    const server: Server = createServer((req, res) => {
      if (req.url === '/page.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
      else res.writeHead(200, { 'content-type': 'text/html' }).end(html);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanup.push(() => new Promise<void>((r) => server.close(() => r())));
    const port = (server.address() as { port: number }).port;

    const { chromium } = await import('playwright-core');
    const profile = mkdtempSync(join(tmpdir(), 'suanflow-chromium-'));
    cleanup.push(() => rmSync(profile, { recursive: true, force: true }));
    const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS });
    cleanup.push(() => context.close());
    const page = context.pages()[0] ?? (await context.newPage());
    const logs: string[] = [];
    page.on('console', (m) => logs.push(m.text()));
    page.on('pageerror', (e) => logs.push(`pageerror: ${e.message}`));
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => document.title === 'suanflow calibration ready', undefined, { timeout: 20_000 });
    const out = (await page.evaluate(() => window.runCalibration())) as { ok: boolean; hasGpu: boolean; error?: string; report?: CalibrationReport };
    if (!out.ok) {
      const why = `no WebGPU adapter in headless Chromium (${out.error}; navigator.gpu ${out.hasGpu ? 'present' : 'absent'}) ${logs.join(' | ')}`;
      if (REQUIRE_WEBGPU || !/no-adapter|navigator\.gpu|no WebGPU/i.test(out.error ?? '')) throw new Error(why);
      console.warn(`[suanflow] SKIPPED browser calibration test: ${why}`);
      ctx.skip(why);
      return;
    }
    const report = out.report as CalibrationReport;
    expect(report.environment.runtime).toBe('browser');
    expect(report.webgpu.status).toBe('ok');
    expect(report.webgpu.adapter).toBeDefined();
    const f32 = report.webgpu.results.filter((r) => r.precision === 'f32');
    expect(f32.length).toBeGreaterThanOrEqual(6);
    for (const r of f32) {
      expect(r.status, `${r.kernel} ${r.size}: ${r.reason}`).toBe('ok');
      expect(r.check?.maxRelError).toBeLessThanOrEqual(1e-4);
    }
    expect(report.cpu.results.map((r) => r.status)).toEqual(['ok', 'ok', 'ok', 'ok']);
    console.info(`[suanflow] browser adapter: ${JSON.stringify(report.webgpu.adapter?.description || report.webgpu.adapter?.architecture)}, timing ${report.webgpu.timing}`);
  }, 120_000);
});
