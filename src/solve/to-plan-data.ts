/**
 * The copies, replicas and backbone loads of a solved model, added to its Plan (with their cost
 * terms in `costs` and the objective).
 */
import { copyHour, copySource } from '../formulate/data-rows.js';
import type { LpModel } from '../formulate/lp-model.js';
import { backboneLoads, backboneTraffic, dataCostTerms } from '../plan/data-totals.js';
import type { DatasetCopy, ModelReplica, Plan } from '../plan/types.js';
import { backboneRoutes } from '../scenario/backbone.js';
import type { Scenario } from '../scenario/types.js';

/** `plan` with `datasetCopies`, `modelReplicas`, `backbone` and their costs, from the model's values and duals. */
export function withDataDecisions(sc: Scenario, plan: Plan, m: LpModel, values: Float64Array, duals: Float64Array, optimal: boolean): Plan {
  const hasDatasets = sc.datasets !== undefined;
  const hasModels = sc.models !== undefined;
  if (!hasDatasets && !hasModels && !sc.backbone) return plan;
  const routes = sc.backbone ? backboneRoutes(sc) : undefined;
  const copies: DatasetCopy[] = [];
  const replicas: ModelReplica[] = [];
  m.cols.forEach((c, j) => {
    const mean = c.meaning;
    if (values[j]! < 0.5) return;
    if (mean.kind === 'copy') {
      const k = sc.datasets![mean.dataset]!;
      const from = copySource(sc, k.at, mean.site, routes).site;
      copies.push({ dataset: k.id, site: sc.sites[mean.site]!.id, from: sc.sites[from]!.id, hour: copyHour(sc, k.id), sizeGB: k.sizeGB, cost: k.sizeGB * sc.prices.transferPerGB });
    } else if (mean.kind === 'host') {
      const x = sc.models![mean.model]!;
      replicas.push({ model: x.id, site: sc.sites[mean.site]!.id, loadCost: x.loadCost, reservedUnits: x.reserveUnits });
    }
  });
  const H = sc.horizonHours;
  const shadow = new Map<number, number>();
  if (optimal) {
    m.rows.forEach((r, i) => {
      if (r.meaning.kind !== 'backbone') return;
      // Below 1e-6 CNY per Gbps a dual is the simplex's round-off, not a price.
      const p = -duals[i]! * 450;
      if (p > 1e-6) shadow.set((r.meaning.link * 2 + (r.meaning.reverse ? 1 : 0)) * H + r.meaning.hour, p);
    });
  }
  const terms = dataCostTerms(copies, replicas);
  const extra = terms.dataCopies + terms.modelLoads;
  return {
    ...plan,
    objective: plan.objective === null ? null : plan.objective + extra,
    costs: plan.costs === null ? null : { ...plan.costs, ...(hasDatasets ? { dataCopies: terms.dataCopies } : {}), ...(hasModels ? { modelLoads: terms.modelLoads } : {}) },
    ...(hasDatasets ? { datasetCopies: copies } : {}),
    ...(hasModels ? { modelReplicas: replicas } : {}),
    ...(sc.backbone ? { backbone: backboneLoads(sc, backboneTraffic(sc, plan.assignments, copies), shadow) } : {}),
  };
}
