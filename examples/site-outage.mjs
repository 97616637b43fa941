// What if one cluster goes dark? Solve the built-in scenario with and without a site and compare
// cost, unmet demand and where the load moves. Run after `npm run build`:
//   node examples/site-outage.mjs [siteId]
// (default: the busiest eastern cluster whose outage leaves every demand some site in reach)
import { scenarioIssues, scenarios, solve, verifyPlan } from 'suanflow';

const base = scenarios.eastDataWestComputing;
const byId = new Map(base.sites.map((s) => [s.id, s]));
const basePlan = await solve(base);

const load = new Map();
for (const a of basePlan.assignments) load.set(a.site, (load.get(a.site) ?? 0) + a.amount);
const eastern = base.sites.filter((s) => s.region === 'east').sort((a, b) => (load.get(b.id) ?? 0) - (load.get(a.id) ?? 0));

// An outage: the site keeps its data but offers no capacity (allowedSites that name it stay valid).
const without = (id) => ({
  ...base,
  name: `${base.name} without ${id}`,
  sites: base.sites.map((s) => (s.id === id ? { ...s, capacity: Object.fromEntries(Object.keys(s.capacity).map((c) => [c, 0])) } : s)),
});
// A site whose outage leaves some demand with no site in reach is a single point of failure.
for (const s of eastern) {
  const issues = scenarioIssues(without(s.id));
  const ids = issues.map((i) => base.demands[Number(/^demands\[(\d+)\]/.exec(i.path)?.[1])]?.id ?? i.path);
  if (issues.length > 0) console.log(`${s.id} is a single point of failure: ${ids.join(', ')} would have no site in reach`);
}
const outId = process.argv[2] ?? eastern.find((s) => scenarioIssues(without(s.id)).length === 0)?.id;
if (!outId || !byId.has(outId)) throw new Error(`unknown site "${outId}"; sites: ${[...byId.keys()].join(', ')}`);
const outage = without(outId);
let outPlan;
try {
  outPlan = await solve(outage);
} catch (e) {
  console.log(`${outId} is the only site some demand can use:\n${e.message}`);
  process.exit(0);
}
for (const [name, sc, p] of [['base', base, basePlan], ['outage', outage, outPlan]]) {
  if (!verifyPlan(sc, p).ok) throw new Error(`${name} plan failed verification`);
}

const unmet = (p) => p.unmet.reduce((a, u) => a + u.amount, 0);
console.log(`outage of ${outId} (${byId.get(outId).hub})`);
console.log(`cost: ${basePlan.objective.toFixed(0)} → ${outPlan.objective.toFixed(0)} CNY (+${(outPlan.objective - basePlan.objective).toFixed(0)})`);
console.log(`unmet units: ${unmet(basePlan).toFixed(1)} → ${unmet(outPlan).toFixed(1)}`);
// Per site and class, since each class has its own unit.
const classOf = new Map(base.demands.map((d) => [d.id, d.class]));
const perClass = (p) => {
  const m = new Map();
  for (const a of p.assignments) {
    const k = `${a.site} ${classOf.get(a.demand)}`;
    m.set(k, (m.get(k) ?? 0) + a.amount);
  }
  return m;
};
const before = perClass(basePlan);
const after = perClass(outPlan);
console.log('load moved (unit-hours per site and class):');
for (const k of new Set([...before.keys(), ...after.keys()])) {
  const delta = (after.get(k) ?? 0) - (before.get(k) ?? 0);
  if (Math.abs(delta) > 0.5) console.log(`  ${k.padEnd(28)} ${delta > 0 ? '+' : ''}${delta.toFixed(0)}`);
}
