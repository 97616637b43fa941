/**
 * The two-stage expansion MILP, built from the placement LP (formulate/placement.ts) of each demand
 * scenario: integer modules n[i] (one per candidate, in [0, maxModules]) chosen once; one copy of
 * the operating LP per scenario k, its costs times probability_k, its capacity row of (s,c,t)
 * gaining + moduleCapacity_i · maxUtilization · n[i] for every candidate i of (s,c). Rows of the
 * expansion: the budget, and for the utilization policy per expanded pool (s,c) a binary b (built
 * at all) with n[i] ≤ maxModules_i · b and
 *   Σ_k p_k Σ_t Σ_d x^k[d,s,t] ≥ minU · (Σ_t capacity[s,c,t] · b + H · Σ_i moduleCapacity_i · n[i]).
 */
import { columnName, rowName, type LpModel } from '../formulate/lp-model.js';
import { formulatePlacement, pairLatencies } from '../formulate/placement.js';
import { latencyMatrix } from '../geo/latency-matrix.js';
import { valueAt } from '../scenario/hourly.js';
import type { ComputeClass, Demand, ExpansionCandidate, Hourly, Scenario } from '../scenario/types.js';

/** One demand scenario: its name, probability and operating scenario (capacity as given). */
export interface DemandCase {
  readonly name: string;
  readonly probability: number;
  readonly scenario: Scenario;
}

/** A column of the MILP (lower bound 0). */
export interface MilpColumn {
  readonly name: string;
  readonly cost: number;
  readonly ub: number;
  /** 0 continuous, 1 integer, 2 binary. */
  readonly integer: 0 | 1 | 2;
}

/** A row of the MILP. */
export interface MilpRow {
  readonly name: string;
  readonly cols: number[];
  readonly coefs: number[];
  readonly lb: number;
  readonly ub: number;
}

/** The MILP and where each scenario's operating LP sits in it. */
export interface ExpansionMilp {
  readonly cols: MilpColumn[];
  readonly rows: MilpRow[];
  /** Column of each candidate's module count. */
  readonly moduleCol: number[];
  /** Per scenario: its operating LP, the scenario it was formulated from, and its first column. */
  readonly blocks: { readonly model: LpModel; readonly scenario: Scenario; readonly offset: number }[];
}

/** A demand scaled by `f`. */
export function scaledDemand(d: Demand, f: number): Demand {
  const amount: Hourly = typeof d.amount === 'number' ? d.amount * f : d.amount.map((a) => a * f);
  return { ...d, amount };
}

/**
 * `sc` with `n[i]` modules of each candidate added: capacity + moduleCapacity · n in every hour,
 * and powerKW / unitCost for a class the site did not offer. The scenario a plan of the expansion
 * verifies against.
 */
export function withModules(sc: Scenario, candidates: readonly ExpansionCandidate[], n: readonly number[]): Scenario {
  const sites = sc.sites.map((site) => {
    let s = site;
    candidates.forEach((c, i) => {
      if (c.site !== site.id) return;
      const add = c.moduleCapacity * (n[i] ?? 0);
      const cap = s.capacity[c.class];
      const capacity = { ...s.capacity, [c.class]: cap === undefined ? add : typeof cap === 'number' ? cap + add : cap.map((x) => x + add) };
      const powerKW = s.powerKW[c.class] === undefined ? { ...s.powerKW, [c.class]: c.powerKW ?? 0 } : s.powerKW;
      const unitCost = s.unitCost[c.class] === undefined ? { ...s.unitCost, [c.class]: c.unitCost ?? 0 } : s.unitCost;
      s = { ...s, capacity, powerKW, unitCost };
    });
    return s;
  });
  return { ...sc, sites };
}

/**
 * Builds the MILP. `fixed`: module counts to hold fixed (the evaluation of a given build), else
 * free integers; `budget` and `minBuiltUtilization` as in the expansion block.
 */
