import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProfilesFile } from '../src/cli/profiles-option.js';
import { OptionsError } from '../src/errors.js';
import { verifyPlan } from '../src/plan/verify.js';
import { applyProfiles, parseProfilesCsv, type ProfileTable } from '../src/profiles/csv.js';
import { formatProfilesCsv, profileColumns } from '../src/profiles/format.js';
import { clearSkySolarShape, cosSolarZenith, haurwitzGhi } from '../src/profiles/clear-sky.js';
import { DEMAND_SHAPES, normaliseShape, PROFILE_SOURCES, SOLAR_SHAPE, solarShape, WIND_SHAPE, windShape } from '../src/profiles/shapes.js';
import { scenarios } from '../src/datasets/index.js';
import type { Scenario } from '../src/scenario/types.js';
import { validateScenario } from '../src/scenario/validate.js';
import { solve } from '../src/solve/solve.js';
import { demand, profileError, site, tiny } from './fixtures.js';

const two = tiny({ horizonHours: 2, demands: [demand('d1', { amount: [5, 5] }), demand('job', { amount: 4, window: { release: 0, deadline: 2 } })] });


describe('hourly profiles from CSV', () => {
  it('parses header and hours (BOM, CRLF, comments, blank lines) and applies them', () => {
    const t = parseProfilesCsv('\uFEFF# measured\r\nhour,gridCarbon:A,demand:d1\r\n\r\n0,0.4,6\r\n1, 0.6 ,7\r\n');
    expect(t.hours).toBe(2);
    expect(t.headerLine).toBe(2);
    expect(t.columns.map((c) => [c.header, c.column, c.values])).toEqual([
      ['gridCarbon:A', 2, [0.4, 0.6]],
      ['demand:d1', 3, [6, 7]],
    ]);
    const sc = applyProfiles(two, t);
    expect(sc.sites[0]!.gridCarbon).toEqual([0.4, 0.6]);
    expect(sc.demands[0]!.amount).toEqual([6, 7]);
    expect(two.sites[0]!.gridCarbon).toBe(0.5); // the input is not changed
  });

  it.each([
    ['time,gridCarbon:A\n0,1\n', 1, 1, 'the header must start with "hour"'],
    ['hour,gridCarbon\n0,1\n', 1, 2, 'is not <field>:<id>'],
    ['hour,wind:A\n0,1\n', 1, 2, 'unknown field "wind"'],
    ['hour,gridCarbon:A,gridCarbon:A\n0,1,1\n', 1, 3, 'appears twice'],
    ['hour,gridCarbon:A\n0,1\n2,1\n', 3, 1, 'expected hour 1'],
    ['hour,gridCarbon:A\n0,1,2\n', 2, 3, 'expected 2 cells'],
    ['hour,gridCarbon:A\n0,1\n1,abc\n', 3, 2, 'column gridCarbon:A: "abc" is not a number'],
    ['hour,gridCarbon:A\n0,\n', 2, 2, 'empty cell'],
    ['hour,gridCarbon:A\n0,0x1F\n', 2, 2, '"0x1F" is not a number'],
    ['hour,gridCarbon:A\n0,Infinity\n', 2, 2, '"Infinity" is not a number'],
    ['hour,gridCarbon:A\n0,1 000\n', 2, 2, '"1 000" is not a number'],
    ['hour,gridCarbon:A\n0,"1"\n', 2, 2, 'is quoted'],
    ['hour,gridCarbon:A\n0,0.4 # note\n', 2, 2, 'is not a number'],
    ['hour,gridCarbon:A\n1,1\n', 2, 1, 'expected hour 0 (rows in order from 0), got "1"'],
    ['hour,gridCarbon:A,\n0,1,2\n', 1, 3, 'header "" is not <field>:<id>'],
    ['hour,greenSupplyMW:A\n0,-1\n', 2, 2, 'negative'],
    ['# only a comment\n', 1, 1, 'no header row'],
    ['hour,gridCarbon:A\n', 1, 1, 'no hour rows'],
  ])('rejects %j at line %i, column %i', (text, line, column, rule) => {
    const e = profileError(() => parseProfilesCsv(text));
    expect([e.line, e.column]).toEqual([line, column]);
    expect(e.message).toContain(`line ${line}, column ${column}`);
    expect(e.message).toContain(rule);
  });

  it('rejects a wrong row count, unknown ids and per-hour amounts of windowed work', () => {
    const rows = profileError(() => applyProfiles(two, parseProfilesCsv('hour,gridCarbon:A\n0,1\n')));
    expect(rows.message).toContain('expected 2 hour rows');
    expect(profileError(() => applyProfiles(two, parseProfilesCsv('hour,gridCarbon:Z\n0,1\n1,1\n'))).message).toContain('no site with id "Z"');
    expect(profileError(() => applyProfiles(two, parseProfilesCsv('hour,demand:x\n0,1\n1,1\n'))).message).toContain('no demand with id "x"');
    const w = profileError(() => applyProfiles(two, parseProfilesCsv('# c\nhour,demand:job\n0,1\n1,1\n')));
    expect([w.line, w.column]).toEqual([2, 2]);
    expect(w.message).toContain('has a window');
  });

  it('gives exact messages, and points a surplus row at its own line', () => {
    const bad = profileError(() => parseProfilesCsv('# hours\nhour,greenSupplyMW:A,gridCarbon:B\n0,1,0.5\n1,2,abc\n'));
    expect(bad.message).toBe('line 4, column 3: column gridCarbon:B: "abc" is not a number');
    const neg = profileError(() => parseProfilesCsv('hour,demand:d1\n0,-3\n'));
    expect(neg.message).toBe('line 2, column 2: column demand:d1: -3 is negative (must be ≥ 0)');
    const surplus = profileError(() => applyProfiles(two, parseProfilesCsv('hour,gridCarbon:A\n0,1\n\n1,1\n# late\n2,1\n3,1\n')));
    expect(surplus.message).toBe("line 6, column 1: expected 2 hour rows (the scenario's horizonHours), got 4; hour 2 is past the last hour 1");
    const short = profileError(() => applyProfiles(tiny({ horizonHours: 3 }), parseProfilesCsv('hour,gridCarbon:A\n0,1\n1,1\n')));
    expect(short.message).toBe("line 3, column 1: expected 3 hour rows (the scenario's horizonHours), got 2");
    const unknown = profileError(() => applyProfiles(two, parseProfilesCsv('hour,gridCarbon:A,electricityPrice:Z\n0,1,1\n1,1,1\n')));
    expect(unknown.message).toBe('line 1, column 3: column electricityPrice:Z: no site with id "Z"');
  });

  it('checks hand-built tables too: unknown field, the same value twice, short columns', () => {
    const col = (header: string, values: number[], column = 2) => {
      const [field, id] = header.split(':') as [ProfileTable['columns'][number]['field'], string];
      return { field, id, header, column, values };
    };
    const table = (...columns: ReturnType<typeof col>[]): ProfileTable => ({ columns, hours: 2, headerLine: 1, lastLine: 3 });
    expect(profileError(() => applyProfiles(two, table(col('wind:A', [1, 1])))).message).toContain('unknown field "wind"');
    expect(profileError(() => applyProfiles(two, table(col('gridCarbon:A', [1, 1]), col('gridCarbon:A', [2, 2], 3)))).column).toBe(3);
    expect(profileError(() => applyProfiles(two, table(col('gridCarbon:A', [1])))).message).toContain('1 values for 2 hours');
  });

  it('round trip: the built-in day written as CSV and read back is the same scenario', () => {
    const base = scenarios.eastDataWestComputing;
    // Columns whose values are already per hour come back exactly (shortest round-trip numbers).
    const arrays = profileColumns(base).filter((h) => {
      const [field, id] = h.split(':') as [string, string];
      const v = field === 'demand' ? base.demands.find((d) => d.id === id)!.amount : (base.sites.find((x) => x.id === id) as unknown as Record<string, unknown>)[field];
      return Array.isArray(v);
    });
    expect(arrays.length).toBeGreaterThan(50);
    const text = formatProfilesCsv(base, arrays, 'the built-in day');
    expect(text.startsWith('# the built-in day\nhour,')).toBe(true);
    expect(JSON.stringify(applyProfiles(base, parseProfilesCsv(text)))).toBe(JSON.stringify(base));
    // All columns (numbers that hold every hour become 24 entries): same values hour by hour,
    // and writing the result again gives the same text.
    const all = formatProfilesCsv(base);
    const back = validateScenario(applyProfiles(base, parseProfilesCsv(all)));
    expect(formatProfilesCsv(back)).toBe(all);
    expect(back.sites.find((x) => x.id === 'zhongwei')!.electricityPrice).toEqual(new Array(24).fill(0.37));
    expect(() => formatProfilesCsv(base, ['demand:beijing-batch'])).toThrow(/has a window/);
    expect(() => formatProfilesCsv(base, ['gridCarbon:nowhere'])).toThrow(/no site with id "nowhere"/);
    expect(() => formatProfilesCsv(base, ['gridCarbon:wuhu', 'gridCarbon:wuhu'])).toThrow(/appears twice/);
  });

  it('a profile applied to the built-in day gives a valid scenario that solves and verifies', async () => {
    const base = scenarios.eastDataWestComputing;
    const rows = Array.from({ length: 24 }, (_, t) => `${t},${t < 6 ? 0 : 120},${(0.3 + 0.01 * t).toFixed(2)},${1000 + 10 * t}`);
    const text = ['hour,greenSupplyMW:wuhu,electricityPrice:guian,demand:shanghai-online', ...rows].join('\r\n');
    const sc: Scenario = validateScenario(applyProfiles(base, parseProfilesCsv(`\uFEFF${text}\r\n`)));
    expect(sc.sites.find((x) => x.id === 'wuhu')!.greenSupplyMW).toHaveLength(24);
    expect(sc.demands.find((d) => d.id === 'shanghai-online')!.amount).toEqual(Array.from({ length: 24 }, (_, t) => 1000 + 10 * t));
    const p = await solve(sc);
    expect(p.status).toBe('optimal');
    expect(verifyPlan(sc, p).violations).toEqual([]);
    // Wuhu had no green supply before: now some of its energy in daylight hours is green.
    expect(p.energy.filter((e) => e.site === 'wuhu').reduce((a, e) => a + e.greenKWh, 0)).toBeGreaterThan(0);
  });

  it('green supply from a profile moves a deferrable job to the green hour', async () => {
    const sc = tiny({ horizonHours: 2, sites: [site('A', 114.86, 40.82)], demands: [demand('job', { amount: 4, window: { release: 0, deadline: 2 } })], prices: { carbonPerTonne: 1000, unmetPenalty: 100, transferPerGB: 0 } });
    const withGreen = applyProfiles(sc, parseProfilesCsv('hour,greenSupplyMW:A\n0,0\n1,0.004\n'));
    const p = await solve(withGreen);
    expect(verifyPlan(withGreen, p).ok).toBe(true);
    expect(p.assignments.filter((a) => a.hour === 1).reduce((s, a) => s + a.amount, 0)).toBeCloseTo(4, 9);
  });

  it('the shipped example applies to the built-in scenario, which then solves and verifies', async () => {
    const file = new URL('../examples/profiles/west-cloudy-day.csv', import.meta.url).pathname;
    const sc = loadProfilesFile(file, scenarios.eastDataWestComputing);
    expect(sc.sites.find((s) => s.id === 'zhongwei')!.electricityPrice).toHaveLength(24);
    const p = await solve(sc);
    expect(p.status).toBe('optimal');
    expect(verifyPlan(sc, p).ok).toBe(true);
    // A different input than the built-in: a different optimum.
    expect(p.objective).not.toBeCloseTo((await solve(scenarios.eastDataWestComputing)).objective!, 0);
  });

  it('loadProfilesFile names the file; an unreadable file is an OptionsError', () => {
    const dir = mkdtempSync(join(tmpdir(), 'suanflow-profiles-'));
    const f = join(dir, 'bad.csv');
    writeFileSync(f, 'hour,gridCarbon:zhongwei\n0,x\n');
    const e = profileError(() => loadProfilesFile(f, scenarios.eastDataWestComputing));
    expect(e.message).toBe(`${f}, line 2, column 2: column gridCarbon:zhongwei: "x" is not a number`);
    expect(() => loadProfilesFile(join(dir, 'missing.csv'), scenarios.eastDataWestComputing)).toThrow(OptionsError);
    expect(readFileSync(f, 'utf8')).toContain('hour');
  });

  it('the shipped example is what its comment says: built-in shapes, cloudy Zhongwei, windy Helingeer', () => {
    const file = new URL('../examples/profiles/west-cloudy-day.csv', import.meta.url);
    const t = parseProfilesCsv(readFileSync(file, 'utf8'));
    const col = (h: string) => t.columns.find((c) => c.header === h)!.values;
    const r1 = (x: number) => Math.round(x * 10) / 10;
    // Built-in peaks (MW): Zhongwei solar 500, wind 320; Helingeer solar 400, wind 470.
    expect(col('greenSupplyMW:zhongwei')).toEqual(Array.from({ length: 24 }, (_, h) => r1(500 * 0.4 * solarShape(h) + 320 * windShape(h))));
    expect(col('greenSupplyMW:helingeer')).toEqual(Array.from({ length: 24 }, (_, h) => r1(400 * solarShape(h) + 470 * 1.3 * windShape(h))));
    expect(col('electricityPrice:zhongwei')).toEqual(Array.from({ length: 24 }, (_, h) => (h >= 10 && h <= 15 ? 0.3 : 0.37)));
  });
});

