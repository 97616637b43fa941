/**
 * Summaries of a results file: per axis and axis value, the p5/p50/p95 of cost (objective, CNY),
 * carbon (market- and location-based tonnes) and unmet units over the cases with a plan; and a
 * self-contained HTML page with one SVG chart per axis (p5–p95 bar, p50 dot), no scripts.
 * Percentiles: linear interpolation between order statistics (type 7: position p·(n−1)).
 */
import { canonicalJson } from './ids.js';
import { eachLine } from './jsonl.js';
import type { SweepLine } from './spec-types.js';

/** The metrics summarized. */
export const SUMMARY_METRICS = ['cost', 'marketTonnes', 'locationTonnes', 'unmet'] as const;
export type SummaryMetric = (typeof SUMMARY_METRICS)[number];

/** p5, p50, p95 of one metric. */
export interface Percentiles {
  readonly p5: number;
  readonly p50: number;
  readonly p95: number;
}

/** One value of one axis: its cases and their percentiles. */
export interface AxisValueSummary {
  /** The axis value as JSON. */
  readonly value: string;
  readonly cases: number;
  /** Cases without a plan (no objective), left out of the percentiles. */
  readonly withoutPlan: number;
  readonly metrics: Readonly<Record<SummaryMetric, Percentiles | null>>;
}

/** The summary of a results file. */
export interface SweepSummary {
  readonly cases: number;
  readonly statuses: Readonly<Record<string, number>>;
  readonly unverified: number;
  readonly overall: Readonly<Record<SummaryMetric, Percentiles | null>>;
  /** Per axis (param name), per value in order of first appearance. */
  readonly axes: Readonly<Record<string, readonly AxisValueSummary[]>>;
}

/** Type-7 percentile of sorted `xs` (0 ≤ p ≤ 1). */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const pos = p * (xs.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return xs[lo]! + (xs[hi]! - xs[lo]!) * (pos - lo);
}

const pct = (xs: number[]): Percentiles | null => {
  if (xs.length === 0) return null;
  const s = Float64Array.from(xs).sort();
  const a = Array.from(s);
  return { p5: percentile(a, 0.05), p50: percentile(a, 0.5), p95: percentile(a, 0.95) };
};

type Acc = { cases: number; withoutPlan: number; m: Record<SummaryMetric, number[]> };
const acc = (): Acc => ({ cases: 0, withoutPlan: 0, m: { cost: [], marketTonnes: [], locationTonnes: [], unmet: [] } });

function add(a: Acc, l: SweepLine): void {
  a.cases++;
  if (l.objective === null) return void a.withoutPlan++;
  a.m.cost.push(l.objective);
  if (l.carbon) {
    a.m.marketTonnes.push(l.carbon.marketTonnes);
    a.m.locationTonnes.push(l.carbon.locationTonnes);
  }
  if (l.unmet !== null) a.m.unmet.push(l.unmet);
}

const done = (a: Acc) => Object.fromEntries(SUMMARY_METRICS.map((k) => [k, pct(a.m[k])])) as Record<SummaryMetric, Percentiles | null>;

/** Summarizes the lines of `file` (streamed; holds the metric values, 4 numbers per case). */
export function summarizeResults(file: string): SweepSummary {
  const all = acc();
  const axes = new Map<string, Map<string, Acc>>();
  const statuses: Record<string, number> = {};
  let unverified = 0;
  eachLine(file, (text) => {
    const l = JSON.parse(text) as SweepLine;
    statuses[l.status] = (statuses[l.status] ?? 0) + 1;
    if (!l.verified) unverified++;
    add(all, l);
    for (const [k, v] of Object.entries(l.params ?? {})) {
      let byValue = axes.get(k);
      if (!byValue) axes.set(k, (byValue = new Map()));
      const key = canonicalJson(v);
      let a = byValue.get(key);
      if (!a) byValue.set(key, (a = acc()));
      add(a, l);
    }
  });
  return {
    cases: all.cases,
    statuses,
    unverified,
    overall: done(all),
    axes: Object.fromEntries([...axes].map(([k, m]) => [k, [...m].map(([value, a]) => ({ value, cases: a.cases, withoutPlan: a.withoutPlan, metrics: done(a) }))])),
  };
}

const fmt = (x: number) => (Math.abs(x) >= 1e6 ? `${(x / 1e6).toFixed(3)}M` : Math.abs(x) >= 1e3 ? `${(x / 1e3).toFixed(2)}k` : x.toFixed(2));
const LABELS: Readonly<Record<SummaryMetric, string>> = { cost: 'cost (CNY)', marketTonnes: 'carbon, market (t)', locationTonnes: 'carbon, location (t)', unmet: 'unmet (unit-h)' };

