// Scenario in and out in real Chromium: a bad scenario file lists its validation errors by JSON
// path (the same paths as scenarioIssues in Node) and nothing crashes; a non-JSON file says so; a
// good file loads and solves; the downloads are the drawn scenario, plan and assignments. Gate:
// demo-gate.ts.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarioIssues, scenarios, solve } from '../src/index.js';
import type { Plan, Scenario } from '../src/index.js';
import { openDemo, readSummary, waitForPlan, type DemoSession, type DemoSite } from './demo-harness.js';
import { browserGate, browserMissing } from './demo-gate.js';

const missing = browserMissing();
const skip = browserGate('browser demo scenario-file tests', missing);
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));

describe.skipIf(skip)(`demo scenario in and out${missing ? ` — SKIPPED: ${missing}` : ''}`, () => {
  let demo: DemoSession;
  let site: DemoSite;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    demo = await openDemo('?carbonPrice=0');
    ({ site, page, errors } = demo);
  }, 120_000);
  afterAll(async () => {
    await demo?.close();
  });

  const upload = (name: string, text: string) => page.setInputFiles('#file', { name, mimeType: 'application/json', buffer: Buffer.from(text) });

  it('a bad scenario file shows its validation errors by JSON path, and the drawn plan stays', async () => {
    const before = await readSummary(page);
    const sc = scenarios.eastDataWestComputing;
    const bad = { ...sc, sites: sc.sites.map((s, i) => (i === 0 ? { ...s, pue: 0.5 } : s)), demands: sc.demands.map((d, i) => (i === 3 ? { ...d, maxLatencyMs: -1 } : d)), colour: 'blue' };
    const expected = scenarioIssues(bad).map((i) => i.path);
    expect(expected).toEqual(expect.arrayContaining(['sites[0].pue', 'demands[3].maxLatencyMs']));
    await upload('bad.json', JSON.stringify(bad));
    await page.waitForSelector('#scenario-errors li[data-path]');
    const shown = await page.$$eval('#scenario-errors li[data-path]', (lis) => lis.map((li) => li.getAttribute('data-path')));
    expect(shown).toEqual(expected.slice(0, 50));
    const text = await page.textContent('#scenario-errors');
    expect(text).toContain('not loaded');
    expect(await readSummary(page)).toEqual(before);
    expect(await page.$$eval('#map g.site', (g) => g.length)).toBe(10);
  });

  it('a file dropped on the page is checked the same way', async () => {
    const bad = { ...scenarios.eastDataWestComputing, horizonHours: 0 };
    const expected = scenarioIssues(bad).map((i) => i.path);
    expect(expected.length).toBeGreaterThan(0);
    await page.evaluate((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
      document.getElementById('map')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, JSON.stringify(bad));
    await page.waitForFunction(() => /dropped\.json/.test(document.getElementById('scenario-errors')?.textContent ?? ''));
    expect(await page.$$eval('#scenario-errors li[data-path]', (lis) => lis.map((li) => li.getAttribute('data-path')))).toEqual(expected.slice(0, 50));
  });

  it('a file that is not JSON says so', async () => {
    await upload('notes.json', '{ "version": 1, ');
    await page.waitForFunction(() => document.querySelector('#scenario-errors li[data-path="(file)"]') !== null);
    expect(await page.textContent('#scenario-errors')).toMatch(/not JSON/);
  });

  it('a good file loads and solves; the downloads are the drawn scenario, plan and assignments', async () => {
    const sc: Scenario = { ...scenarios.eastDataWestComputing, name: 'my-upload', prices: { ...scenarios.eastDataWestComputing.prices, carbonPerTonne: 0 } };
    const gen = (await readSummary(page)).generation;
    await upload('mine.json', JSON.stringify(sc));
    const s = await waitForPlan(page, gen + 1);
    const node = await solve(sc);
    expect(rel(s.objective, node.objective as number)).toBeLessThan(1e-7);
    expect(await page.$eval('#scenario', (e) => (e as HTMLSelectElement).value)).toBe('custom');
    const grab = async (id: string) => {
      const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`#${id}`)]);
      const stream = await dl.createReadStream();
      const chunks: Buffer[] = [];
      for await (const c of stream) chunks.push(c as Buffer);
      return { name: dl.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
    };
    const scen = await grab('download-scenario');
    expect(scen.name).toBe('my-upload.json');
    expect(scenarioIssues(JSON.parse(scen.text))).toEqual([]);
    const planFile = await grab('download-plan');
    const plan = JSON.parse(planFile.text) as Plan;
    expect(plan.objective).toBe(s.objective);
    const csv = await grab('download-csv');
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toBe('demand,origin,class,site,hour,amount');
    expect(lines.length - 1).toBe(plan.assignments.length);
    const total = lines.slice(1).reduce((a, l) => a + Number(l.split(',')[5]), 0);
    expect(rel(total, plan.assignments.reduce((a, x) => a + x.amount, 0))).toBeLessThan(1e-12);
  });

  it('the HiGHS backend runs in the browser and agrees with Node', async () => {
    await page.goto(`${site.url}?backend=highs&carbonPrice=120`);
    const s = await waitForPlan(page, 1, 90_000);
    expect(s.status).toBe('optimal');
    expect(s.backend).toBe('highs');
    const node = await solve({ ...scenarios.eastDataWestComputing, prices: { ...scenarios.eastDataWestComputing.prices, carbonPerTonne: 120 } }, { backend: 'glpk' });
    expect(rel(s.objective, node.objective as number)).toBeLessThan(1e-7);
  }, 120_000);

  it('logs no errors', () => {
    expect(errors).toEqual([]);
  });
});
