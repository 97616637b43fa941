// npm run bench:demo   (add -- --screenshot docs/demo.png to write the README's screenshot; -- --only-screenshot to skip the timings)
//
// The browser demo in headless Debian Chromium (playwright-core): time from navigation to the first
// plan drawn (performance.mark 'suanflow:first-plan-drawn'), median of 5 fresh loads, and the time
// from a carbon-price slider change to its plan drawn, median of 5 changes, on the built-in day
// (auto → glpk.js, carbon priced) and with carbon price 0 (auto → network simplex). Every drawn
// plan is the worker's solve() result; the demo tests check those against Node.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { buildAndServe, openChromium, waitForPlan, ROOT } from '../test/demo-harness.js';

const shotAt = process.argv.indexOf('--screenshot');
const shot = shotAt > 0 ? resolve(ROOT, process.argv[shotAt + 1] ?? 'docs/demo.png') : undefined;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const CASES = [
  ['built-in day (auto → glpk.js)', ''],
  ['carbon price 0 (auto → flow)', '?carbonPrice=0'],
  ['built-in day, backend decompose', '?backend=decompose'],
] as const;

const site = await buildAndServe();
const browsing = await openChromium();
try {
  const rows: string[] = ['| case | median ms | runs (ms) |', '|---|---:|---|'];
  const cases = process.argv.includes('--only-screenshot') ? [] : CASES;
  for (const [name, query] of cases) {
    const loads: number[] = [];
    const slides: number[] = [];
    let backend = '';
    for (let i = 0; i < 5; i++) {
      const { page } = await browsing.newPage();
      await page.goto(`${site.url}${query}`);
      backend = (await waitForPlan(page)).backend;
      loads.push(await page.evaluate(() => performance.getEntriesByName('suanflow:first-plan-drawn')[0]!.startTime));
      await page.close();
    }
    const { page } = await browsing.newPage();
    await page.goto(`${site.url}${query}`);
    await waitForPlan(page);
    await page.waitForFunction(() => !document.getElementById('plan-summary')!.hasAttribute('aria-busy') && window.suanflowDemo.comparison !== undefined, undefined, { timeout: 60_000 });
    for (const v of [100, 110, 120, 130, 140]) {
      // A change of the demand scale (carbon price 0 keeps the model a network) or of the carbon price.
      const id = query === '?carbonPrice=0' ? 'demandScale-general' : 'carbonPrice';
      const value = id === 'carbonPrice' ? v : 0.9 + 0.02 * slides.length;
      const t0 = await page.evaluate(([i, x]) => {
        const el = document.getElementById(i as string) as HTMLInputElement;
        el.value = String(x);
        const t = performance.now();
        el.dispatchEvent(new Event('input', { bubbles: true }));
        return t;
      }, [id, value] as const);
      const gen = await page.evaluate(() => window.suanflowDemo.requested);
      await waitForPlan(page, gen);
      slides.push((await page.evaluate((g) => performance.getEntriesByName(`suanflow:plan-drawn:${g}`)[0]!.startTime, gen)) - t0);
      // Let the comparison of the baselines finish, as a user pausing between moves would.
      await page.waitForFunction(() => window.suanflowDemo.comparison !== undefined, undefined, { timeout: 60_000 });
    }
    await page.close();
    rows.push(`| ${name}: first plan drawn after load (backend ${backend}) | ${median(loads).toFixed(0)} | ${loads.map((x) => x.toFixed(0)).join(', ')} |`);
    rows.push(`| ${name}: slider change → plan drawn | ${median(slides).toFixed(0)} | ${slides.map((x) => x.toFixed(0)).join(', ')} |`);
  }
  if (cases.length > 0) console.log(rows.join('\n'));
  if (shot) {
    const { page } = await browsing.newPage();
    await page.goto(`${site.url}?hour=20`);
    await waitForPlan(page);
    await page.waitForFunction(() => window.suanflowDemo.comparison !== undefined, undefined, { timeout: 60_000 });
    mkdirSync(dirname(shot), { recursive: true });
    await page.screenshot({ path: shot, clip: { x: 0, y: 0, width: 1400, height: 1000 } });
    console.log(`screenshot: ${shot}`);
  }
} finally {
  await browsing.close();
  await site.close();
}
