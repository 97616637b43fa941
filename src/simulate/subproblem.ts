/**
 * The re-plan made at hour h: a sub-scenario of hours h … e − 1 (e = min(h + look-ahead, horizon))
 * built from forecasts and the work still to do, and its placement LP.
 *
 * - Interactive demand: forecast amounts of hours h … e − 1 (hour h exact unless
 *   `noisyCurrentHour`).
 * - Deferrable work whose window is open: the remaining unit-hours (known exactly once released),
 *   window clipped to the sub-horizon. Windows that open inside the look-ahead enter with their
 *   forecast total work. Windows that end before h or open at or after e are left out.
 * - A deadline beyond the look-ahead: the sub-problem may defer part of such work past its last
 *   hour, through an extra column of the demand's row: at most the share of the work that the
 *   window's hours beyond the look-ahead would carry at an even pace, (deadline − e) / (deadline −
 *   max(release, h)), priced at the cheapest per-unit cost the work could have in those hours
 *   (forecast tariffs, full carbon credit where green supply is contracted, capacity ignored; the
 *   unmet penalty when no usable site-hour is left). So work keeps at least an even pace through
 *   its window (procrastinating to the deadline would overload the last hours), and runs ahead of
 *   that pace where now is no dearer than the best later hour could be. Deferred work stays queued
 *   and is never reported unmet; only work left when the deadline passes is. The demand's unmet
 *   column (penalty) stays, so a re-plan is never infeasible for lack of capacity.
 * - Horizon-wide policy rows carry what was committed: the carbon cap gets the remaining tonnes,
 *   and each green-share row the surplus (or deficit) Σ (green − share · energy) of the committed
 *   hours, both pro-rated by (e − h) / (horizon − h). With a look-ahead to the end that is exact.
 * - Prices, grid factors, capacity and links are known exactly (tariffs and installed capacity).
 */
import { formulatePlacement, unitEnergyKWh, usableSites } from '../formulate/placement.js';
import { addColumn, type LpModel } from '../formulate/lp-model.js';
import { linksByPair, unmetPenaltyOf } from '../scenario/lookups.js';
import { valueAt, valueAtOr0 } from '../scenario/hourly.js';
import { pricedCarbon } from '../scenario/carbon-signal.js';
import type { Demand, Hourly, Scenario, Site } from '../scenario/types.js';
import { forecastFactor, Stream } from './forecast.js';
import type { CheckedSimulateOptions } from './options.js';

/** What stays fixed over a simulation: the actual scenario and what is derived from it once. */
export interface SimContext {
  readonly actual: Scenario;
  /** Origin-major origins × sites latency, link overrides applied. */
  readonly latency: Float64Array;
  readonly options: CheckedSimulateOptions;
  /** Usable site indices of each demand (latency, allowed sites, class offered). */
  readonly usable: readonly (readonly number[])[];
  /** Transfer price CNY/GB of each origin-major origin × site pair. */
  readonly perGB: Float64Array;
  /** Origin index of each demand. */
  readonly originOf: Int32Array;
}

/** What the committed hours leave behind for the next re-plan. */
export interface CarryState {
  /** Remaining unit-hours of each windowed demand (actual index); unused for interactive demand. */
  readonly remaining: Float64Array;
  /** Tonnes committed so far, in the scenario's accounting. */
  readonly tonnes: number;
  /** Σ (green − policy.minGreenShare · energy) over committed hours, kWh. */
  readonly greenSurplus: number;
  /** The same per site with `sites[].minGreenShare`, kWh. */
  readonly siteGreenSurplus: Float64Array;
}

/** One re-plan's model and how to read it back. */
export interface SubProblem {
  /** First hour (of the actual horizon) and end (exclusive) of the sub-horizon. */
  readonly from: number;
  readonly to: number;
  readonly scenario: Scenario;
  /** Actual demand index of each sub-scenario demand. */
  readonly demandOf: readonly number[];
  readonly model: LpModel;
  /** Green-share rows whose lower bound the carry-over raised above 0 (a deficit to make up). */
  readonly raisedRows: readonly number[];
}

/** Builds what stays fixed over a simulation. */
export function simContext(actual: Scenario, latency: Float64Array, options: CheckedSimulateOptions): SimContext {
  const oIdx = new Map(actual.origins.map((o, i) => [o.id, i]));
  const originOf = Int32Array.from(actual.demands, (d) => oIdx.get(d.origin)!);
  const usable = actual.demands.map((_, di) => usableSites(actual, latency, di, originOf[di]!));
  const nS = actual.sites.length;
  const perGB = new Float64Array(actual.origins.length * nS).fill(actual.prices.transferPerGB);
  for (const [pair, l] of linksByPair(actual)) if (l.costPerGB !== undefined) perGB[pair] = l.costPerGB;
  return { actual, latency, options, usable, perGB, originOf };
}

const slice = (v: Hourly, from: number, to: number): Hourly => (typeof v === 'number' ? v : v.slice(from, to));

function subSite(ctx: SimContext, site: Site, s: number, from: number, to: number): Site {
  const { seed, greenError, noisyCurrentHour } = ctx.options;
  const capacity = Object.fromEntries(Object.entries(site.capacity).map(([c, v]) => [c, slice(v as Hourly, from, to)]));
  const green = site.greenSupplyMW;
  return {
    ...site,
    capacity,
    electricityPrice: slice(site.electricityPrice, from, to),
    gridCarbon: slice(site.gridCarbon, from, to),
    ...(site.marginalCarbon === undefined ? {} : { marginalCarbon: slice(site.marginalCarbon, from, to) }),
    ...(green === undefined
      ? {}
      : {
          greenSupplyMW: Array.from({ length: to - from }, (_, k) => {
            const t = from + k;
            const exact = k === 0 && !noisyCurrentHour;
            return valueAt(green, t) * (exact ? 1 : forecastFactor(seed, greenError, Stream.Green, s, t, from));
          }),
        }),
  };
}

