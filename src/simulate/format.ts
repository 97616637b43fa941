/** A readable summary of a rolling-horizon simulation: realized figures beside perfect foresight. */
import { cny, duration, percent, percentChange, tonnes, unitHours } from '../plan/numbers.js';
import { table } from '../plan/table.js';
import type { SimulationResult } from './types.js';

const secs = duration;
const pct = percentChange;

/** The simulation as text for a terminal. */
export function formatSimulation(r: SimulationResult): string {
  const out: string[] = [];
  const fe = r.forecastError;
  out.push(`suanflow simulate — ${r.scenario}: ${r.horizonHours} h, look-ahead ${r.lookaheadHours} h, seed ${r.seed}`);
  out.push(
    `forecast error (relative std): demand ${percent(fe.demand)}, green ${percent(fe.green)}` +
      (r.noisyCurrentHour ? ' (the current hour is forecast too)' : ' (the current hour is observed exactly)'),
  );
  out.push(`status: ${r.status} (${r.message})`);
  const per = Object.entries(r.backends).map(([b, n]) => `${b} ${n}`).join(', ');
  const s = r.solveMs;
  out.push(`re-plans: ${r.replans} (${per || 'none'}); per re-plan median ${secs(s.median)}, p95 ${secs(s.p95)}, max ${secs(s.max)}; simulation ${secs(r.wallMs)}`);
  out.push('');

  const pf = r.perfectForesight;
  const hasPf = pf !== null && pf.objective !== null && pf.costs !== null && pf.carbon !== null;
  const diff = (a: number, b: number | undefined): string => (b === undefined ? '' : b === 0 ? (a === 0 ? pct(0) : 'n/a') : pct((100 * (a - b)) / Math.abs(b)));
  const refs = [pf, r.baselines?.nearest ?? null, r.baselines?.costOnly ?? null];
  const cell = (ref: (typeof refs)[number], f: (x: NonNullable<(typeof refs)[number]>) => number | null | undefined, fmt: (x: number) => string): string => {
    const v = ref ? f(ref) : undefined;
    return v === undefined || v === null ? '—' : fmt(v);
  };
  const row = (label: string, a: number, f: (x: NonNullable<(typeof refs)[number]>) => number | null | undefined, fmt: (x: number) => string = cny): string[] => [
    label,
    fmt(a),
    cell(pf, f, fmt),
    diff(a, hasPf ? (f(pf) ?? undefined) : undefined),
    ...(r.baselines ? [cell(refs[1]!, f, fmt), cell(refs[2]!, f, fmt)] : []),
  ];
  const rows = [
    row('total cost, CNY', r.objective, (x) => x.objective),
    row('  compute', r.costs.compute, (x) => x.costs?.compute),
    row('  energy', r.costs.energy, (x) => x.costs?.energy),
    row('  transfer', r.costs.transfer, (x) => x.costs?.transfer),
    row('  carbon', r.costs.carbon, (x) => x.costs?.carbon),
    row('  unmet', r.costs.unmet, (x) => x.costs?.unmet),
    row('carbon, t market-based', r.carbon.marketTonnes, (x) => x.carbon?.marketTonnes, tonnes),
    row('carbon, t location-based', r.carbon.locationTonnes, (x) => x.carbon?.locationTonnes, tonnes),
    row('unmet units', r.unmet.total, (x) => x.unmetUnits, unitHours),
  ];
  const head = ['', 'realized', 'perfect foresight', 'difference', ...(r.baselines ? ['(a) nearest site', '(b) cost-only'] : [])];
  out.push(table(head, rows));
  if (r.baselines) out.push('baselines as in suanflow compare, over the whole horizon on the actual values: (a) nearest feasible site, greedy; (b) least cost ignoring carbon, costed at the real prices');
  out.push('');
  if (r.unmet.total > 0) out.push(`unmet: ${unitHours(r.unmet.interactive)} interactive units, ${unitHours(r.unmet.deferrable)} deferrable unit-hours left at their deadlines`);
  if (pf === null) out.push('perfect foresight: not computed');
  else {
    const how = `${pf.backend}, ${pf.status}${pf.gap !== undefined ? ` within ${(100 * pf.gap).toPrecision(2)}%` : ''}, ${secs(pf.ms)}`;
    out.push(r.gapPercent === null ? `perfect foresight: no plan (${how})` : `gap to perfect foresight: ${pct(r.gapPercent)} (perfect foresight: ${how})`);
  }
  return out.join('\n');
}
