/** A readable text table of a Pareto result (what `suanflow pareto` prints). */
import { cny, cnyPer, duration, percent, tonnes } from '../plan/numbers.js';
import { table } from '../plan/table.js';
import { GAP_NOISE } from './filter.js';
import type { ParetoFrontier, ParetoResult } from './types.js';


function frontierText(f: ParetoFrontier, accounting: string): string {
  const out: string[] = [];
  out.push(`latency limits × ${f.latencyScale}: ${f.status}, ${f.points.length} point${f.points.length === 1 ? '' : 's'} (${f.dropped} dropped), ${f.solves} solves, ${duration(f.ms)}`);
  if (f.maxCarbonTonnes !== null && f.minCarbonTonnes !== null) {
    const cut = f.maxCarbonTonnes > 0 ? (100 * (f.maxCarbonTonnes - f.minCarbonTonnes)) / f.maxCarbonTonnes : 0;
    out.push(`carbon ${tonnes(f.maxCarbonTonnes)} t → ${tonnes(f.minCarbonTonnes)} t (${accounting}-based, −${percent(cut / 100)})`);
  }
  // Decompose points: each one's proved gap, and how far its MAC may be off (see ParetoPoint).
  const gapped = f.points.some((p) => p.gap > GAP_NOISE);
  const header = ['#', 'cap t', 'price CNY/t', 'cost CNY', 'objective CNY', 'carbon t', 'location t', 'market t', 'MAC CNY/t', ...(gapped ? ['MAC ±', 'gap'] : []), 'cap price CNY/t', 'status'];
  const rows = f.points.map((p, i) => [
    String(i),
    tonnes(p.cap),
    cnyPer(p.carbonPrice),
    cny(p.cost),
    cny(p.objective),
    tonnes(p.carbonTonnes),
    tonnes(p.locationTonnes),
    tonnes(p.marketTonnes),
    cnyPer(p.mac),
    ...(gapped ? [cnyPer(p.macUncertainty), `${(100 * p.gap).toFixed(3)}%`] : []),
    cnyPer(p.capPrice),
    p.status,
  ]);
  if (rows.length > 0) out.push(table(header, rows));
  for (const n of f.notes) out.push(`note: ${n}`);
  return out.join('\n');
}

/**
 * The result as text: per latency factor a header line, the carbon range, one row per point
 * (cost excludes the carbon term; MAC is CNY per tonne avoided from the row above), then notes.
 */
export function formatPareto(result: ParetoResult): string {
  const head = [
    `suanflow pareto — cost vs carbon, method ${result.method}, ${result.accounting}-based tonnes, abatement ${result.abatement}, ${duration(result.ms)}`,
    'cost = compute + energy + transfer + unmet (no carbon term); MAC = Δcost / Δcarbon from the row above, CNY per tonne avoided',
  ];
  return [...head, ...result.frontiers.map((f) => `\n${frontierText(f, result.accounting)}`)].join('\n');
}