/** The summary as text: one table per axis. */
export function formatSummary(s: SweepSummary): string {
  const out: string[] = [];
  out.push(`${s.cases} cases: ${Object.entries(s.statuses).map(([k, v]) => `${v} ${k}`).join(', ')}${s.unverified ? `; ${s.unverified} not verified` : ''}`);
  const row = (label: string, m: Readonly<Record<SummaryMetric, Percentiles | null>>, n: number) =>
    `  ${label.padEnd(28)} ${String(n).padStart(6)}  ${SUMMARY_METRICS.map((k) => {
      const p = m[k];
      return (p ? `${fmt(p.p5)} / ${fmt(p.p50)} / ${fmt(p.p95)}` : '—').padStart(34);
    }).join('')}`;
  const head = `  ${'value'.padEnd(28)} ${'cases'.padStart(6)}  ${SUMMARY_METRICS.map((k) => `${LABELS[k]} p5/p50/p95`.padStart(34)).join('')}`;
  out.push('', 'all cases', head, row('all', s.overall, s.cases));
  for (const [axis, values] of Object.entries(s.axes)) {
    out.push('', `by ${axis}`, head);
    for (const v of values) out.push(row(v.value.length > 28 ? `${v.value.slice(0, 25)}...` : v.value, v.metrics, v.cases));
  }
  return out.join('\n');
}

const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** One SVG chart: a row per axis value, the p5–p95 range as a bar and p50 as a dot, for one metric. */
function chart(axis: string, metric: SummaryMetric, values: readonly AxisValueSummary[]): string {
  const rows = values.filter((v) => v.metrics[metric] !== null);
  if (rows.length === 0) return '';
  const lo = Math.min(...rows.map((v) => v.metrics[metric]!.p5));
  const hi = Math.max(...rows.map((v) => v.metrics[metric]!.p95));
  const W = 640;
  const L = 180;
  const R = 20;
  const H = 22;
  const x = (v: number) => L + (hi > lo ? ((v - lo) / (hi - lo)) * (W - L - R) : (W - L - R) / 2);
  const body = rows
    .map((v, i) => {
      const p = v.metrics[metric]!;
      const y = 30 + i * H;
      const label = v.value.length > 24 ? `${v.value.slice(0, 21)}...` : v.value;
      return `<text x="${L - 8}" y="${y + 4}" text-anchor="end">${esc(label)}</text><line x1="${x(p.p5).toFixed(1)}" x2="${x(p.p95).toFixed(1)}" y1="${y}" y2="${y}" stroke="#6b8fb5" stroke-width="8" stroke-linecap="round"><title>p5 ${fmt(p.p5)} – p95 ${fmt(p.p95)}</title></line><circle cx="${x(p.p50).toFixed(1)}" cy="${y}" r="5" fill="#1d3557"><title>p50 ${fmt(p.p50)}</title></circle>`;
    })
    .join('');
  const h = 30 + rows.length * H + 20;
  return `<figure><figcaption>${esc(LABELS[metric])} by ${esc(axis)} (bar p5–p95, dot p50)</figcaption><svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${h}" viewBox="0 0 ${W} ${h}" font-family="sans-serif" font-size="12">${body}<text x="${L}" y="${h - 4}">${esc(fmt(lo))}</text><text x="${W - R}" y="${h - 4}" text-anchor="end">${esc(fmt(hi))}</text></svg></figure>`;
}

/** A self-contained HTML page (inline SVG and CSS, no scripts, nothing fetched). */
export function summaryHtml(s: SweepSummary, title = 'suanflow sweep summary'): string {
  const charts = Object.entries(s.axes)
    .map(([axis, values]) => `<section><h2>by ${esc(axis)}</h2>${SUMMARY_METRICS.map((m) => chart(axis, m, values)).join('')}</section>`)
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title><style>body{font-family:sans-serif;margin:2em;color:#222}figure{margin:1em 0}figcaption{font-weight:bold;margin-bottom:.3em}</style></head><body><h1>${esc(title)}</h1><p>${s.cases} cases: ${esc(Object.entries(s.statuses).map(([k, v]) => `${v} ${k}`).join(', '))}${s.unverified ? `; ${s.unverified} not verified` : ''}</p>${charts}</body></html>\n`;
}
