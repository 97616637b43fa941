/**
 * Why is a scenario infeasible? Re-solve a least-violation copy of the LP (phase-1 style:
 * minimize the total relaxation of the hard rows, costs ignored) and name every hard row that
 * had to give way, with by how much.
 */
import { addColumn, type LpModel, type LpRow } from '../formulate/lp-model.js';
import type { Conflict } from '../plan/types.js';
import type { Scenario } from '../scenario/types.js';
import { solveWithGlpk } from './glpk.js';

/** Relaxation below this is numerical noise. */
const NOISE = 1e-7;

/** Copy of `m` with zero costs and a unit-cost slack on every hard demand and policy row. */
function elasticCopy(m: LpModel): { model: LpModel; slackRow: Map<number, number> } {
  const model: LpModel = { name: `${m.name}_elastic`, cols: m.cols.map((c) => ({ ...c, cost: 0 })), rows: [] };
  const slackRow = new Map<number, number>();
  m.rows.forEach((r, i) => {
    const kind = r.meaning.kind;
    // Capacity, green and bandwidth rows are physical; demand and policy rows are what gives way.
    const soft = kind === 'demand' || kind === 'carbonCap' || kind === 'minGreenShare' || kind === 'siteMinGreenShare';
    if (!soft) {
      model.rows.push(r);
      return;
    }
    const hasUnmet = r.cols.some((c) => m.cols[c]!.meaning.kind === 'u');
    if (kind === 'demand' && hasUnmet) {
      model.rows.push(r);
      return;
    }
    const s = addColumn(model, 1, Infinity, { kind: 'slack', row: i });
    slackRow.set(s, i);
    // Demand and ≥ rows are short (slack adds), a ≤ cap row is over (slack subtracts).
    const sign = kind === 'carbonCap' ? -1 : 1;
    const row: LpRow = { ...r, cols: [...r.cols, s], coefs: [...r.coefs, sign] };
    model.rows.push(row);
  });
  return { model, slackRow };
}

/** The hard rows that conflict, each with its shortfall; empty if the copy solved without slack. */
export async function explainInfeasible(sc: Scenario, m: LpModel, timeLimitSeconds: number | undefined): Promise<Conflict[]> {
  const { model, slackRow } = elasticCopy(m);
  const res = await solveWithGlpk(model, timeLimitSeconds);
  if (!res.feasible) return [];
  const out: Conflict[] = [];
  for (const [col, rowIdx] of slackRow) {
    const v = res.values[col]!;
    if (v <= NOISE) continue;
    const mean = m.rows[rowIdx]!.meaning;
    const row = m.rows[rowIdx]!;
    switch (mean.kind) {
      case 'demand': {
        const d = sc.demands[mean.demand]!;
        const when = mean.hour === null ? `in its window ${d.window!.release}–${d.window!.deadline}` : `in hour ${mean.hour}`;
        const short = `${fmt(v)} of ${fmt(row.lb)} units`;
        const detail = row.cols.length === 0 ? 'no usable site has capacity then' : 'capacity, bandwidth or policy rows leave no room';
        out.push({ kind: 'demand', ref: d.id, hour: mean.hour, shortfall: v, message: `demand "${d.id}" cannot be served ${when}: ${short} short (${detail}) and policy.allowUnmet is false` });
        break;
      }
      case 'carbonCap':
        out.push({ kind: 'carbonCap', hour: null, shortfall: v, message: `serving all hard demand needs ${fmt(v)} t CO2 more than policy.carbonCapTonnes = ${fmt(row.ub)}` });
        break;
      case 'minGreenShare':
        out.push({ kind: 'minGreenShare', hour: null, shortfall: v, message: `policy.minGreenShare cannot be met while serving all hard demand: green energy is ${fmt(v)} kWh short` });
        break;
      case 'siteMinGreenShare': {
        const site = sc.sites[mean.site]!;
        out.push({ kind: 'siteMinGreenShare', ref: site.id, hour: null, shortfall: v, message: `sites "${site.id}".minGreenShare cannot be met while serving all hard demand: green energy is ${fmt(v)} kWh short` });
        break;
      }
      default:
        break;
    }
  }
  return out;
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toPrecision(6).replace(/\.?0+$/, '');
}
