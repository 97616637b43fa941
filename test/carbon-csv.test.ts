/**
 * Hourly carbon-intensity CSVs (issue 14 item 4): the Electricity Maps-style layout mapped onto
 * sites, the shipped example, `marginalCarbon:<site>` profile columns, and every bad input with its
 * file, line and column.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyCarbonCsv, CarbonMapError, parseCarbonMap, type CarbonMap } from '../src/profiles/carbon-csv.js';
import { applyProfiles, parseProfilesCsv } from '../src/profiles/csv.js';
import { eastDataWestComputing } from '../src/datasets/east-data-west-computing.js';
import { validateScenario } from '../src/scenario/validate.js';
import { solve } from '../src/solve/solve.js';
import { verifyPlan } from '../src/plan/verify.js';
import { profileError, site, tiny } from './fixtures.js';

const HEADER = 'Datetime (UTC),Country,Zone Name,Zone Id,Carbon Intensity gCO₂eq/kWh (direct),Carbon Intensity gCO₂eq/kWh (LCA),Low Carbon Percentage';
const row = (h: number, zone: string, direct: string | number, lca: string | number) => `2024-07-01 0${h}:00:00,China,"Zone ${zone}, test",${zone},${direct},${lca},40`;
const sc2 = () => tiny({ horizonHours: 2 });
const MAP: CarbonMap = { zones: { Z1: ['A', 'B'], Z2: ['C'] }, fields: { gridCarbon: 'direct', marginalCarbon: 'lca' } };
const good = [HEADER, row(0, 'Z1', 500, 600), row(0, 'Z2', 100, 150), row(1, 'Z1', 450, 550), row(1, 'Z2', 120, 170)];


describe('applyCarbonCsv', () => {
  it('maps zones onto sites, g → kg, direct → gridCarbon and LCA → marginalCarbon', () => {
    const r = applyCarbonCsv(sc2(), good.join('\n'), MAP, { file: 'x.csv' });
    const [a, b, c] = r.scenario.sites;
    expect(a!.gridCarbon).toEqual([0.5, 0.45]);
    expect(b!.gridCarbon).toEqual([0.5, 0.45]);
    expect(a!.marginalCarbon).toEqual([0.6, 0.55]);
    expect(c!.gridCarbon).toEqual([0.1, 0.12]);
    expect(c!.marginalCarbon).toEqual([0.15, 0.17]);
    expect(r.start).toBe('2024-07-01T00:00:00Z');
    expect(r.skipped).toEqual([]);
    expect(() => validateScenario(r.scenario)).not.toThrow();
  });
  it('accepts header variants (gCO2eq without subscript, "life cycle", ISO T…Z datetimes, CRLF, any row order)', () => {
    const text = ['Datetime (UTC),Zone Id,Carbon Intensity gCO2eq/kWh (direct),Carbon intensity gCO2eq/kWh (Life cycle)', '2024-07-01T01:00:00Z,Z1,450,550', '2024-07-01T00:00:00Z,Z1,500,600', '2024-07-01T00:00:00+00:00,Z2,100,150', '2024-07-01T01:00:00Z,Z2,120,170'].join('\r\n');
    const r = applyCarbonCsv(sc2(), text, MAP);
    expect(r.scenario.sites[0]!.gridCarbon).toEqual([0.5, 0.45]);
    expect(r.scenario.sites[2]!.marginalCarbon).toEqual([0.15, 0.17]);
  });
  it('a column named by its header, with the unit read from it (kg per kWh: no scaling)', () => {
    const text = ['Datetime (UTC),Zone Id,Marginal kgCO2/kWh', '2024-07-01 00:00,Z1,0.9', '2024-07-01 01:00,Z1,0.8'].join('\n');
    const map = { zones: { Z1: ['A'] }, fields: { marginalCarbon: 'Marginal kgCO2/kWh' } };
    expect(applyCarbonCsv(sc2(), text, map).scenario.sites[0]!.marginalCarbon).toEqual([0.9, 0.8]);
    const noUnit = ['Datetime (UTC),Zone Id,Marginal', '2024-07-01 00:00,Z1,0.9'].join('\n');
    expect(profileError(() => applyCarbonCsv(sc2(), noUnit, { zones: { Z1: ['A'] }, fields: { marginalCarbon: 'Marginal' } })).message).toMatch(/line 1, column 3: .*names no unit/);
  });
  it('start: hour 0 is the given datetime; rows before it or past the horizon are errors naming the line', () => {
    const e = profileError(() => applyCarbonCsv(sc2(), good.join('\n'), { ...MAP, start: '2024-07-01T01:00:00Z' }, { file: 'x.csv' }));
    expect(e.message).toMatch(/^x\.csv, line 2, column 1: 2024-07-01T00:00:00Z is hour -1 from the start .*outside the horizon 0 … 1/);
    const past = [...good, row(2, 'Z1', 1, 1)];
    expect(profileError(() => applyCarbonCsv(sc2(), past.join('\n'), MAP)).message).toMatch(/line 6, column 1: .*is hour 2 .*outside the horizon/);
  });
  it('rows of unknown zones are an error, or skipped and reported when asked', () => {
    const text = [...good, row(0, 'ZZ', 1, 1), row(1, 'ZZ', 1, 1)].join('\n');
    const e = profileError(() => applyCarbonCsv(sc2(), text, MAP, { file: 'x.csv' }));
    expect(e).toMatchObject({ line: 6, column: 4, file: 'x.csv' });
    expect(e.message).toMatch(/zone "ZZ" is not in the carbon map/);
    expect(applyCarbonCsv(sc2(), text, MAP, { skipUnknownZones: true }).skipped).toEqual([{ zone: 'ZZ', rows: 2, firstLine: 6 }]);
  });
  it('missing and duplicate hours', () => {
    const missing = good.filter((_, i) => i !== 4);
    expect(profileError(() => applyCarbonCsv(sc2(), missing.join('\n'), MAP)).message).toMatch(/zone "Z2" has no row for hour 1 \(2024-07-01T01:00:00Z\)/);
    const dup = [...good, row(1, 'Z2', 1, 1)];
    expect(profileError(() => applyCarbonCsv(sc2(), dup.join('\n'), MAP)).message).toMatch(/line 6, column 1: zone "Z2" has 2024-07-01T01:00:00Z \(hour 1\) twice: first on line 5/);
  });
  const bad: [string, string[], RegExp][] = [
    ['no datetime column', ['When,Zone Id,Carbon Intensity gCO₂eq/kWh (direct)'], /line 1, column 1: no datetime column/],
    ['no zone column', ['Datetime (UTC),Carbon Intensity gCO₂eq/kWh (direct),Carbon Intensity gCO₂eq/kWh (LCA)'], /line 1, column 1: no zone column/],
    ['no LCA column', ['Datetime (UTC),Zone Id,Carbon Intensity gCO₂eq/kWh (direct)'], /line 1, column 1: no column for marginalCarbon = "lca"/],
    ['a bad number', [HEADER, row(0, 'Z1', '5OO', 600)], /line 2, column 5: column "Carbon Intensity gCO₂eq\/kWh \(direct\)": "5OO" is not a number/],
    ['an empty cell', [HEADER, row(0, 'Z1', '', 600)], /line 2, column 5: .*empty cell/],
    ['a negative intensity', [HEADER, row(0, 'Z1', 500, -1)], /line 2, column 6: .*-1 is negative/],
    ['a bad datetime', [HEADER, '2024-13-01 00:00:00,China,x,Z1,1,1,1'], /line 2, column 1: .*not a valid date/],
    ['a datetime off the hour', [HEADER, '2024-07-01 00:30:00,China,x,Z1,1,1,1'], /line 2, column 1: .*not on the hour/],
    ['a short row', [HEADER, '2024-07-01 00:00:00,China,x,Z1,1'], /line 2, column 6: expected 7 cells/],
    ['an unclosed quote', [HEADER, '2024-07-01 00:00:00,China,"x,Z1,1,1,1'], /line 2, column 1: a quoted cell is not closed/],
  ];
  for (const [name, lines, msg] of bad) {
    it(`bad input: ${name}`, () => {
      const e = profileError(() => applyCarbonCsv(sc2(), lines.join('\n'), MAP, { file: 'f.csv' }));
      expect(e.message.startsWith('f.csv, line ')).toBe(true);
      expect(e.message).toMatch(msg);
    });
  }
  it('the mapping: unknown sites, a site fed twice, unknown fields and keys name the JSON path', () => {
    const sc = sc2();
    const path = (raw: unknown) => {
      try {
        parseCarbonMap(raw, sc, 'm.json');
      } catch (e) {
        if (e instanceof CarbonMapError) return e.message;
        throw e;
      }
      return 'ok';
    };
    expect(path(MAP)).toBe('ok');
    expect(path({ zones: { Z1: ['A', 'Q'] }, fields: { gridCarbon: 'direct' } })).toBe('m.json, carbon map zones["Z1"][1]: no site with id "Q" in the scenario');
    expect(path({ zones: { Z1: ['A'], Z2: ['A'] }, fields: { gridCarbon: 'direct' } })).toMatch(/zones\["Z2"\]\[0\]: site "A" is already fed by zone "Z1"/);
    expect(path({ zones: { Z1: ['A'] }, fields: { gridCarbn: 'direct' } })).toMatch(/fields\.gridCarbn: unknown field/);
    expect(path({ zones: { Z1: ['A'] }, fields: {} })).toMatch(/carbon map fields: must name/);
    expect(path({ zones: { Z1: ['A'] }, fields: { gridCarbon: 'direct' }, strat: 'x' })).toMatch(/carbon map strat: unknown key/);
    expect(path({ zones: { Z1: ['A'] }, fields: { gridCarbon: 'direct' }, start: '2024-07-01T00:15:00Z' })).toMatch(/carbon map start: .*not on the hour/);
  });
});

describe('the shipped example (examples/carbon)', () => {
  it('reads onto the built-in day; both signals solve to verified plans', async () => {
    const text = readFileSync('examples/carbon/illustrative-grid-day.csv', 'utf8');
    const base = eastDataWestComputing;
    const map = parseCarbonMap(JSON.parse(readFileSync('examples/carbon/map.json', 'utf8')), base);
    const r = applyCarbonCsv(base, text, map, { file: 'illustrative-grid-day.csv' });
    const sc = validateScenario(r.scenario);
    for (const s of sc.sites) {
      expect(Array.isArray(s.gridCarbon) && s.gridCarbon.length === 24).toBe(true);
      expect(Array.isArray(s.marginalCarbon) && s.marginalCarbon.length === 24).toBe(true);
    }
    const marginal = { ...sc, prices: { ...sc.prices, carbonPerTonne: 200, carbonSignal: 'marginal' as const } };
    const p = await solve(marginal);
    expect(p.status).toBe('optimal');
    expect(p.carbon!.signal).toBe('marginal');
    expect(verifyPlan(marginal, p).violations).toEqual([]);
  });
});

describe('--profiles: marginalCarbon:<site> columns', () => {
  it('sets the site marginal factor per hour', () => {
    const sc = tiny({ horizonHours: 2, sites: [site('A', 114.86, 40.82), site('B', 111.66, 40.8, { marginalCarbon: 0.3 })] });
    const out = applyProfiles(sc, parseProfilesCsv('hour,marginalCarbon:A,marginalCarbon:B\n0,0.9,0.4\n1,0.8,0.5\n'));
    expect(out.sites[0]!.marginalCarbon).toEqual([0.9, 0.8]);
    expect(out.sites[1]!.marginalCarbon).toEqual([0.4, 0.5]);
    expect(() => validateScenario(out)).not.toThrow();
    expect(() => applyProfiles(sc, parseProfilesCsv('hour,marginalCarbon:Q\n0,1\n1,1\n'))).toThrow(/line 1, column 2: column marginalCarbon:Q: no site with id "Q"/);
    expect(() => parseProfilesCsv('hour,marginalCarbon:A\n0,-0.1\n')).toThrow(/line 2, column 2: .*negative/);
  });
});
