/**
 * The verifier's own check of replicated demands (issue 16), reading only the scenario and the
 * plan: every assignment of a demand with `replicas` k > 1 names its copy (0 … k − 1) and its part
 * [start, end) of the copy line 0 … amount (per hour; windowed demand: the window's total), with
 * end − start = amount; the parts of one copy never overlap (so no copy holds more than the
 * demand), and parts of two copies in the same group never overlap (so at every point of the work
 * the copies sit in different groups). Demand conservation in replica-units (Σ served + unmet =
 * k · amount) is checked by verify.ts with the other demand rows. Latency, allowed sites and class
 * rules are checked per assignment there too, which covers every copy.
 */
import type { Plan } from './types.js';
import type { Violation } from './verify.js';
import type { Scenario } from '../scenario/types.js';

interface Part {
  readonly replica: number;
  readonly group: string;
  readonly start: number;
  readonly end: number;
  readonly site: string;
}

const fmt = (v: number): string => String(Number(v.toPrecision(10)));

/** Violations of the replica rules in `plan` (tolerance as in `verifyPlan`). */
export function replicaViolations(scenario: Scenario, plan: Plan, tol: number): Violation[] {
  const out: Violation[] = [];
  // Without replicated demands the only rule is that no entry names a copy: a pass without lookups
  // when none does.
  if (!scenario.demands.some((d) => (d.replicas ?? 1) > 1) && !plan.assignments.some((a) => a.replica !== undefined || a.replicaSlice !== undefined)) return out;
  const H = scenario.horizonHours;
  const sites = new Map(scenario.sites.map((s) => [s.id, s]));
  const demands = new Map(scenario.demands.map((d) => [d.id, d]));
  // (demand, hour | window) → parts
  const lines = new Map<string, { demand: string; hour: number | null; D: number; parts: Part[] }>();
  plan.assignments.forEach((a, i) => {
    const d = demands.get(a.demand);
    const site = sites.get(a.site);
    if (!d || !site || typeof a.amount !== 'number') return; // reported by verify.ts
    const k = d.replicas ?? 1;
    if (k === 1) {
      if (a.replica !== undefined || a.replicaSlice !== undefined) {
        out.push({ rule: 'replica', message: `assignments[${i}]: demand "${d.id}" has no replicas, so the entry must not give replica or replicaSlice`, demand: d.id, site: site.id, hour: a.hour });
      }
      return;
    }
    const where = `assignments[${i}]`;
    const at = { demand: d.id, site: site.id, hour: a.hour };
    if (!(Number.isInteger(a.replica) && a.replica! >= 0 && a.replica! < k)) {
      out.push({ rule: 'replica', message: `${where}: demand "${d.id}" has ${k} copies, so replica must be an integer 0 … ${k - 1}, not ${String(a.replica)}`, ...at });
      return;
    }
    const sl = a.replicaSlice;
    if (!Array.isArray(sl) || sl.length !== 2 || !sl.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      out.push({ rule: 'replica', message: `${where}: replicated demand "${d.id}" needs replicaSlice [start, end] of finite numbers`, ...at });
      return;
    }
    if (!(Number.isInteger(a.hour) && a.hour >= 0 && a.hour < H)) return; // hour-range, from verify.ts
    const hour = d.window ? null : a.hour;
    const D = d.window ? (typeof d.amount === 'number' ? d.amount : 0) : typeof d.amount === 'number' ? d.amount : (d.amount[a.hour] ?? 0);
    const scale = tol * Math.max(1, D);
    const [start, end] = sl;
    if (start < -scale || end > D + scale || Math.abs(end - start - a.amount) > tol * Math.max(1, Math.abs(a.amount), D)) {
      out.push({ rule: 'replica', message: `${where}: replicaSlice [${fmt(start)}, ${fmt(end)}] of demand "${d.id}" must lie in [0, ${fmt(D)}] with length amount ${fmt(a.amount)}`, ...at });
      return;
    }
    const scope = d.replicaScope ?? 'hub';
    const group = scope === 'site' ? site.id : scope === 'hub' ? site.hub : site.region;
    const key = `${d.id}\u0000${hour ?? -1}`;
    let line = lines.get(key);
    if (!line) lines.set(key, (line = { demand: d.id, hour, D, parts: [] }));
    line.parts.push({ replica: a.replica!, group, start, end, site: site.id });
  });

  for (const line of lines.values()) {
    const scale = tol * Math.max(1, line.D);
    const when = line.hour === null ? 'in its window' : `in hour ${line.hour}`;
    const overlaps = (parts: Part[], what: (p: Part, q: Part) => string, rule: 'replica-split' | 'replica-groups') => {
      const sorted = [...parts].sort((p, q) => p.start - q.start);
      let last: Part | undefined;
      for (const p of sorted) {
        if (last && p.start < last.end - scale) {
          out.push({ rule, message: `demand "${line.demand}" ${when}: ${what(last, p)}: [${fmt(last.start)}, ${fmt(last.end)}] and [${fmt(p.start)}, ${fmt(p.end)}] overlap`, demand: line.demand, site: p.site, hour: line.hour });
        }
        if (!last || p.end > last.end) last = p;
      }
    };
    const byCopy = new Map<number, Part[]>();
    const byGroup = new Map<string, Part[]>();
    for (const p of line.parts) {
      (byCopy.get(p.replica) ?? byCopy.set(p.replica, []).get(p.replica)!).push(p);
      (byGroup.get(p.group) ?? byGroup.set(p.group, []).get(p.group)!).push(p);
    }
    for (const [r, parts] of byCopy) overlaps(parts, () => `copy ${r} serves one part of the work twice`, 'replica-split');
    for (const [g, parts] of byGroup) {
      // Overlap of one copy with itself is reported above; here only between different copies.
      const sorted = [...parts].sort((p, q) => p.start - q.start);
      for (let i = 0; i < sorted.length; i++) {
        for (let j = i + 1; j < sorted.length && sorted[j]!.start < sorted[i]!.end - scale; j++) {
          const p = sorted[i]!;
          const q = sorted[j]!;
          if (p.replica === q.replica) continue;
          out.push({
            rule: 'replica-groups',
            message: `demand "${line.demand}" ${when}: copies ${p.replica} and ${q.replica} both run the part [${fmt(Math.max(p.start, q.start))}, ${fmt(Math.min(p.end, q.end))}] in group "${g}" (sites "${p.site}", "${q.site}")`,
            demand: line.demand,
            site: q.site,
            hour: line.hour,
          });
        }
      }
    }
  }
  return out;
}
