// Sweep specs: bad ones get every problem with its JSON path and rule; the JSON Schema file names
// the same fields; the CLI prints them (exit 2).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarios } from '../src/datasets/index.js';
import { outageSets, SWEEP_AXES, SWEEP_BACKENDS, SWEEP_SPEC_FIELDS, sweepSpecIssues, SweepSpecError, validateSweepSpec } from '../src/sweep/spec.js';
import { CLI, sweepDir } from './sweep-fixtures.js';

const at = (input: unknown) => sweepSpecIssues(input).map((i) => `${i.path} [${i.rule}]`);

describe('sweep spec validation', () => {
  it('a good spec passes', () => {
    expect(at({ version: 1, base: 'eastDataWestComputing', axes: { carbonPrice: [0, 100], demandScale: [1, { intelligent: 2 }], outage: 'each-hub', backend: ['flow', 'glpk'] }, timeLimitSeconds: 10 })).toEqual([]);
  });

  it('names every problem by path and rule', () => {
    expect(
      at({
        version: 2,
        base: '',
        extra: 1,
        backend: 'cplex',
        axes: { carbonPrice: [0, -1, 0], demandScale: [{ quantum: 2 }, { general: 'x' }], minGreenShare: [1.5], seeds: [1.5], outage: [['a', 'a'], []], colour: ['red'] },
        simulate: { lookaheadHours: 0 },
      }),
    ).toEqual([
      'extra [unknown-field]',
      'version [version]',
      'base [base]',
      'backend [backend]',
      'axes.colour [unknown-field]',
      'axes.carbonPrice[1] [finite-nonnegative]',
      'axes.carbonPrice[2] [duplicate]',
      'axes.minGreenShare[0] [share]',
      'axes.seeds[0] [seed]',
      'axes.demandScale[0].quantum [unknown-field]',
      'axes.demandScale[1].general [finite-nonnegative]',
      'axes.outage[0][1] [duplicate]',
      'axes.outage[1] [outage-set]',
      'simulate.lookaheadHours [positive-integer]',
    ]);
    expect(at({ version: 1, base: 'x', axes: {} })).toEqual(['axes [non-empty]']);
    expect(at({ version: 1, base: 'x', axes: { carbonPrice: [1] }, simulate: {} })).toEqual(['simulate [needs-seeds]']);
    expect(at([])).toEqual(['spec [type]']);
    expect(at({ version: 1, base: 'x', axes: { outage: 'each-region' } })).toEqual(['axes.outage [outage]']);
  });

  it('throws SweepSpecError with the lines; unknown outage sites are named against the base', () => {
    expect(() => validateSweepSpec({ version: 1, base: 'x', axes: { carbonPrice: 5 } })).toThrow(/axes\.carbonPrice: must be an array of values \[type\]/);
    const e = (() => {
      try {
        outageSets(scenarios.eastDataWestComputing, [['guian'], ['guian', 'atlantis']]);
      } catch (x) {
        return x as SweepSpecError;
      }
    })();
    expect(e).toBeInstanceOf(SweepSpecError);
    expect(e!.issues.map((i) => `${i.path} [${i.rule}]`)).toEqual(['axes.outage[1][1] [unknown-site]']);
  });

  it('outage axes: each-site, each-hub, each-pair expand against the base', () => {
    const sc = scenarios.eastDataWestComputing;
    const n = sc.sites.length;
    expect(outageSets(sc, 'each-site')).toHaveLength(n);
    expect(outageSets(sc, 'each-pair')).toHaveLength((n * (n - 1)) / 2);
    expect(outageSets(sc, 'each-hub').flat().sort()).toEqual(sc.sites.map((s) => s.id).sort());
  });

  it('the JSON Schema file has the same fields, axes and backends', () => {
    const schema = JSON.parse(readFileSync(join(__dirname, '..', 'schema', 'sweep-spec.schema.json'), 'utf8'));
    expect(Object.keys(schema.properties).sort()).toEqual([...SWEEP_SPEC_FIELDS].sort());
    expect(Object.keys(schema.properties.axes.properties).sort()).toEqual([...SWEEP_AXES].sort());
    expect(schema.$defs.backend.enum).toEqual([...SWEEP_BACKENDS]);
  });

  it('the CLI prints the problems with their paths and exits 2', () => {
    const { dir } = sweepDir({ version: 1, base: 'day-location.json', axes: { carbonPrice: [-5], outage: [['nowhere']] } });
    const r = spawnSync(process.execPath, [CLI, 'sweep', join(dir, 'spec.json'), '--out', join(dir, 'r.jsonl')], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^suanflow sweep: invalid sweep spec: 1 problem\n {2}axes\.carbonPrice\[0\]: must be a finite number ≥ 0, got -5 \[finite-nonnegative\]/);
    writeFileSync(join(dir, 'spec.json'), JSON.stringify({ version: 1, base: 'day-location.json', axes: { outage: [['guian'], ['nowhere']] } }));
    const r2 = spawnSync(process.execPath, [CLI, 'sweep', join(dir, 'spec.json'), '--out', join(dir, 'r.jsonl')], { encoding: 'utf8' });
    expect(r2.status).toBe(2);
    expect(r2.stderr).toMatch(/axes\.outage\[1\]\[0\]: no site "nowhere" in the base scenario/);
    const r3 = spawnSync(process.execPath, [CLI, 'sweep', join(dir, 'spec.json'), '--out', join(dir, 'r.jsonl'), '--shard', '3/3'], { encoding: 'utf8' });
    expect([r3.status, r3.stderr.split('\n')[0]]).toEqual([2, 'suanflow sweep: shard 3/3: the index must be in 0 … 2']);
  });
});
