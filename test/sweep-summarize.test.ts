// Summaries by hand: type-7 percentiles per axis value over cases with a plan, and a
// self-contained HTML page (inline SVG, no scripts, nothing fetched); the CLI writes both.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { percentile, summarizeResults, summaryHtml } from '../src/sweep/summarize.js';
import { CLI } from './sweep-fixtures.js';

const line = (id: string, price: number, objective: number | null, market: number, unmet: number) =>
  JSON.stringify({ id, params: { carbonPrice: price }, status: objective === null ? 'infeasible' : 'optimal', objective, costs: null, carbon: objective === null ? null : { locationTonnes: market * 2, marketTonnes: market }, unmet: objective === null ? null : unmet, backend: 'flow', ms: 1, verified: objective !== null });

function file(): string {
  const dir = mkdtempSync(join(tmpdir(), 'suanflow-summary-'));
  const f = join(dir, 'r.jsonl');
  writeFileSync(f, [line('a', 0, 10, 1, 0), line('b', 0, 20, 2, 5), line('c', 0, 30, 3, 10), line('d', 100, 100, 0, 0), line('e', 100, null, 0, 0)].join('\n') + '\n');
  return f;
}

describe('summarize', () => {
  it('percentiles by hand (linear between order statistics)', () => {
    expect(percentile([10, 20, 30], 0.5)).toBe(20);
    expect(percentile([10, 20, 30], 0.05)).toBeCloseTo(11, 12); // position 0.1
    expect(percentile([10, 20, 30], 0.95)).toBeCloseTo(29, 12); // position 1.9
    expect(percentile([7], 0.95)).toBe(7);
  });

  it('per axis value; cases without a plan are counted apart', () => {
    const s = summarizeResults(file());
    expect([s.cases, s.statuses, s.unverified]).toEqual([5, { optimal: 4, infeasible: 1 }, 1]);
    const [p0, p100] = s.axes['carbonPrice']!;
    expect([p0!.value, p0!.cases, p0!.withoutPlan]).toEqual(['0', 3, 0]);
    expect(p0!.metrics.cost!.p50).toBe(20);
    expect(p0!.metrics.cost!.p5).toBeCloseTo(11, 12);
    expect(p0!.metrics.unmet).toEqual({ p5: 0.5, p50: 5, p95: 9.5 });
    expect(p0!.metrics.locationTonnes!.p50).toBe(4);
    expect([p100!.value, p100!.cases, p100!.withoutPlan, p100!.metrics.cost]).toEqual(['100', 2, 1, { p5: 100, p50: 100, p95: 100 }]);
  });

  it('the HTML page is self-contained: inline SVG, no scripts, no external references', () => {
    const html = summaryHtml(summarizeResults(file()));
    expect(html).toMatch(/^<!doctype html>/);
    expect((html.match(/<svg /g) ?? []).length).toBe(4);
    expect(html).not.toMatch(/<script|src=|href=|@import|url\(/i);
  });

  it('the CLI prints the tables and writes the chart', () => {
    const f = file();
    const r = spawnSync(process.execPath, [CLI, 'summarize', f, '--html', f.replace(/jsonl$/, 'html')], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^5 cases: 4 optimal, 1 infeasible; 1 not verified\n/);
    expect(r.stdout).toMatch(/by carbonPrice/);
    expect(readFileSync(f.replace(/jsonl$/, 'html'), 'utf8')).toMatch(/<svg /);
  });
});
