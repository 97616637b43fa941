/** A readable text table of a Pareto result (what `suanflow pareto` prints). */
import { table } from '../plan/report.js';
import type { ParetoFrontier, ParetoResult } from './types.js';

/** Money and tonnes at a precision that suits their size: whole units from 1,000 up. */
function num(x: number | null): string {
  if (x === null) return '—';
  const a = Math.abs(x);
  if (a >= 1000) return x.toLocaleString('en-US', { maximumFractionDigits: 0 });
  if (a >= 1) return x.toLocaleString('en-US', { maximumFractionDigits: 2 });
  return a === 0 ? '0' : String(Number(x.toPrecision(4)));
}

function frontierText(f: ParetoFrontier, accounting: string): string {
  const out: string[] = [];
  const secs = (f.ms / 1000).toFixed(1);
  out.push(`latency limits × ${f.latencyScale}: ${f.status}, ${f.points.length} point${f.points.length === 1 ? '' : 's'} (${f.dropped} dropped), ${f.solves} solves, ${secs} s`);
  if (f.maxCarbonTonnes !== null && f.minCarbonTonnes !== null) {
    const cut = f.maxCarbonTonnes > 0 ? (100 * (f.maxCarbonTonnes - f.minCarbonTonnes)) / f.maxCarbonTonnes : 0;
    out.push(`carbon ${num(f.maxCarbonTonnes)} t → ${num(f.minCarbonTonnes)} t (${accounting}-based, −${cut.toFixed(1)}%)`);
  }
  const header = ['#', 'cap t', 'price CNY/t', 'cost CNY', 'objective CNY', 'carbon t', 'location t', 'market t', 'MAC CNY/t', 'cap price CNY/t', 'status'];
  const rows = f.points.map((p, i) => [
    String(i),
    num(p.cap),
    num(p.carbonPrice),
    num(p.cost),
    num(p.objective),
    num(p.carbonTonnes),
    num(p.locationTonnes),
    num(p.marketTonnes),
    num(p.mac),
    num(p.capPrice),
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
    `suanflow pareto — cost vs carbon, method ${result.method}, ${result.accounting}-based tonnes, abatement ${result.abatement}, ${(result.ms / 1000).toFixed(1)} s`,
    'cost = compute + energy + transfer + unmet (no carbon term); MAC = Δcost / Δcarbon from the row above, CNY per tonne avoided',
  ];
  return [...head, ...result.frontiers.map((f) => `\n${frontierText(f, result.accounting)}`)].join('\n');
}
