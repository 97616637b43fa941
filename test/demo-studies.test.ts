// The demo's studies in real Chromium: the cost–carbon Pareto frontier computed in the worker with
// a progress indicator (and equal to paretoFrontier in Node), and the calibration tab (WebGPU on
// SwiftShader: adapter named, flagged not representative; "apply to a site" re-solves with the
// calibrated capacity). Gate: demo-gate.ts; the WebGPU part follows SUANFLOW_REQUIRE_WEBGPU.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyCalibration, paretoFrontier, scenarios, solve } from '../src/index.js';
import type { CalibrationReport } from '../src/index.js';
import { REQUIRE_WEBGPU } from './calibrate-gate.js';
import { CHROMIUM_ARGS, openChromium, openDemo, readSummary, waitForPlan, type DemoSession, type DemoSite } from './demo-harness.js';
import { browserGate, browserMissing } from './demo-gate.js';

const missing = browserMissing();
const skip = browserGate('browser demo study tests', missing);
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));

describe.skipIf(skip)(`demo studies${missing ? ` — SKIPPED: ${missing}` : ''}`, () => {
  let demo: DemoSession;
  let site: DemoSite;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    demo = await openDemo();
    ({ site, page, errors } = demo);
  }, 120_000);
  afterAll(async () => {
    await demo?.close();
  });

  it('computes the Pareto frontier in the worker with progress, equal to paretoFrontier in Node', async () => {
    const progress: number[] = [];
    await page.exposeFunction('recordProgress', (v: number) => void progress.push(v));
    await page.evaluate(() => {
      const p = document.getElementById('pareto-progress') as HTMLProgressElement;
      new MutationObserver(() => (window as unknown as { recordProgress(v: number): void }).recordProgress(p.position)).observe(p, { attributes: true });
    });
    await page.fill('#pareto-points', '2');
    await page.click('#pareto-run');
    await page.waitForSelector('#chart-pareto table.mac tbody tr', { timeout: 90_000 });
    const rows = await page.$$eval('#chart-pareto table.mac tbody tr', (trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent ?? '')));
    expect(await page.$eval('#pareto-progress', (p) => (p as HTMLProgressElement).value)).toBe(1);
    expect(progress).toContain(0.5);
    expect(await page.$$eval('#chart-pareto svg', (s) => s.length)).toBeGreaterThan(0);
    const node = await paretoFrontier(scenarios.eastDataWestComputing, { points: 2, latencyScale: [1], includePlans: false });
    const f1 = rows.filter((r) => r[0] === 'latency ×1');
    expect(f1.map((r) => Number(r[1]))).toEqual(node.frontiers[0]!.points.map((p) => Number(p.carbonTonnes.toFixed(0))));
    expect(f1.map((r) => r[2])).toEqual(node.frontiers[0]!.points.map((p) => (p.cost / 1e6).toFixed(3)));
    expect(rows.some((r) => r[0] === 'latency ×1.5')).toBe(true);
  }, 120_000);

  it('runs the calibration in the page: adapter named and flagged, GFLOP/s per kernel and size; apply to a site re-solves', async () => {
    await page.click('#tab-calibration');
    expect(await page.isVisible('#panel-calibration')).toBe(true);
    await page.click('#calibrate-run');
    await page.waitForFunction(() => document.querySelector('#calibration-table') !== null || /failed/.test(document.getElementById('calibration-status')?.textContent ?? ''), undefined, { timeout: 110_000 });
    const status = (await page.textContent('#calibration-status')) ?? '';
    const rows = await page.$$eval('#calibration-table tbody tr', (trs) => trs.map((tr) => ({ section: tr.getAttribute('data-section'), status: tr.getAttribute('data-status'), cells: Array.from(tr.querySelectorAll('td')).map((td) => td.textContent ?? '') })));
    const cpu = rows.filter((r) => r.section === 'cpu');
    expect(cpu.length).toBeGreaterThan(0);
    expect(cpu.every((r) => r.status === 'ok' && Number(r.cells[4]) > 0)).toBe(true);
    const gpu = rows.filter((r) => r.section === 'webgpu');
    if (gpu.length === 0) {
      expect(status).toMatch(/No WebGPU here/);
      if (REQUIRE_WEBGPU) throw new Error(`SUANFLOW_REQUIRE_WEBGPU=1 but the demo's worker found no WebGPU: ${status}`);
      console.warn(`[suanflow] SKIPPED demo WebGPU calibration check: ${status}`);
    } else {
      expect(status).toMatch(/WebGPU adapter: /);
      expect(await page.$('#calibration-status [data-flag="not-representative"]')).not.toBeNull(); // SwiftShader
      expect(gpu.filter((r) => r.status === 'ok').length).toBeGreaterThan(0);
    }
    // Apply the CPU FP64 figure to a site's super capacity and re-solve with it.
    const report = (await page.evaluate(() => (window as unknown as { suanflowDemoCalibration?: unknown }).suanflowDemoCalibration)) as CalibrationReport;
    expect(report?.version).toBe(1);
    const gen = (await readSummary(page)).generation;
    await page.selectOption('#apply-site', 'zhongwei');
    await page.selectOption('#apply-class', 'super');
    await page.fill('#apply-devices', '20000000');
    await page.click('#apply-run');
    await page.waitForFunction(() => (document.getElementById('apply-status')?.textContent ?? '') !== '', undefined, { timeout: 30_000 });
    expect(await page.textContent('#apply-status')).toMatch(/^Applied: calibrated super/);
    const s = await waitForPlan(page, gen + 1, 60_000);
    const sc = applyCalibration(scenarios.eastDataWestComputing, report, { site: 'zhongwei', class: 'super', devices: 20_000_000, allowNotRepresentative: true });
    expect(sc.sites.find((x) => x.id === 'zhongwei')!.capacity.super).not.toBe(150);
    const node = await solve(sc);
    expect(rel(s.objective, node.objective as number)).toBeLessThan(1e-7);
  }, 180_000);

  it('without WebGPU (chromium without --enable-unsafe-webgpu) the tab says so and runs the CPU kernels', async () => {
    const plain = await openChromium(CHROMIUM_ARGS.filter((a) => a !== '--enable-unsafe-webgpu'));
    try {
      const { page: p, errors: errs } = await plain.newPage();
      await p.goto(site.url);
      await waitForPlan(p);
      await p.click('#tab-calibration');
      await p.click('#calibrate-run');
      await p.waitForSelector('#calibration-table', { timeout: 90_000 });
      expect(await p.textContent('#calibration-status')).toMatch(/^No WebGPU here \(unavailable: .*Only the CPU kernels ran/);
      const sections = await p.$$eval('#calibration-table tbody tr', (trs) => trs.map((tr) => `${tr.getAttribute('data-section')}:${tr.getAttribute('data-status')}`));
      expect(sections.length).toBeGreaterThan(0);
      expect(sections.every((x) => x === 'cpu:ok')).toBe(true);
      expect(errs).toEqual([]);
    } finally {
      await plain.close();
    }
  }, 120_000);

  it('logs no errors', () => {
    expect(errors).toEqual([]);
  });
});
