/**
 * The rule groups of an explanation: the placement LP of a scenario with its rows (and the columns
 * that latency limits forbid) gathered into the rules a planner reads. Latency limits become
 * groups by formulating with every site in reach and marking the columns beyond each demand's
 * limit; a group that is "off" lifts its rule, "hard" enforces it.
 */
import { LATENCY_EPS_MS } from '../geo/haversine.js';
import { latencyMatrix } from '../geo/latency-matrix.js';
import type { LpModel } from '../formulate/lp-model.js';
import { formulatePlacement, pairLatencies } from '../formulate/placement.js';
import type { ComputeClass, Scenario } from '../scenario/types.js';

/** The kinds of rule an explanation names. */
export type RuleKind = 'demand' | 'capacity' | 'latency' | 'maxPerHour' | 'bandwidth' | 'carbonCap' | 'minGreenShare' | 'siteMinGreenShare';

/** One rule group: its rows, or (latency) the columns it forbids. */
export interface RuleGroup {
  readonly kind: RuleKind;
  /** Demand index (demand, latency, maxPerHour). */
  readonly demand?: number;
  /** Site index (capacity, siteMinGreenShare). */
  readonly site?: number;
  readonly cls?: ComputeClass;
  /** Link index (bandwidth). */
  readonly link?: number;
  /** Rows of the model in this group. */
  readonly rows: number[];
  /** latency: x columns to sites beyond the demand's limit (kept at 0 while the rule holds). */
  readonly cols: number[];
}

/** The relaxed model and its groups; rows in no group (green definitions) always hold. */
export interface GroupedModel {
  readonly model: LpModel;
  readonly groups: RuleGroup[];
  /** Group of each row (−1: always holds). */
  readonly rowGroup: Int32Array;
  /** Latency group of each column (−1: none). */
  readonly colGroup: Int32Array;
  /** Origin × site latency, ms (link overrides applied). */
  readonly latency: Float64Array;
}

/** Builds the grouped model of a valid scenario with hard demand. */
export async function groupedModel(sc: Scenario): Promise<GroupedModel> {
  const geo = await latencyMatrix(sc.origins, sc.sites);
  const latency = pairLatencies(sc, geo);
  // Every site in reach: the latency limits become groups of columns instead of pruning.
  const far = latency.reduce((a, x) => Math.max(a, x), 0) + 1;
  const open: Scenario = { ...sc, demands: sc.demands.map((d) => ({ ...d, maxLatencyMs: Math.max(d.maxLatencyMs, far) })) };
  const model = formulatePlacement(open, latency);
  const groups: RuleGroup[] = [];
  const keyed = new Map<string, number>();
  const group = (key: string, g: Omit<RuleGroup, 'rows' | 'cols'>): number => {
    let i = keyed.get(key);
    if (i === undefined) {
      i = groups.length;
      groups.push({ ...g, rows: [], cols: [] });
      keyed.set(key, i);
    }
    return i;
  };
  const rowGroup = new Int32Array(model.rows.length).fill(-1);
  model.rows.forEach((r, i) => {
    const m = r.meaning;
    let g = -1;
    switch (m.kind) {
      case 'demand':
        g = group(`d${m.demand}`, { kind: 'demand', demand: m.demand });
        break;
      case 'capacity':
        g = group(`c${m.site}|${m.cls}`, { kind: 'capacity', site: m.site, cls: m.cls });
        break;
      case 'maxPerHour':
        g = group(`m${m.demand}`, { kind: 'maxPerHour', demand: m.demand });
        break;
      case 'bandwidth':
        g = group(`b${m.link}`, { kind: 'bandwidth', link: m.link });
        break;
      case 'carbonCap':
        g = group('carbonCap', { kind: 'carbonCap' });
        break;
      case 'minGreenShare':
        g = group('minGreenShare', { kind: 'minGreenShare' });
        break;
      case 'siteMinGreenShare':
        g = group(`s${m.site}`, { kind: 'siteMinGreenShare', site: m.site });
        break;
      case 'green':
        break;
    }
    if (g >= 0) {
      rowGroup[i] = g;
      groups[g]!.rows.push(i);
    }
  });
  const nS = sc.sites.length;
  const oIdx = new Map(sc.origins.map((o, i) => [o.id, i]));
  const colGroup = new Int32Array(model.cols.length).fill(-1);
  model.cols.forEach((c, j) => {
    if (c.meaning.kind !== 'x') return;
    const d = sc.demands[c.meaning.demand]!;
    const lat = latency[oIdx.get(d.origin)! * nS + c.meaning.site]!;
    if (lat <= d.maxLatencyMs + LATENCY_EPS_MS) return;
    const g = group(`l${c.meaning.demand}`, { kind: 'latency', demand: c.meaning.demand });
    colGroup[j] = g;
    groups[g]!.cols.push(j);
  });
  return { model, groups, rowGroup, colGroup, latency };
}
