/**
 * The verifier's own check of N-1-secure plans (issue 16, item 3), reading only the scenario and
 * the plan (never the model, the solver or safety/): `plan.security.recourse` must list every
 * single outage of `policy.survive` (each site for `any-site`, the sites of each hub for `any-hub`,
 * per protected class), and each listed outage's flows must, on their own, re-route all the work
 * the plan places at the outage's sites: for every protected demand, outage site and hour, the
 * flows from that site sum to the plan's work there; each flow goes to a known site outside the
 * outage that the demand may use (latency, allowed sites, class offered) in a valid hour; and at
 * every site outside the outage the plan's own use plus the flows into it stay within usable
 * capacity (nominal × maxUtilization), per class and hour. Outages are checked independently:
 * the spare capacity is shared, the worst outage binds.
 */
import { geoLatencyMs, LATENCY_EPS_MS } from '../geo/haversine.js';
import { COMPUTE_CLASSES, type ComputeClass, type Scenario } from '../scenario/types.js';
import type { Plan } from './types.js';
import type { Violation } from './verify.js';
import { pairLinks } from './verify-totals.js';

const fmt = (v: number): string => String(Number(v.toPrecision(10)));
const hourly = (v: number | readonly number[], t: number): number => (typeof v === 'number' ? v : (v[t] ?? 0));

/** The outages the scenario asks for: sorted site-id key → protected classes. */
function expectedOutages(scenario: Scenario): Map<string, Set<ComputeClass>> {
  const out = new Map<string, Set<ComputeClass>>();
  const survive = scenario.policy?.survive;
  if (survive === undefined) return out;
  for (const cls of COMPUTE_CLASSES) {
    const scope = typeof survive === 'string' ? survive : survive[cls];
    if (scope === undefined) continue;
    const sets: string[][] =
      scope === 'any-site'
        ? scenario.sites.map((s) => [s.id])
        : [...new Set(scenario.sites.map((s) => s.hub))].map((h) => scenario.sites.filter((s) => s.hub === h).map((s) => s.id));
    for (const ids of sets) {
      const key = [...ids].sort().join('\u0000');
      (out.get(key) ?? out.set(key, new Set()).get(key)!).add(cls);
    }
  }
  return out;
}