/**
 * Cheapest per-unit cost of demand `di` at any usable site in hours `from … to − 1`: the value of
 * deferring a unit past the look-ahead (see the module comment). Infinity when no site-hour is usable.
 */
function laterUnitCost(ctx: SimContext, di: number, from: number, to: number): number {
  const sc = ctx.actual;
  const d = sc.demands[di]!;
  const o = ctx.originOf[di]!;
  const nS = sc.sites.length;
  const cp = sc.prices.carbonPerTonne;
  const market = (sc.policy?.carbonAccounting ?? 'market') === 'market';
  const data = d.dataGBPerUnit ?? 0;
  let best = Infinity;
  for (const s of ctx.usable[di]!) {
    const site = sc.sites[s]!;
    const kWh = unitEnergyKWh(site, d.class);
    const fixed = (site.unitCost[d.class] ?? 0) + data * ctx.perGB[o * nS + s]!;
    for (let t = from; t < to; t++) {
      if (!(valueAt(site.capacity[d.class]!, t) > 0)) continue;
      const greenCredit = market && valueAtOr0(site.greenSupplyMW, t) > 0;
      const carbon = greenCredit ? 0 : (cp * kWh * valueAt(pricedCarbon(sc, site), t)) / 1000;
      best = Math.min(best, fixed + kWh * valueAt(site.electricityPrice, t) + carbon);
    }
  }
  return best;
}

/** Builds the re-plan of hours `from … to − 1` given what the committed hours left behind. */
export function buildSubProblem(ctx: SimContext, from: number, to: number, carry: CarryState): SubProblem {
  const sc = ctx.actual;
  const H = sc.horizonHours;
  const { seed, demandError, noisyCurrentHour } = ctx.options;
  const demands: Demand[] = [];
  const demandOf: number[] = [];
  /** Per sub demand: price and most units of deferring past the look-ahead; undefined when its deadline is in view. */
  const defer: ({ cost: number; max: number } | undefined)[] = [];

  sc.demands.forEach((d, di) => {
    const w = d.window;
    if (!w) {
      const amount = Array.from({ length: to - from }, (_, k) => {
        const t = from + k;
        const exact = k === 0 && !noisyCurrentHour;
        return valueAt(d.amount, t) * (exact ? 1 : forecastFactor(seed, demandError, Stream.Interactive, di, t, from));
      });
      demands.push({ ...d, amount });
      demandOf.push(di);
      defer.push(undefined);
      return;
    }
    if (w.deadline <= from || w.release >= to) return;
    // Released work is known exactly; work released later in the look-ahead is a forecast.
    const amount = w.release <= from ? carry.remaining[di]! : (d.amount as number) * forecastFactor(seed, demandError, Stream.Deferrable, di, w.release, from);
    if (!(amount > 0)) return;
    demands.push({ ...d, amount, window: { ...w, release: Math.max(w.release, from) - from, deadline: Math.min(w.deadline, to) - from } });
    demandOf.push(di);
    const start = Math.max(w.release, from);
    defer.push(
      w.deadline > to
        ? { cost: Math.min(laterUnitCost(ctx, di, to, w.deadline), unmetPenaltyOf(sc, d.class)), max: (amount * (w.deadline - to)) / (w.deadline - start) }
        : undefined,
    );
  });

  // Horizon-wide rows: what is left of them, spread evenly over the remaining hours.
  const share = (to - from) / (H - from);
  const policy = sc.policy;
  const cap = policy?.carbonCapTonnes;
  const scenario: Scenario = {
    ...sc,
    horizonHours: to - from,
    sites: sc.sites.map((site, s) => subSite(ctx, site, s, from, to)),
    demands,
    ...(policy ? { policy: { ...policy, ...(cap !== undefined ? { carbonCapTonnes: Math.max(0, (cap - carry.tonnes) * share) } : {}) } } : {}),
  };

  const model = formulatePlacement(scenario, ctx.latency);
  const raisedRows: number[] = [];
  model.rows.forEach((row, i) => {
    const m = row.meaning;
    if (m.kind === 'demand' && m.hour === null) {
      const def = defer[m.demand];
      if (def === undefined) return;
      // Tagged as the row's slack: a unique name for glpk/HiGHS, and like unmet columns an arc to
      // the sink for the flow backends (a second 'u' column of the row would repeat its name).
      row.cols.push(addColumn(model, def.cost, def.max, { kind: 'slack', row: i }));
      row.coefs.push(1);
    } else if (m.kind === 'minGreenShare' || m.kind === 'siteMinGreenShare') {
      const surplus = m.kind === 'minGreenShare' ? carry.greenSurplus : carry.siteGreenSurplus[m.site]!;
      const lb = -surplus * share;
      model.rows[i] = { ...row, lb };
      if (lb > 0) raisedRows.push(i);
    }
  });
  return { from, to, scenario, demandOf, model, raisedRows };
}

/** Lowers the green-share rows a deficit raised back to 0 (used when the raised rows cannot be met). */
export function relaxRaisedRows(sub: SubProblem): void {
  for (const i of sub.raisedRows) sub.model.rows[i] = { ...sub.model.rows[i]!, lb: 0 };
}