export async function buildExpansionMilp(
  cases: readonly DemandCase[],
  candidates: readonly ExpansionCandidate[],
  maxModules: readonly number[],
  opts: { readonly budget?: number; readonly minBuiltUtilization?: number; readonly fixed?: readonly number[] },
): Promise<ExpansionMilp> {
  const cols: MilpColumn[] = [];
  const rows: MilpRow[] = [];
  const moduleCol = candidates.map((c, i) => {
    const ub = opts.fixed ? opts.fixed[i]! : maxModules[i]!;
    cols.push({ name: `n_${i}`, cost: c.fixedCost, ub, integer: opts.fixed ? 0 : 1 });
    return cols.length - 1;
  });
  // Fixed counts are columns with lb = ub (set below through a row, as columns start at 0).
  if (opts.fixed) opts.fixed.forEach((v, i) => rows.push({ name: `fix_${i}`, cols: [moduleCol[i]!], coefs: [1], lb: v, ub: v }));
  // The pools that can grow: (site, class) → candidate indices.
  const pools = new Map<string, number[]>();
  candidates.forEach((c, i) => {
    if (maxModules[i]! <= 0) return;
    const key = `${c.site}\u0000${c.class}`;
    pools.set(key, [...(pools.get(key) ?? []), i]);
  });
  const potential = candidates.map((_, i) => maxModules[i]!);
  const blocks: ExpansionMilp['blocks'] = [];
  // Per pool: the load columns of every scenario (with probability weights) for the utilization row.
  const poolLoad = new Map<string, { cols: number[]; coefs: number[] }>();
  for (const [k, dc] of cases.entries()) {
    // Formulated with every candidate at its most modules, so the columns exist in every hour.
    const room = withModules(dc.scenario, candidates, potential);
    const geo = await latencyMatrix(room.origins, room.sites);
    const model = formulatePlacement(room, pairLatencies(room, geo));
    const offset = cols.length;
    for (const c of model.cols) cols.push({ name: `k${k}_${columnName(c.meaning)}`, cost: dc.probability * c.cost, ub: c.ub, integer: 0 });
    const mu = dc.scenario.policy?.maxUtilization ?? 1;
    for (const r of model.rows) {
      const rc = r.cols.map((c) => c + offset);
      const coefs = [...r.coefs];
      let ub = r.ub;
      const m = r.meaning;
      if (m.kind === 'capacity') {
        const key = `${dc.scenario.sites[m.site]!.id}\u0000${m.cls}`;
        const idx = pools.get(key);
        if (idx) {
          // The row as the scenario gives it, plus the modules: Σ x − mc · μ · n ≤ capacity · μ.
          const cap = dc.scenario.sites[m.site]!.capacity[m.cls as ComputeClass];
          ub = (cap === undefined ? 0 : valueAt(cap, m.hour)) * mu;
          for (const i of idx) (rc.push(moduleCol[i]!), coefs.push(-candidates[i]!.moduleCapacity * mu));
          let load = poolLoad.get(key);
          if (!load) poolLoad.set(key, (load = { cols: [], coefs: [] }));
          for (const c of r.cols) (load.cols.push(c + offset), load.coefs.push(dc.probability));
        }
      }
      rows.push({ name: `k${k}_${rowName(m)}`, cols: rc, coefs, lb: r.lb, ub });
    }
    blocks.push({ model, scenario: dc.scenario, offset });
  }
  if (opts.budget !== undefined) {
    rows.push({ name: 'budget', cols: [...moduleCol], coefs: candidates.map((c) => c.fixedCost), lb: -Infinity, ub: opts.budget });
  }
  const minU = opts.minBuiltUtilization ?? 0;
  if (minU > 0 && !opts.fixed) {
    let j = 0;
    for (const [key, idx] of pools) {
      const [siteId, cls] = key.split('\u0000') as [string, ComputeClass];
      const sc0 = cases[0]!.scenario;
      const H = sc0.horizonHours;
      const cap = sc0.sites.find((s) => s.id === siteId)!.capacity[cls];
      let existing = 0;
      if (cap !== undefined) for (let t = 0; t < H; t++) existing += valueAt(cap, t);
      const b = cols.length;
      cols.push({ name: `b_${j}`, cost: 0, ub: 1, integer: 2 });
      for (const i of idx) rows.push({ name: `built_${j}_${i}`, cols: [moduleCol[i]!, b], coefs: [1, -maxModules[i]!], lb: -Infinity, ub: 0 });
      const load = poolLoad.get(key) ?? { cols: [], coefs: [] };
      rows.push({
        name: `util_${j}`,
        cols: [...load.cols, b, ...idx.map((i) => moduleCol[i]!)],
        coefs: [...load.coefs, -minU * existing, ...idx.map((i) => -minU * H * candidates[i]!.moduleCapacity)],
        lb: 0,
        ub: Infinity,
      });
      j++;
    }
  }
  return { cols, rows, moduleCol, blocks };
}
