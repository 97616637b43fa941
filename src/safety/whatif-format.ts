/** `whatIf`'s result as a text table (what `suanflow whatif` prints). */
import { COMPUTE_CLASSES } from '../scenario/types.js';
import type { WhatIfCase, WhatIfResult } from './whatif-types.js';

const num = (x: number, digits = 0) => x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const signed = (x: number, digits = 0) => `${x > 0 ? '+' : ''}${num(x, digits)}`;

function unmetText(c: WhatIfCase): string {
  if (!c.unmet) return '—';
  const parts = COMPUTE_CLASSES.filter((k) => c.unmet!.byClass[k] > 1e-9).map((k) => `${k[0]} ${num(c.unmet!.byClass[k], 1)}`);
  return parts.length > 0 ? parts.join(' ') : '0';
}

/** The ranking as a table, most critical first; `top` limits the rows. */
export function formatWhatIf(r: WhatIfResult, scenarioName: string, top = Infinity): string {
  const b = r.base;
  const lines: string[] = [];
  lines.push(`outage analysis of ${scenarioName}: ${r.cases.length} cases, ${r.parallel.workers > 0 ? `${r.parallel.workers} worker threads` : 'in this thread'}, ${(r.ms / 1000).toFixed(2)} s`);
  lines.push(`base plan: ${b.status}, ${b.objective === null ? 'no plan' : `${num(b.objective)} CNY`}, unmet ${b.unmet ? num(b.unmet.total, 1) : '—'} units${b.carbon ? `, ${num(b.carbon.marketTonnes, 1)} t CO2 (market)` : ''}`);
  lines.push('');
  const rows = r.cases.slice(0, top).map((c) => [
    String(c.rank),
    c.hub !== undefined ? `${c.hub} (${c.outage.length} site${c.outage.length === 1 ? "" : "s"})` : c.outage.join(', '),
    c.status,
    unmetText(c),
    c.extraCost === null ? '—' : signed(c.extraCost),
    c.extraCarbon === null ? '—' : `${signed(c.extraCarbon.marketTonnes, 1)} / ${signed(c.extraCarbon.locationTonnes, 1)}`,
    c.absorbedBy.length === 0 ? '—' : c.absorbedBy.slice(0, 3).map((a) => a.site).join(', ') + (c.absorbedBy.length > 3 ? ', …' : ''),
  ]);
  const head = ['rank', 'outage', 'status', 'unmet units (g/i/s)', 'extra cost CNY', 'extra t CO2 mkt / loc', 'absorbed by (most first)'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const right = new Set([0, 4, 5]);
  const fmtRow = (row: string[]) => row.map((cell, i) => (right.has(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ').trimEnd();
  lines.push(fmtRow(head));
  for (const row of rows) lines.push(fmtRow(row));
  if (r.cases.length > top) lines.push(`… ${r.cases.length - top} more (--json lists all)`);
  lines.push('');
  lines.push(`ranking: ${r.ranking}`);
  lines.push(`warm start: ${r.warm}`);
  const notOptimal = r.cases.filter((c) => c.status !== 'optimal');
  for (const c of notOptimal) lines.push(`${c.outage.join(', ')}: ${c.message}`);
  return lines.join('\n');
}
