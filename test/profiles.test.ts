import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProfilesFile } from '../src/cli/profiles-option.js';
import { OptionsError } from '../src/errors.js';
import { verifyPlan } from '../src/plan/verify.js';
import { applyProfiles, parseProfilesCsv } from '../src/profiles/csv.js';
import { ProfileError } from '../src/profiles/errors.js';
import { PROFILE_SOURCES, solarShape, windShape } from '../src/profiles/shapes.js';
import { scenarios } from '../src/scenario/builtin/index.js';
import { solve } from '../src/solve/solve.js';
import { demand, site, tiny } from './fixtures.js';

const two = tiny({ horizonHours: 2, demands: [demand('d1', { amount: [5, 5] }), demand('job', { amount: 4, window: { release: 0, deadline: 2 } })] });

/** The ProfileError thrown by `f`, for checking line, column and message. */
function profileError(f: () => unknown): ProfileError {
  try {
    f();
  } catch (e) {
    if (e instanceof ProfileError) return e;
    throw e;
  }
  throw new Error('no ProfileError');
}

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

  it('shapes are documented as illustrative, and stay in [0, 1]', () => {
    for (const s of Object.values(PROFILE_SOURCES)) expect(s.kind).toBe('illustrative');
    for (let t = 0; t < 48; t++) {
      expect(solarShape(t)).toBeGreaterThanOrEqual(0);
      expect(solarShape(t)).toBeLessThanOrEqual(1);
      expect(windShape(t)).toBeGreaterThanOrEqual(0.3);
      expect(solarShape(t)).toBe(solarShape(t % 24));
    }
    expect(solarShape(3)).toBe(0);
  });
});
