/**
 * `compareStrategies` on both carbon signals (issue 14): the ranking of the strategies by carbon
 * and by cost on the average and on the marginal signal, its text, and the CLI's --carbon-csv.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareStrategies } from '../src/compare/compare.js';
import { formatComparison } from '../src/compare/format.js';
import { compareCommand } from '../src/cli/compare.js';
import type { Scenario } from '../src/scenario/types.js';
import { site, tiny } from './fixtures.js';

/**
 * Beijing, 15 units of 1 kWh. A (nearest, 2.4 ms): cost 2, average 0.5, marginal 0.5; C (3.9 ms,
 * the cheapest): cost 1, average 0.3, marginal 1.0; B (6.2 ms): cost 1.5, average 0.1, marginal 0.9.
 * At 5000 CNY/t on the average signal: nearest → A, cost-only → C, optimal → B.
 */
function threeWays(): Scenario {
  const base = tiny();
  return {
    ...base,
    sites: [
      site('A', 114.86, 40.82, { region: 'east', capacity: { general: 100 }, unitCost: { general: 2 }, gridCarbon: 0.5, marginalCarbon: 0.5 }),
      site('C', 114.5, 38.04, { region: 'east', capacity: { general: 100 }, unitCost: { general: 1 }, gridCarbon: 0.3, marginalCarbon: 1.0 }),
      site('B', 111.66, 40.8, { capacity: { general: 100 }, unitCost: { general: 1.5 }, gridCarbon: 0.1, marginalCarbon: 0.9 }),
    ],
    prices: { ...base.prices, carbonPerTonne: 5000 },
  };
}

describe('compareStrategies: ranking on the average and the marginal signal', () => {
  it('carbon: optimal < cost-only < nearest on average, nearest < optimal < cost-only on marginal', async () => {
    const c = await compareStrategies(threeWays(), { includePlans: false });
    const used = (k: 'nearest' | 'costOnly' | 'optimal') => c.strategies[k].metrics!;
    expect(used('nearest').marketTonnes).toBeCloseTo(0.0075, 12);
    expect(used('costOnly').marginalTonnes).toBeCloseTo(0.015, 12);
    expect(used('optimal').marginalTonnes).toBeCloseTo(0.0135, 12);
    expect(c.carbonSignal).toBe('average');
    expect(c.ranking).toEqual({
      carbonAverage: ['optimal', 'costOnly', 'nearest'],
      carbonMarginal: ['nearest', 'optimal', 'costOnly'],
      // Cost, carbon at 5 CNY/kg + energy 0.5: average A 5, C 3, B 2.5; marginal A 5, C 6.5, B 6.5 (tie: report order).
      costAverage: ['optimal', 'costOnly', 'nearest'],
      costMarginal: ['nearest', 'costOnly', 'optimal'],
      changed: true,
    });
    // The optimum's marginal savings against the nearest baseline are negative: 100 · (7.5 − 13.5) / 7.5.
    expect(c.savings.vsNearest.marginalCarbon).toBeCloseTo(-80, 9);
    const text = formatComparison(c);
    expect(text).toContain('Ranking of the strategies on each carbon signal (1 = least; (c) was solved on the average signal)');
    expect(text).toMatch(/CO2, marginal signal\s+1\s+3\s+2/);
    expect(text).toContain('the ranking changes between the signals: CO2 (c) optimal < (b) cost-only < (a) nearest on average vs (a) nearest < (c) optimal < (b) cost-only on marginal');
    expect(text).toMatch(/CO2 marginal signal, t/);
  });

  it('solved on the marginal signal, the optimum moves to A and ranks first on marginal carbon', async () => {
    const sc = threeWays();
    const c = await compareStrategies({ ...sc, prices: { ...sc.prices, carbonSignal: 'marginal' } }, { includePlans: false });
    expect(c.carbonSignal).toBe('marginal');
    expect(c.ranking!.carbonMarginal[0]).toMatch(/nearest|optimal/);
    expect(c.strategies.optimal.metrics!.marginalTonnes).toBeCloseTo(0.0075, 12);
  });

  it('without marginal factors there is no ranking, and the note says why', async () => {
    const c = await compareStrategies(tiny(), { includePlans: false });
    expect(c.ranking).toBeNull();
    expect(c.rankingNote).toBe('no ranking on the marginal signal: no site gives marginalCarbon');
    expect(formatComparison(c)).toContain('no ranking on the marginal signal: no site gives marginalCarbon');
  });
});

describe('suanflow compare --carbon-csv --carbon-map', () => {
  const dir = mkdtempSync(join(tmpdir(), 'suanflow-carbon-'));
  const sc = threeWays();
  const { marginalCarbon: _a, ...a } = sc.sites[0]!;
  const { marginalCarbon: _b, ...b } = sc.sites[1]!;
  const { marginalCarbon: _c, ...c3 } = sc.sites[2]!;
  writeFileSync(join(dir, 'sc.json'), JSON.stringify({ ...sc, sites: [a, b, c3] }));
  writeFileSync(join(dir, 'map.json'), JSON.stringify({ zones: { ZA: ['A'], ZBC: ['B', 'C'] }, fields: { marginalCarbon: 'direct' } }));
  const csv = (extra = '') => ['Datetime (UTC),Zone Id,Carbon Intensity gCO₂eq/kWh (direct)', '2024-07-01 00:00:00,ZA,500', '2024-07-01 00:00:00,ZBC,950', extra].join('\n');
  const run = async (args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await compareCommand(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
    return { code, out: out.join(''), err: err.join('') };
  };
  it('reads the factors and prints the ranking', async () => {
    writeFileSync(join(dir, 'ok.csv'), csv());
    const r = await run([join(dir, 'sc.json'), '--carbon-csv', join(dir, 'ok.csv'), '--carbon-map', join(dir, 'map.json')]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Ranking of the strategies on each carbon signal');
  });
  it('an unknown zone is bad input (exit 2, file:line:column); --carbon-skip-unknown lists it and goes on', async () => {
    writeFileSync(join(dir, 'extra.csv'), csv('2024-07-01 00:00:00,ZQ,1'));
    const bad = await run([join(dir, 'sc.json'), '--carbon-csv', join(dir, 'extra.csv'), '--carbon-map', join(dir, 'map.json')]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/extra\.csv, line 4, column 2: zone "ZQ" is not in the carbon map/);
    const skip = await run([join(dir, 'sc.json'), '--carbon-csv', join(dir, 'extra.csv'), '--carbon-map', join(dir, 'map.json'), '--carbon-skip-unknown']);
    expect(skip.code).toBe(0);
    expect(skip.err).toMatch(/skipped 1 row of zone "ZQ" \(not in the carbon map; first on line 4\)/);
  });
  it('--carbon-csv without --carbon-map is a usage error', async () => {
    const r = await run([join(dir, 'sc.json'), '--carbon-csv', join(dir, 'ok.csv')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--carbon-csv and --carbon-map go together');
  });
});
