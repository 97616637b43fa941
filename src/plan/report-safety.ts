/**
 * Report lines of the safety features (issue 16): the copies of each replicated demand (where
 * each copy runs and how much of it is served) and the N-1 security block of a `policy.survive`
 * plan (blocks, rounds, premium over the plain optimum, and the outages that re-route the most).
 */
import type { Scenario } from '../scenario/types.js';
import { cny, count, tonnes, unitHours } from './numbers.js';
import { limitRows, table } from './table.js';
import type { Plan } from './types.js';

/** Copies per replicated demand: for each copy, the unit-hours served and the sites it runs at. */
export function replicaLines(sc: Scenario, plan: Plan, maxRows: number): string[] {
  const replicated = sc.demands.filter((d) => (d.replicas ?? 1) > 1);
  if (replicated.length === 0) return [];
  const rows: string[][] = [];
  for (const d of replicated) {
    const k = d.replicas!;
    for (let r = 0; r < k; r++) {
      const mine = plan.assignments.filter((a) => a.demand === d.id && a.replica === r);
      const served = mine.reduce((x, a) => x + a.amount, 0);
      const sites = [...new Set(mine.map((a) => a.site))].join(', ');
      rows.push([r === 0 ? d.id : '', r === 0 ? `${k} × ${d.replicaScope ?? 'hub'}` : '', String(r), unitHours(served), sites || '—']);
    }
  }
  const { rows: shown, more } = limitRows(rows, maxRows, 'copies');
  const out = ['', `Replicas: ${count(replicated.length)} demand${replicated.length === 1 ? '' : 's'} with copies in different groups (unmet counted in replica-units)`];
  out.push(table(['demand', 'copies', 'copy', 'unit-hours', 'sites'], shown));
  if (more) out.push(more);
  return out;
}

/** The N-1 security block: what the plan survives, what it cost, and the heaviest re-routings. */
export function securityLines(plan: Plan, maxRows: number): string[] {
  const s = plan.security;
  if (!s) return [];
  const survive = typeof s.survive === 'string' ? s.survive : Object.entries(s.survive).map(([c, v]) => `${c}: ${v}`).join(', ');
  const out = ['', `N-1 security (${survive}): survives each of ${count(s.outages)} single outages; constraint generation added recourse blocks for ${count(s.blocks)} outages (${count(s.subBlocks)} outage × hour × class sub-blocks) in ${count(s.rounds)} LP solves`];
  out.push(`  premium over the plain optimum: ${cny(s.premium.cost)} CNY, ${tonnes(s.premium.marketTonnes)} t CO2 market-based, ${tonnes(s.premium.locationTonnes)} t location-based`);
  const ranked = s.recourse
    .map((r) => {
      const moved = r.flows.reduce((x, f) => x + f.amount, 0);
      const to = new Map<string, number>();
      for (const f of r.flows) to.set(f.to, (to.get(f.to) ?? 0) + f.amount);
      const takers = [...to].sort((a, b) => b[1] - a[1]).map(([id]) => id);
      return { outage: r.outage.join(' + '), moved, takers };
    })
    .sort((a, b) => b.moved - a.moved);
  const { rows, more } = limitRows(ranked, maxRows, 'outages');
  out.push(table(['outage', 're-routed unit-hours', 'taken by (most first)'], rows.map((r) => [r.outage, unitHours(r.moved), r.takers.join(', ') || '—'])));
  if (more) out.push(more);
  return out;
}