describe('hourly shapes', () => {
  it('are normalised to peak 1 and documented: illustrative unless computed from cited formulas', () => {
    for (const shape of [SOLAR_SHAPE, WIND_SHAPE, ...Object.values(DEMAND_SHAPES)]) {
      expect(shape).toHaveLength(24);
      // Peak 1; the illustrative solar half sine peaks at 12:00 sharp, between two mid-hour samples.
      expect(Math.max(...shape)).toBeLessThanOrEqual(1);
      expect(Math.max(...shape)).toBeGreaterThan(0.99);
      expect(Math.min(...shape)).toBeGreaterThanOrEqual(0);
    }
    for (const [name, src] of Object.entries(PROFILE_SOURCES)) {
      expect(src.normalisation).toBe('peak');
      expect(src.kind).toBe(name === 'clearSkySolar' ? 'formula' : 'illustrative');
      if (src.kind === 'formula') expect(src.references!.length).toBeGreaterThan(0);
    }
    for (let t = 0; t < 48; t++) {
      expect(solarShape(t)).toBe(SOLAR_SHAPE[t % 24]);
      expect(windShape(t)).toBe(WIND_SHAPE[t % 24]);
      expect(windShape(t)).toBeGreaterThanOrEqual(0.3 - 1e-12);
    }
    expect(solarShape(3)).toBe(0);
    expect(WIND_SHAPE.reduce((a, x) => a + x, 0) / 24).toBeCloseTo(0.65, 12);
    const mean1 = normaliseShape(WIND_SHAPE, 'mean');
    expect(mean1.reduce((a, x) => a + x, 0) / 24).toBeCloseTo(1, 12);
    expect(normaliseShape([0, 2, 4], 'peak')).toEqual([0, 0.5, 1]);
    expect(() => normaliseShape([0, 0], 'mean')).toThrow(OptionsError);
  });

  it('the built-in day is made of these shapes, its numbers unchanged by the move to this module', () => {
    const sc = scenarios.eastDataWestComputing;
    // Values of the built-in before the shapes moved out of its file (pinned from that version).
    expect(sc.sites.find((x) => x.id === 'zhongwei')!.greenSupplyMW).toEqual([
      305, 316.2, 320, 316.2, 305, 287.2, 329.3, 428.3, 512.4, 575.7, 613.9, 624.5,
      606.7, 561.8, 492.7, 404.2, 302.3, 194.1, 152, 179, 208, 237, 264, 287.2,
    ]);
    expect(sc.demands.find((d) => d.id === 'beijing-ai-serving')!.amount).toEqual([
      9198, 7024, 5519, 4682, 4348, 4682, 6020, 8361, 11372, 14215, 15887, 16388,
      15051, 14716, 15720, 16221, 16054, 15385, 15051, 15720, 16556, 16723, 15051, 12041,
    ]);
  });

  it('clear-sky solar: the hand-computed noon value, and the western clusters peak near 13:00 Beijing time', () => {
    // Zhongwei (37.32 N, 105.13 E) at the March equinox (day 80): declination ≈ 0, so at solar
    // noon cos z ≈ cos 37.32° = 0.795 and GHI ≈ 1098 · 0.795 · exp(−0.059 / 0.795) ≈ 810 W/m².
    // Solar noon is 12:00 + 4 min · (120 − 105.13) − equation of time (≈ −7.5 min) ≈ 13:07.
    const noon = 13 + 7 / 60;
    expect(cosSolarZenith(37.32, 105.13, 80, noon)).toBeCloseTo(Math.cos((37.32 * Math.PI) / 180), 2);
    expect(haurwitzGhi(cosSolarZenith(37.32, 105.13, 80, noon))).toBeGreaterThan(800);
    expect(haurwitzGhi(cosSolarZenith(37.32, 105.13, 80, noon))).toBeLessThan(820);
    expect(haurwitzGhi(-0.2)).toBe(0);
    const march = clearSkySolarShape({ lat: 37.32, lon: 105.13, dayOfYear: 80 });
    expect(march).toHaveLength(24);
    expect(march.indexOf(1)).toBe(13); // 13:00–13:59 holds the peak, not 12:00 as in the illustrative half sine
    expect(march.slice(0, 6).every((x) => x === 0) && march[22] === 0).toBe(true);
    // Longer days in June than in December at the same place; Shanghai (121.47 E) peaks at 12:00.
    const daylight = (s: number[]) => s.filter((x) => x > 0).length;
    const june = clearSkySolarShape({ lat: 37.32, lon: 105.13, dayOfYear: 172 });
    const december = clearSkySolarShape({ lat: 37.32, lon: 105.13, dayOfYear: 355 });
    expect(daylight(june)).toBeGreaterThan(daylight(december) + 3);
    expect(clearSkySolarShape({ lat: 31.23, lon: 121.47, dayOfYear: 80 }).indexOf(1)).toBe(12);
    expect(() => clearSkySolarShape({ lat: 70, lon: 100, dayOfYear: 80 })).toThrow(OptionsError);
    expect(() => clearSkySolarShape({ lat: 30, lon: 100, dayOfYear: 0 })).toThrow(/dayOfYear/);
  });
});
