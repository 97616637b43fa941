/**
 * The size estimate of the direct builder (network-direct-builder.ts), from its first pass: the
 * figures `countModel` (estimate.ts) gives for the same scenario, so that `solve` checks the size
 * before any array is allocated without a scan of its own (test/flow-direct-network.test.ts
 * compares the two on random scenarios).
 */
import { valueAtOr0 } from '../scenario/hourly.js';
import type { ModelCounts } from './estimate.js';
import type { Builder } from './network-direct-builder.js';

/**
 * After pass 1 of `b`: the figures `countModel` gives for its scenario. They over-count
 * as countModel does: every hour with capacity of a site-class some demand with columns can use
 * is a capacity row, every hour of a window with `maxPerHour` a maxPerHour row; green columns
 * where a site with columns has green supply in any hour (none where a column's own hour has
 * some: the builder refuses those).
 */
export function builderCounts(b: Builder): ModelCounts {
  const { H, nS, capAt, usedSiteClass, perSite } = b;
  const NC = 3;
  let capRows = 0;
  for (let k = 0; k < nS * NC; k++) {
    if (usedSiteClass[k] !== 1) continue;
    for (let t = 0; t < H; t++) if (capAt[k * H + t]! > 0) capRows++;
  }
  let greenCols = 0;
  let greenNonzeros = 0;
  if (b.greenGlobal) {
    for (let s = 0; s < nS; s++) {
      if (perSite[s] === 0) continue;
      const site = b.sc.sites[s]!;
      let hours = 0;
      for (let t = 0; t < H; t++) if (valueAtOr0(site.greenSupplyMW, t) > 0) hours++;
      greenCols += hours;
      if (hours > 0) greenNonzeros += perSite[s]! + hours;
    }
  }
  const placements = b.cols - b.unmetCols;
  const mphRows = b.mphHours;
  return {
    placements,
    columns: b.cols + greenCols,
    rows: b.demandRows + capRows + mphRows + greenCols,
    nonzeros: 2 * placements + b.unmetCols + b.mphNonzeros + greenNonzeros,
    arcs: b.cols + capRows + mphRows,
    nodes: 1 + b.demandRows + capRows + mphRows,
    coupled: greenCols > 0,
  };
}
