// Data gravity on the built-in day (ILLUSTRATIVE datasets and backbone, scenarios.dataGravity
// without the served models): eastern training reads corpora held at its home hub's cluster. Is it
// cheaper to move the job to the data or the data to the job? Scans the dataset sizes and prints
// how much training runs in the west anyway and at which size each copy stops paying.
// Run after `npm run build`:   node examples/data-gravity.mjs
import { eastDataWestComputingData, solve, verifyPlan } from 'suanflow';

const SCALES = [0, 1, 4, 16];
const rows = [];
const decisions = new Map(); // dataset → [{ sizeGB, copied }] per scale
const RUNS = SCALES.map((scale) => ({ scale, backbone: true }));
for (const { scale, backbone } of RUNS) {
  const sc = eastDataWestComputingData({ datasetScale: scale, models: false, backbone });
  const t0 = performance.now();
  const plan = await solve(sc, { timeLimitSeconds: 60 });
  console.error(`× ${scale}: ${plan.status} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  if (plan.objective === null) throw new Error(`× ${scale}: no plan (${plan.message})`);
  const check = verifyPlan(sc, plan);
  if (!check.ok) throw new Error(`plan fails verification: ${check.violations[0].message}`);
  const region = new Map(sc.sites.map((s) => [s.id, s.region]));
  const byId = new Map(sc.demands.map((d) => [d.id, d]));
  let readers = 0;
  let readersWest = 0;
  let training = 0;
  let trainingWest = 0;
  for (const a of plan.assignments) {
    const d = byId.get(a.demand);
    const west = region.get(a.site) === 'west';
    if (d.id.endsWith('-ai-training')) {
      training += a.amount;
      if (west) trainingWest += a.amount;
    }
    if (d.dataset !== undefined && d.id.endsWith('-ai-training')) {
      readers += a.amount;
      if (west) readersWest += a.amount;
    }
  }
  for (const k of backbone ? sc.datasets : []) {
    const list = decisions.get(k.id) ?? [];
    list.push({ sizeGB: k.sizeGB, copied: plan.datasetCopies.some((c) => c.dataset === k.id) });
    decisions.set(k.id, list);
  }
  rows.push([
    `× ${scale}${backbone ? '' : ', no backbone'}`,
    (plan.datasetCopies.reduce((a, c) => a + c.sizeGB, 0) / 1000).toFixed(0),
    String(plan.datasetCopies.length),
    `${((100 * readersWest) / readers).toFixed(1)}%`,
    `${((100 * trainingWest) / training).toFixed(1)}%`,
    (plan.costs.dataCopies / 1000).toFixed(1),
    (plan.objective / 1e6).toFixed(3),
  ]);
}
console.log('dataset size | TB copied | copies | training on a dataset run west | all training run west | copy cost kCNY | objective MCNY');
for (const r of rows) console.log(r.join(' | '));
console.log('\nwhere each copy stops paying (sizes scanned: × ' + SCALES.join(', ') + ' of the illustrative sizes):');
for (const [id, list] of decisions) {
  const tb = (gb) => `${(gb / 1000).toFixed(0)} TB`;
  const copied = list.filter((x) => x.copied).map((x) => x.sizeGB);
  const yes = copied.length > 0 ? Math.max(...copied) : null;
  const no = list.filter((x) => !x.copied && x.sizeGB > (yes ?? -1)).map((x) => x.sizeGB).sort((a, b) => a - b)[0] ?? null;
  console.log(`  ${id}: ${yes === null ? 'never copied' : `copied up to ${tb(yes)}`}${no === null ? ', copied at every size scanned' : `, not copied at ${tb(no)}`}`);
}

// A copy's whole volume is counted on the backbone in one hour (the hour before its first use).
const widest = Math.max(...eastDataWestComputingData().backbone.links.map((l) => l.capacityGbps)) * 450;
console.log(`\nthe widest backbone link carries ${(widest / 1000).toFixed(0)} TB in an hour: a copy larger than that cannot be made in one hour, whatever its price`);
console.log('every dataset at × 16 (3,200–16,000 TB) is larger than that, so there the backbone alone rules the copies out; below it, each copy is a price decision (the MILP compares sizeGB × transferPerGB with what running west saves)');
