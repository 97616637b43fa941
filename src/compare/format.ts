/** A readable text report of a `Comparison`: one column per strategy, then savings and utilization. */
import { cny, cnyPer, latency, percent, percentChange, tonnes, unitHours } from '../plan/numbers.js';
import { limitRows, table } from '../plan/table.js';
import { COMPUTE_CLASSES } from '../scenario/types.js';
import { STRATEGY_DESCRIPTIONS } from './compare.js';
import { STRATEGIES, type Comparison, type Savings, type Share, type StrategyMetrics } from './types.js';

/** Most rows of a list in the text (the JSON has all). */
const MAX_ROWS = 40;

const HEAD: Readonly<Record<(typeof STRATEGIES)[number], string>> = { nearest: '(a) nearest', costOnly: '(b) cost-only', optimal: '(c) optimal' };


/** The ranking table on both signals (1 = least), or the note why there is none. */
function rankingLines(c: Comparison): string[] {
  const r = c.ranking;
  if (r === null) return c.rankingNote ? ['', c.rankingNote] : [];
  const acc = c.strategies.optimal.metrics?.accounting ?? 'market';
  const rank = (order: readonly (typeof STRATEGIES)[number][]) => STRATEGIES.map((k) => (order.includes(k) ? String(order.indexOf(k) + 1) : '—'));
  const rows = [
    [`CO2, average signal (${acc}-based)`, ...rank(r.carbonAverage)],
    ['CO2, marginal signal', ...rank(r.carbonMarginal)],
    ['cost, carbon priced on average', ...rank(r.costAverage)],
    ['cost, carbon priced on marginal', ...rank(r.costMarginal)],
  ];
  const names = (o: readonly (typeof STRATEGIES)[number][]) => o.map((k) => HEAD[k]).join(' < ');
  const verdict = r.changed
    ? `the ranking changes between the signals: CO2 ${names(r.carbonAverage)} on average vs ${names(r.carbonMarginal)} on marginal; cost ${names(r.costAverage)} vs ${names(r.costMarginal)}`
    : 'the ranking is the same on both signals';
  return ['', `Ranking of the strategies on each carbon signal (1 = least; (c) was solved on the ${c.carbonSignal} signal)`, table(['', ...STRATEGIES.map((k) => HEAD[k])], rows), verdict];
}

/**
 * The comparison as text for a terminal: the assumptions (what each baseline means), one table
 * with a column per strategy, the optimum's savings, policy rows a baseline breaks, and the
 * utilization of each cluster and class under each strategy.
 */
export function formatComparison(c: Comparison): string {
  const out: string[] = [];
  const s = STRATEGIES.map((k) => c.strategies[k]);
  out.push(`suanflow compare — ${c.scenario}: ${c.horizonHours} h, carbon price ${cnyPer(c.carbonPerTonne)} CNY/t; every plan costed at the real prices`);
  out.push(`assumptions: (a) ${STRATEGY_DESCRIPTIONS.nearest}.`);
  out.push(`             (b) ${STRATEGY_DESCRIPTIONS.costOnly}; (c) ${STRATEGY_DESCRIPTIONS.optimal}.`);

  const row = (label: string, f: (m: StrategyMetrics) => string): string[] => [label, ...s.map((r) => (r.metrics === null ? '—' : f(r.metrics)))];
  const share = (sh: Share) => percent(sh.all);
  const classes = COMPUTE_CLASSES.filter((k) => s.some((r) => r.metrics?.westShare.byClass[k] !== undefined));
  const rows: string[][] = [
    // The nearest rule runs no solve, so it has no solve status to show.
    ['solve status', ...s.map((r) => (r.name === 'nearest' ? 'no solve' : r.status))],
    row('total cost, CNY', (m) => cny(m.totalCost)),
    row('  of which carbon, CNY', (m) => cny(m.carbonCost)),
    row('  of which unmet penalty, CNY', (m) => cny(m.costs.unmet)),
    row('CO2 market-based, t', (m) => tonnes(m.marketTonnes)),
    row('CO2 location-based, t', (m) => tonnes(m.locationTonnes)),
    ...(s.some((r) => r.metrics !== null && r.metrics.marginalTonnes !== null)
      ? [row('CO2 marginal signal, t', (m) => (m.marginalTonnes === null ? '—' : tonnes(m.marginalTonnes))), row('  avoided vs nearest-site reference, t', (m) => (m.avoidedTonnes === null ? '—' : tonnes(m.avoidedTonnes)))]
      : []),
    row('latency mean, ms', (m) => latency(m.latency.meanMs)),
    row('latency p95, ms', (m) => latency(m.latency.p95Ms)),
    row('work at western sites', (m) => share(m.westShare)),
    ...classes.map((k) => row(`  ${k}`, (m) => percent(m.westShare.byClass[k] ?? null))),
    row('eastern work run in the west', (m) => share(m.eastToWest)),
    ...classes.map((k) => row(`  ${k}`, (m) => percent(m.eastToWest.byClass[k] ?? null))),
    row('unmet, unit-hours', (m) => unitHours(m.unmetUnitHours)),
    ['policy rows broken', ...s.map((r) => String(r.policyViolations.length))],
  ];
  out.push('');
  out.push(table(['', ...s.map((r) => HEAD[r.name])], rows));

  const marginal = c.ranking !== null;
  const sav = (label: string, v: Savings) => [label, percentChange(v.cost), percentChange(v.marketCarbon), percentChange(v.locationCarbon), ...(marginal ? [percentChange(v.marginalCarbon)] : [])];
  out.push('');
  out.push('Savings of (c) optimal, percent of the baseline (negative: the optimum is higher)');
  out.push(table(['against', 'cost', 'CO2 market', 'CO2 location', ...(marginal ? ['CO2 marginal'] : [])], [sav('(a) nearest', c.savings.vsNearest), sav('(b) cost-only', c.savings.vsCostOnly)]));
  out.push(...rankingLines(c));

  for (const r of s) {
    if (r.policyViolations.length === 0) continue;
    out.push('');
    out.push(`${HEAD[r.name]} breaks policy rows of the real scenario:`);
    const broken = limitRows(r.policyViolations, MAX_ROWS, 'broken rows');
    for (const v of broken.rows) out.push(`  ${v}`);
    if (broken.more) out.push(broken.more);
  }

  const util = new Map<string, string[]>();
  s.forEach((r, i) => {
    for (const u of r.metrics?.utilization ?? []) {
      const key = `${u.site}|${u.class}`;
      const cells = util.get(key) ?? [u.site, u.region, u.class, '—', '—', '—'];
      cells[3 + i] = percent(u.share);
      util.set(key, cells);
    }
  });
  if (util.size > 0) {
    out.push('');
    out.push(`Utilization of usable capacity over ${c.horizonHours} h, per cluster and class`);
    const rows = limitRows([...util.values()], MAX_ROWS, 'cluster-class rows');
    out.push(table(['cluster', 'region', 'class', ...s.map((r) => HEAD[r.name])], rows.rows));
    if (rows.more) out.push(rows.more);
  }
  return out.join('\n');
}
