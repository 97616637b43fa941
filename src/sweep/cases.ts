/**
 * Deterministic case expansion: the Cartesian product of a spec's axes (in `SWEEP_AXES` order, the
 * last axis varying fastest), each case decoded from its index (mixed radix), so a million cases
 * are generated one at a time and a shard reads only its own indices. Ids are hashes of the params.
 */
import { COMPUTE_CLASSES, type Hourly, type Scenario } from '../scenario/types.js';
import { caseId } from './ids.js';
import { outageSets, SWEEP_AXES } from './spec.js';
import type { CaseParams, DemandScale, SweepCase, SweepSpec } from './spec-types.js';

/** The expanded axes of a spec against its base scenario: values per axis, in order. */
export interface CaseGrid {
  readonly axes: readonly { readonly name: (typeof SWEEP_AXES)[number]; readonly values: readonly unknown[] }[];
  /** Number of cases (the product of the axis lengths). */
  readonly total: number;
}

/** Param name of each axis (the axis `seeds` gives the param `seed`). */
const PARAM: Readonly<Record<(typeof SWEEP_AXES)[number], keyof CaseParams>> = {
  carbonPrice: 'carbonPrice',
  demandScale: 'demandScale',
  carbonCap: 'carbonCap',
  minGreenShare: 'minGreenShare',
  outage: 'outage',
  seeds: 'seed',
  backend: 'backend',
};

/** The grid of `spec` over `base` (outage sets resolved and checked against the base's sites). */
export function caseGrid(spec: SweepSpec, base: Scenario): CaseGrid {
  const axes: { name: (typeof SWEEP_AXES)[number]; values: readonly unknown[] }[] = [];
  for (const name of SWEEP_AXES) {
    const v = spec.axes[name];
    if (v === undefined) continue;
    axes.push({ name, values: name === 'outage' ? outageSets(base, v as NonNullable<SweepSpec['axes']['outage']>) : (v as readonly unknown[]) });
  }
  return { axes, total: axes.reduce((n, a) => n * a.values.length, 1) };
}

/** The case at `index` (0 ≤ index < grid.total). */
export function caseAt(grid: CaseGrid, index: number): SweepCase {
  const params: Record<string, unknown> = {};
  let rest = index;
  const digits: number[] = [];
  for (let a = grid.axes.length - 1; a >= 0; a--) {
    const n = grid.axes[a]!.values.length;
    digits[a] = rest % n;
    rest = Math.floor(rest / n);
  }
  grid.axes.forEach((a, i) => (params[PARAM[a.name]] = a.values[digits[i]!]));
  return { id: caseId(params), index, params: params as CaseParams };
}

/** A slice of the cases: shard `index` of `count` holds the cases whose index ≡ `index` (mod `count`). */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** The cases of `grid` (of one shard), generated lazily in index order. */
export function* cases(grid: CaseGrid, shard: Shard = { index: 0, count: 1 }): Generator<SweepCase> {
  for (let i = shard.index; i < grid.total; i += shard.count) yield caseAt(grid, i);
}

/** Number of cases in a shard. */
export function shardSize(grid: CaseGrid, shard: Shard): number {
  return grid.total <= shard.index ? 0 : Math.floor((grid.total - 1 - shard.index) / shard.count) + 1;
}

const scaleHourly = (h: Hourly, f: number): Hourly => (typeof h === 'number' ? h * f : h.map((x) => x * f));

/** The factor of a demand scale for a class. */
export function demandFactor(scale: DemandScale, cls: (typeof COMPUTE_CLASSES)[number]): number {
  return typeof scale === 'number' ? scale : (scale[cls] ?? 1);
}

/**
 * `sc` with every listed site down: capacity 0 in every class and hour (the site stays, so
 * references to it stay valid), the way `whatIf` builds an outage case.
 */
export function withSitesDown(sc: Scenario, sites: readonly string[]): Scenario {
  const down = new Set(sites);
  return {
    ...sc,
    name: `${sc.name ?? 'scenario'} without ${sites.join(', ')}`,
    sites: sc.sites.map((s) => {
      if (!down.has(s.id)) return s;
      const capacity: Record<string, Hourly> = {};
      for (const c of COMPUTE_CLASSES) {
        const v = s.capacity[c];
        if (v !== undefined) capacity[c] = scaleHourly(v, 0);
      }
      return { ...s, capacity };
    }),
  };
}

/**
 * The scenario of a case: `carbonPrice` sets `prices.carbonPerTonne`; `demandScale` multiplies
 * every demand's `amount` (hourly values and windowed totals alike; a window's `maxPerHour` is
 * left as given); `carbonCap` sets `policy.carbonCapTonnes`; `minGreenShare` sets
 * `policy.minGreenShare`; `outage` takes the sites' capacity to 0. `seed` and `backend` do not
 * change the scenario.
 */
export function caseScenario(base: Scenario, p: CaseParams): Scenario {
  let sc = base;
  if (p.carbonPrice !== undefined) sc = { ...sc, prices: { ...sc.prices, carbonPerTonne: p.carbonPrice } };
  const scale = p.demandScale;
  if (scale !== undefined) sc = { ...sc, demands: sc.demands.map((d) => ({ ...d, amount: scaleHourly(d.amount, demandFactor(scale, d.class)) })) };
  if (p.carbonCap !== undefined) sc = { ...sc, policy: { ...sc.policy, carbonCapTonnes: p.carbonCap } };
  if (p.minGreenShare !== undefined) sc = { ...sc, policy: { ...sc.policy, minGreenShare: p.minGreenShare } };
  if (p.outage !== undefined) sc = withSitesDown(sc, p.outage);
  return sc;
}
