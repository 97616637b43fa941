import { describe, expect, it } from 'vitest';
import { getHeapStatistics } from 'node:v8';
import { solve } from '../src/solve/solve.js';
import { sweep } from '../src/solve/sweep.js';
import { ModelSizeError, OptionsError, SuanflowError } from '../src/errors.js';
import { countModel } from '../src/formulate/estimate.js';
import { formulatePlacement, pairLatencies } from '../src/formulate/placement.js';
import { modelToNetwork, notNetworkReason } from '../src/formulate/to-network.js';
import { latencyMatrix } from '../src/geo/latency-matrix.js';
import { checkModelSize, defaultMaxMemoryMB, WASM_MEMORY_LIMIT_BYTES } from '../src/solve/size-limit.js';
import { generateScenario } from '../src/bench/generate.js';
import { EDWC_BACKBONE, scenarios } from '../src/datasets/index.js';
import type { Scenario } from '../src/scenario/types.js';
import { demand, tiny } from './fixtures.js';

async function counted(sc: Scenario) {
  const lat = pairLatencies(sc, await latencyMatrix(sc.origins, sc.sites));
  return { counts: countModel(sc, lat), model: formulatePlacement(sc, lat) };
}

describe('size estimate before formulating', () => {
  const cases: [string, () => Scenario][] = [
    ['built-in day (green, carbon price)', () => scenarios.eastDataWestComputing],
    ['green hubs (site and global green shares)', () => scenarios.greenHubs],
    ['generated network 300 × 12 × 24', () => generateScenario({ demands: 300, sites: 12, hours: 24, seed: 2 })],
    ['generated green 200 × 10 × 24', () => generateScenario({ demands: 200, sites: 10, hours: 24, seed: 3, green: true })],
    ['windows with maxPerHour, no unmet', () => tiny({ horizonHours: 4, policy: { allowUnmet: false }, demands: [demand('w', { amount: 8, window: { release: 1, deadline: 4, maxPerHour: 5 } }), demand('i', { amount: [1, 0, 2, 3] })] })],
  ];
  for (const [name, make] of cases) {
    it(`counts columns, rows, nonzeros and arcs exactly: ${name}`, async () => {
      const { counts, model } = await counted(make());
      expect(counts.columns).toBe(model.cols.length);
      expect(counts.rows).toBe(model.rows.length);
      expect(counts.nonzeros).toBe(model.rows.reduce((a, r) => a + r.cols.length, 0));
      if (!counts.coupled) {
        const mn = modelToNetwork(model);
        expect(counts.arcs).toBe(mn.net.source.length);
        expect(counts.nodes).toBe(mn.net.nodes);
      }
    });
  }

  it('a model whose only coupling is the backbone or a dataset copy counts as coupled, as its LP is not a network', async () => {
    const day = scenarios.eastDataWestComputing;
    const plain: Scenario = { ...day, prices: { ...day.prices, carbonPerTonne: 0 }, policy: {} };
    const gravity = scenarios.dataGravity;
    for (const sc of [plain, { ...plain, backbone: EDWC_BACKBONE }, { ...plain, datasets: gravity.datasets, demands: gravity.demands.filter((d) => d.model === undefined) }]) {
      const { counts, model } = await counted(sc);
      expect(counts.coupled).toBe(notNetworkReason(model) !== undefined);
    }
  });

  it('a model over maxMemoryMB is refused with a ModelSizeError naming size, limit and what to do', async () => {
    const sc = scenarios.eastDataWestComputing;
    const err = await solve(sc, { maxMemoryMB: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelSizeError);
    expect(err).toBeInstanceOf(SuanflowError);
    const e = err as ModelSizeError;
    expect(e.name).toBe('ModelSizeError');
    expect(e.resource).toBe('heap');
    expect(e.backend).toBe('glpk');
    expect(e.limitBytes).toBe(2 ** 20);
    expect(e.estimate.heapBytes).toBeGreaterThan(e.limitBytes);
    const ok = await solve(sc);
    expect(e.estimate.columns).toBe(ok.solver.variables);
    expect(e.estimate.rows).toBe(ok.solver.constraints);
    expect(e.message).toMatch(/^model too large for the JS heap: 19,527 columns, 2,247 rows, .* more than maxMemoryMB = 1 MB; use backend "decompose"/);
    expect(e.message).toMatch(/a shorter horizonHours/);
    expect(e.message).toMatch(/simulate \(lookaheadHours\)/);
  });

  it('a model over the backend\'s wasm memory is refused as such, whatever the heap allows', () => {
    const counts = { placements: 2e7, columns: 2.1e7, rows: 1e6, nonzeros: 4.2e7, arcs: 2.2e7, nodes: 1e6, coupled: true };
    expect(() => checkModelSize(counts, 'glpk', 1e9, () => 0)).toThrow(/model too large for glpk\.js: .* of WebAssembly memory, more than its limit of 2,048 MB/);
    try {
      checkModelSize(counts, 'flow', 1e9, (n, m) => 100 * (n + m));
    } catch (e) {
      expect((e as ModelSizeError).resource).toBe('wasm');
      expect((e as ModelSizeError).limitBytes).toBe(WASM_MEMORY_LIMIT_BYTES);
      return;
    }
    throw new Error('expected a ModelSizeError');
  });

  it('the default maxMemoryMB is 75% of the V8 heap limit', async () => {
    expect(await defaultMaxMemoryMB()).toBe(Math.floor((0.75 * getHeapStatistics().heap_size_limit) / 2 ** 20));
  });

  it('maxMemoryMB must be a positive number', async () => {
    await expect(solve(tiny(), { maxMemoryMB: 0 })).rejects.toThrow(/option maxMemoryMB: must be a finite number of MB > 0/);
    await expect(solve(tiny(), { maxMemoryMB: Number.NaN })).rejects.toThrow(OptionsError);
  });
});

describe('unknown option names are an OptionsError listing the valid ones', () => {
  it('solve', async () => {
    await expect(solve(tiny(), { backnd: 'glpk' } as never)).rejects.toThrow(/option backnd: is not an option of solve \(valid: backend, gapTolerance, maxMemoryMB, maxRounds, signal, timeLimitSeconds\)/);
    const p = await solve(tiny(), { signal: new AbortController().signal, maxMemoryMB: 512 });
    expect(p.status).toBe('optimal');
  });

  it('sweep (warmStart is valid there, and is not passed on to solve)', async () => {
    await expect(sweep(tiny(), { carbonPrice: [0, 100] }, { warmstart: false } as never)).rejects.toThrow(/option warmstart: is not an option of sweep \(valid: .*warmStart/);
    const coupled = tiny({ policy: { carbonCapTonnes: 1000 } });
    const r = await sweep(coupled, { carbonPrice: [0, 100] }, { warmStart: false, maxMemoryMB: 512 });
    expect(r.points.map((p) => p.plan.status)).toEqual(['optimal', 'optimal']);
  });
});