/** Violations of the N-1 rules in `plan` (tolerance as in `verifyPlan`). */
export function securityViolations(scenario: Scenario, plan: Plan, tol: number): Violation[] {
  const out: Violation[] = [];
  const push = (message: string, extra: Partial<Violation> = {}) => out.push({ rule: 'security', message, ...extra });
  const sec = plan.security;
  const expected = expectedOutages(scenario);
  if (expected.size === 0) {
    if (sec !== undefined) push('plan.security is given, but the scenario has no policy.survive');
    return out;
  }
  if (sec === undefined) {
    if (plan.status === 'optimal') push('the scenario sets policy.survive, but the optimal plan has no plan.security');
    return out;
  }
  const leq = (a: number, b: number) => a - b <= tol * Math.max(1, Math.abs(a), Math.abs(b));
  const eq = (a: number, b: number) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(a), Math.abs(b));
  const H = scenario.horizonHours;
  const mu = scenario.policy?.maxUtilization ?? 1;
  const sites = new Map(scenario.sites.map((s, i) => [s.id, i]));
  const demands = new Map(scenario.demands.map((d, i) => [d.id, i]));
  const origins = new Map(scenario.origins.map((o, i) => [o.id, i]));
  const links = pairLinks(scenario);
  const nS = scenario.sites.length;

  // The plan's own work: (demand · nS + site) · H + hour, and use per (site, class, hour).
  const work = new Map<number, number>();
  const use = new Map<string, number>();
  for (const a of plan.assignments) {
    const di = demands.get(a.demand);
    const si = sites.get(a.site);
    if (di === undefined || si === undefined || typeof a.amount !== 'number') continue; // verify.ts reports these
    const k = (di * nS + si) * H + a.hour;
    work.set(k, (work.get(k) ?? 0) + a.amount);
    const uk = `${si}|${scenario.demands[di]!.class}|${a.hour}`;
    use.set(uk, (use.get(uk) ?? 0) + a.amount);
  }

  const seen = new Set<string>();
  sec.recourse.forEach((entry, ei) => {
    const where = `security.recourse[${ei}]`;
    const down = new Set<number>();
    for (const id of entry.outage) {
      const si = sites.get(id);
      if (si === undefined) push(`${where}.outage names unknown site "${id}"`, { site: id });
      else down.add(si);
    }
    const key = [...entry.outage].sort().join('\u0000');
    const classes = expected.get(key);
    if (!classes) {
      push(`${where}: outage [${entry.outage.join(', ')}] is not a single outage of policy.survive`);
      return;
    }
    if (seen.has(key)) push(`${where}: outage [${entry.outage.join(', ')}] is listed twice`);
    seen.add(key);
    for (const c of classes) if (!entry.classes.includes(c)) push(`${where}: outage [${entry.outage.join(', ')}] must protect class ${c}`);

    const moved = new Map<number, number>(); // (demand · nS + from) · H + hour → Σ flows
    const into = new Map<string, number>(); // site|class|hour → Σ flows
    entry.flows.forEach((f, fi) => {
      const fw = `${where}.flows[${fi}]`;
      const di = demands.get(f.demand);
      const from = sites.get(f.from);
      const to = sites.get(f.to);
      if (di === undefined || from === undefined || to === undefined) {
        push(`${fw} names an unknown demand or site`, { demand: f.demand });
        return;
      }
      const d = scenario.demands[di]!;
      const at = { demand: d.id, site: f.to, hour: f.hour };
      if (!(Number.isInteger(f.hour) && f.hour >= 0 && f.hour < H)) return void push(`${fw}: hour ${String(f.hour)} outside 0 … ${H - 1}`, at);
      if (!(typeof f.amount === 'number' && Number.isFinite(f.amount) && f.amount >= -tol)) return void push(`${fw}: amount ${String(f.amount)} must be a finite number ≥ 0`, at);
      if (!classes.has(d.class)) push(`${fw}: demand "${d.id}" is of class ${d.class}, which this outage does not protect`, at);
      if (!down.has(from)) push(`${fw}: "from" site "${f.from}" is not down in this outage`, at);
      if (down.has(to)) push(`${fw}: "to" site "${f.to}" is down in this outage`, at);
      const site = scenario.sites[to]!;
      if (site.capacity[d.class] === undefined) push(`${fw}: site "${site.id}" has no ${d.class} capacity`, at);
      if (d.allowedSites && !d.allowedSites.includes(site.id)) push(`${fw}: site "${site.id}" is not among the allowedSites of demand "${d.id}"`, at);
      const oi = origins.get(d.origin);
      if (oi !== undefined) {
        const o = scenario.origins[oi]!;
        const ms = links.get(oi * nS + to)?.latencyMs ?? geoLatencyMs(o.lon, o.lat, site.lon, site.lat);
        if (!(ms <= d.maxLatencyMs + LATENCY_EPS_MS)) push(`${fw}: latency ${d.origin} → ${site.id} is ${fmt(ms)} ms, over the limit ${fmt(d.maxLatencyMs)} ms of demand "${d.id}"`, at);
      }
      const mk = (di * nS + from) * H + f.hour;
      moved.set(mk, (moved.get(mk) ?? 0) + f.amount);
      const ik = `${to}|${d.class}|${f.hour}`;
      into.set(ik, (into.get(ik) ?? 0) + f.amount);
    });

    // All lost work of protected demands is re-routed (and no more than was there).
    for (const [k, x] of work) {
      const t = k % H;
      const ds = (k - t) / H;
      const si = ds % nS;
      const di = (ds - si) / nS;
      const d = scenario.demands[di]!;
      if (!down.has(si) || !classes.has(d.class)) continue;
      const m = moved.get(k) ?? 0;
      if (!eq(m, x)) push(`${where}: demand "${d.id}" loses ${fmt(x)} units at "${scenario.sites[si]!.id}" in hour ${t}, but the flows re-route ${fmt(m)}`, { demand: d.id, site: scenario.sites[si]!.id, hour: t });
    }
    for (const [k, m] of moved) {
      if (work.has(k) || eq(m, 0)) continue;
      const t = k % H;
      const ds = (k - t) / H;
      const si = ds % nS;
      push(`${where}: flows re-route ${fmt(m)} units of demand "${scenario.demands[(ds - si) / nS]!.id}" from "${scenario.sites[si]!.id}" in hour ${t}, where the plan has none`, { hour: t });
    }
    // Spare capacity at the sites that take the work.
    for (const [ik, m] of into) {
      const [si, cls, t] = ik.split('|') as [string, ComputeClass, string];
      const site = scenario.sites[Number(si)]!;
      const cap = site.capacity[cls];
      if (cap === undefined) continue; // reported per flow
      const limit = hourly(cap, Number(t)) * mu;
      const total = (use.get(ik) ?? 0) + m;
      if (!leq(total, limit)) push(`${where}: site "${site.id}" ${cls} hour ${t}: plan ${fmt(use.get(ik) ?? 0)} + re-routed ${fmt(m)} = ${fmt(total)} units, over the usable capacity ${fmt(limit)}`, { site: site.id, hour: Number(t) });
    }
  });
  for (const [key, classes] of expected) {
    if (!seen.has(key)) push(`security.recourse lists no recourse for the outage of [${key.split('\u0000').join(', ')}] (classes ${[...classes].join(', ')})`);
  }
  if (sec.outages !== expected.size) push(`security.outages is ${sec.outages}; policy.survive has ${expected.size} single outages`);
  if (!(Number.isInteger(sec.blocks) && sec.blocks >= 0 && sec.blocks <= expected.size)) push(`security.blocks ${String(sec.blocks)} must be an integer 0 … ${expected.size}`);
  for (const k of ['cost', 'marketTonnes', 'locationTonnes'] as const) {
    if (!(typeof sec.premium?.[k] === 'number' && Number.isFinite(sec.premium[k]))) push(`security.premium.${k} must be a finite number`);
  }
  return out;
}
