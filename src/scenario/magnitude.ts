/**
 * Numerical guard of validation: numbers whose scale the backends cannot solve faithfully in f64
 * are rejected with their path, the value and the limit, instead of turning into plans that are
 * "optimal" but wrong (lost units, an infinite or NaN objective, glpk objectives 0.1–0.3% off,
 * network simplex objectives 7e-5 above glpk's).
 *
 * Two kinds of rule. Per-field ceilings (rule `magnitude`) run on every well-formed number and
 * keep products (energy, costs, the objective) finite. Scale rules run on a scenario that is
 * otherwise valid: nonzero quantities and the cheapest unit cost above a floor (`magnitude`), the
 * range of quantities and of cost coefficients (`dynamic-range`), and the objective's scale
 * (`magnitude`). The limits and the tolerances they come from are in {@link NUMERIC_LIMITS}.
 */
import type { ScenarioIssue } from '../errors.js';
import { valueAt } from './hourly.js';
import { pricedCarbon } from './carbon-signal.js';
import { isNum, isObj, list, type Obj } from './raw.js';
import { COMPUTE_CLASSES, type ComputeClass, type Scenario } from './types.js';
import { printable } from '../util/printable.js';

/** The ceilings and floors of {@link NUMERIC_LIMITS}; every field is documented there. */
export interface NumericLimits {
  /**
   * Largest amount (per hour, or a window's total), capacity or `maxPerHour`, units.
   * 1000× below the network simplex's "infinite" capacity (`FLOW_INFINITE_CAPACITY` = 1e15), where
   * a binding capacity would silently become unlimited.
   * @default 1e12
   */
  readonly maxQuantity: number;
  /**
   * Smallest nonzero amount, capacity (× `policy.maxUtilization`) or `maxPerHour`, units. The
   * verifier compares absolutely below 1 (1e-6) and glpk's bound tolerance is 1e-7 absolute there,
   * so a quantity of 1e-3 is still resolved to 1e-3 of itself; glpk was measured wrong on the
   * built-in day scaled to quantities of 1e-7.
   * @default 1e-3
   */
  readonly minQuantity: number;
  /**
   * Largest ratio of max(total work, largest capacity) to the smallest nonzero quantity. The
   * network simplex snaps flows within 1e-12 · (total work, its sink's supply) of a bound
   * (`FLOW_SNAP_TOL`); at 1e9 that threshold stays ≤ 1e-3 of the smallest quantity, so no
   * demand's units can vanish (amount [5e12, 5] lost hour 1's 5 units).
   * @default 1e9
   */
  readonly maxQuantityRange: number;
  /**
   * Largest money coefficient, CNY per its unit: `unitCost`, `electricityPrice`, `unmetPenalty`,
   * `carbonPerTonne`, `transferPerGB`, link `costPerGB`.
   * @default 1e9
   */
  readonly maxMoney: number;
  /** Largest `powerKW`, kW per unit. @default 1e6 */
  readonly maxPowerKW: number;
  /** Largest `pue`. @default 100 */
  readonly maxPue: number;
  /** Largest `gridCarbon`, kgCO2/kWh (real grids: under 1.2). @default 100 */
  readonly maxGridCarbon: number;
  /** Largest `dataGBPerUnit`, GB per unit. @default 1e6 */
  readonly maxDataGBPerUnit: number;
  /** Largest `greenSupplyMW`, MW. @default 1e9 */
  readonly maxGreenSupplyMW: number;
  /** Largest link `bandwidthGbps`. @default 1e9 */
  readonly maxBandwidthGbps: number;
  /** Largest `policy.carbonCapTonnes`. @default 1e15 */
  readonly maxCarbonCapTonnes: number;
  /**
   * Smallest nonzero per-unit cost of a site, class and hour, CNY (see {@link NumericLimits.maxCostRange}).
   * glpk's reduced-cost tolerance is 1e-7 absolute for small costs: the built-in day with every
   * price scaled to a cheapest unit cost of 7e-6 CNY gave a glpk plan 0.4% off its own objective
   * (exact at 2e-5 and above). 1e-4 keeps a 14× margin and admits the least-carbon LP of
   * `paretoFrontier` with room (money 0, carbon at 1,000 CNY/t: about 0.2 CNY per unit on the built-in day).
   * @default 1e-4
   */
  readonly minUnitCost: number;
  /**
   * Largest ratio of the largest per-unit cost coefficient (an unmet penalty, or a site's per-unit
   * cost plus the dearest transfer per unit) to the smallest nonzero per-unit site cost
   * (unitCost + pue·powerKW·electricityPrice + carbonPerTonne·pue·powerKW·gridCarbon/1000).
   * Rescaling money or units leaves this ratio unchanged, and so the solvers' errors: glpk's plans
   * were 0.04–0.4% off their own objective from a ratio of 5.6e7 up on the built-in day. (The
   * network simplex was 5.7e-7 to 7e-5 off glpk from 4.2e5 while its reduced-cost tolerance was
   * 1e-9 of its largest arc cost; it now switches to 1e-12 beyond a span of 1e4, `FLOW_COST_TOL_FINE`,
   * and agrees with glpk to 1e-15 up to a penalty of 1e9 beside the built-in day's unit costs.)
   * 1e6 keeps a 50× margin below glpk's drift.
   * @default 1e6
   */
  readonly maxCostRange: number;
  /**
   * Largest objective scale: the largest amount × the largest per-unit cost coefficient, CNY.
   * Not a measured failure (the built-in day scaled to 3e25 CNY solved correctly): a wide margin
   * that keeps every cost term, sum and the flow solver's big-M far from overflow, 2000× above a
   * national year (1.3e10 rack-hours in one window × 5e4 CNY ≈ 7e14).
   * @default 1e18
   */
  readonly maxObjectiveScale: number;
}

/**
 * Numerical limits of a scenario, checked by `validateScenario` (rules `magnitude` and
 * `dynamic-range`). They are derived from the backends' tolerances (`src/flow/types.ts`, glpk's
 * 1e-7 bound and reduced-cost tolerances) and the verifier's (1e-6): inside them every backend's
 * plan verifies and objectives agree to relative 1e-7. A scenario outside them is best rescaled:
 * e.g. thousand racks instead of racks, or thousand CNY instead of CNY.
 */
export const NUMERIC_LIMITS: Readonly<NumericLimits> = Object.freeze({
  maxQuantity: 1e12,
  minQuantity: 1e-3,
  maxQuantityRange: 1e9,
  maxMoney: 1e9,
  maxPowerKW: 1e6,
  maxPue: 100,
  maxGridCarbon: 100,
  maxDataGBPerUnit: 1e6,
  maxGreenSupplyMW: 1e9,
  maxBandwidthGbps: 1e9,
  maxCarbonCapTonnes: 1e15,
  minUnitCost: 1e-4,
  maxCostRange: 1e6,
  maxObjectiveScale: 1e18,
});

/** A number as a message shows it: `5e12`, `0.37`, `1e-300`. */
export function formatMagnitude(x: number): string {
  if (x === 0 || !Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a >= 1e6 || a < 1e-3) {
    const [m, e] = x.toExponential(3).split('e');
    return `${String(Number(m))}e${Number(e)}`;
  }
  return String(Number(x.toPrecision(6)));
}

const RESCALE = 'rescale the units';

/** One field's values (a number, or an hourly array: each entry with its own path). */
function entries(v: unknown, path: string): [string, number][] {
  if (isNum(v)) return [[path, v]];
  if (Array.isArray(v)) return v.flatMap((x, t): [string, number][] => (isNum(x) ? [[`${path}[${t}]`, x]] : []));
  return [];
}

/**
 * Per-field ceilings (and the floor of nonzero quantities) on whatever numbers are well formed;
 * one issue per field, at its first offending entry.
 */
export function fieldMagnitudeIssues(raw: Obj, out: ScenarioIssue[]): void {
  const L = NUMERIC_LIMITS;
  const check = (v: unknown, path: string, max: number, what: string, unit: string, name: keyof NumericLimits, floor = false): void => {
    const all = entries(v, path);
    const high = all.filter(([, x]) => x > max);
    const low = floor ? all.filter(([, x]) => x > 0 && x < L.minQuantity) : [];
    const more = (n: number) => (n > 1 ? ` (and ${n - 1} more ${n === 2 ? 'entry' : 'entries'} of this field)` : '');
    if (high.length > 0) {
      const [p, x] = high[0]!;
      out.push({
        path: p,
        rule: 'magnitude',
        message: `${formatMagnitude(x)} is above the ceiling ${formatMagnitude(max)} ${unit} for ${what} (NUMERIC_LIMITS.${name}): numbers this large cannot be solved faithfully in f64; ${RESCALE}${more(high.length)}`,
      });
    }
    if (low.length > 0) {
      const [p, x] = low[0]!;
      out.push({
        path: p,
        rule: 'magnitude',
        message: `${formatMagnitude(x)} is below the smallest nonzero quantity ${formatMagnitude(L.minQuantity)} units (NUMERIC_LIMITS.minQuantity), too small for the solvers' tolerances: use 0, or ${RESCALE} (a smaller unit for this class)${more(low.length)}`,
      });
    }
  };
  const money = (v: unknown, path: string, unit: string) => check(v, path, L.maxMoney, 'prices and costs', unit, 'maxMoney');
  list(raw.sites).forEach((s, i) => {
    if (!isObj(s)) return;
    const p = `sites[${i}]`;
    check(s.pue, `${p}.pue`, L.maxPue, 'PUE', '', 'maxPue');
    money(s.electricityPrice, `${p}.electricityPrice`, 'CNY/kWh');
    check(s.gridCarbon, `${p}.gridCarbon`, L.maxGridCarbon, 'grid carbon factors', 'kgCO2/kWh', 'maxGridCarbon');
    check(s.marginalCarbon, `${p}.marginalCarbon`, L.maxGridCarbon, 'grid carbon factors', 'kgCO2/kWh', 'maxGridCarbon');
    check(s.greenSupplyMW, `${p}.greenSupplyMW`, L.maxGreenSupplyMW, 'green supply', 'MW', 'maxGreenSupplyMW');
    for (const c of COMPUTE_CLASSES) {
      if (isObj(s.capacity)) check(s.capacity[c], `${p}.capacity.${c}`, L.maxQuantity, 'capacities', 'units per hour', 'maxQuantity', true);
      if (isObj(s.powerKW)) check(s.powerKW[c], `${p}.powerKW.${c}`, L.maxPowerKW, 'power per unit', 'kW', 'maxPowerKW');
      if (isObj(s.unitCost)) money(s.unitCost[c], `${p}.unitCost.${c}`, 'CNY per unit-hour');
    }
  });
  list(raw.links).forEach((l, i) => {
    if (!isObj(l)) return;
    money(l.costPerGB, `links[${i}].costPerGB`, 'CNY/GB');
    check(l.bandwidthGbps, `links[${i}].bandwidthGbps`, L.maxBandwidthGbps, 'bandwidth', 'Gbps', 'maxBandwidthGbps');
  });
  const demands = list(raw.demands);
  for (let i = 0; i < demands.length; i++) {
    const d = demands[i];
    if (!isObj(d)) continue;
    // The common case without a path string: a plain amount and data per unit inside the limits.
    const a = d.amount;
    const gb = d.dataGBPerUnit;
    if (isNum(a) && a <= L.maxQuantity && !(a > 0 && a < L.minQuantity) && (gb === undefined || (isNum(gb) && gb <= L.maxDataGBPerUnit)) && !isObj(d.window)) continue;
    const p = `demands[${i}]`;
    check(d.amount, `${p}.amount`, L.maxQuantity, 'amounts', 'units', 'maxQuantity', true);
    check(d.dataGBPerUnit, `${p}.dataGBPerUnit`, L.maxDataGBPerUnit, 'data per unit', 'GB', 'maxDataGBPerUnit');
    if (isObj(d.window)) check(d.window.maxPerHour, `${p}.window.maxPerHour`, L.maxQuantity, 'maxPerHour', 'units per hour', 'maxQuantity', true);
  }
  if (isObj(raw.prices)) {
    const pr = raw.prices;
    money(pr.carbonPerTonne, 'prices.carbonPerTonne', 'CNY/t');
    money(pr.transferPerGB, 'prices.transferPerGB', 'CNY/GB');
    if (isObj(pr.unmetPenalty)) for (const c of COMPUTE_CLASSES) money(pr.unmetPenalty[c], `prices.unmetPenalty.${c}`, 'CNY per unit');
    else money(pr.unmetPenalty, 'prices.unmetPenalty', 'CNY per unit');
  }
  if (isObj(raw.policy)) check(raw.policy.carbonCapTonnes, 'policy.carbonCapTonnes', L.maxCarbonCapTonnes, 'the carbon cap', 't', 'maxCarbonCapTonnes');
}

/** A value of a scenario and where it comes from, for messages. */
interface Located {
  value: number;
  path: string;
  /** How the value is made, e.g. `the total work (every amount over the horizon)`. */
  what: string;
}

/**
 * Scale rules on a valid scenario: nonzero effective capacities above the floor, the range of
 * quantities, the floor and range of cost coefficients, and the objective's scale.
 */
export function scaleIssues(sc: Scenario, out: ScenarioIssue[]): void {
  const L = NUMERIC_LIMITS;
  const H = sc.horizonHours;
  const mu = sc.policy?.maxUtilization ?? 1;
  const demanded = new Set<ComputeClass>(sc.demands.map((d) => d.class));

  // Quantities: the total work (the network's sink carries all of it), the largest single value,
  // and the smallest nonzero one.
  let total = 0;
  let largestAmount: Located | undefined;
  let smallest: Located | undefined;
  let largestCap: Located | undefined;
  // Paths are built only when a value becomes the smallest or largest (hourly arrays are long).
  const hourPath = (p: string, v: unknown, t: number) => (typeof v === 'number' ? p : `${p}[${t}]`);
  const small = (value: number, path: () => string, what: string) => {
    if (value > 0 && (!smallest || value < smallest.value)) smallest = { value, path: path(), what };
  };
  sc.demands.forEach((d, i) => {
    const p = () => `demands[${i}].amount`;
    // A number holds in every hour (or is a window's total); an array gives one value per hour.
    const n = typeof d.amount === 'number' ? 1 : H;
    for (let t = 0; t < n; t++) {
      const x = valueAt(d.amount, t);
      total += typeof d.amount === 'number' && !d.window ? x * H : x;
      if (!largestAmount || x > largestAmount.value) largestAmount = { value: x, path: hourPath(p(), d.amount, t), what: 'the largest amount' };
      if (x > 0 && (!smallest || x < smallest.value)) small(x, () => hourPath(p(), d.amount, t), 'amount');
    }
    if (d.window?.maxPerHour !== undefined) small(d.window.maxPerHour, () => `demands[${i}].window.maxPerHour`, 'maxPerHour');
  });
  let capFloor = false;
  sc.sites.forEach((s, i) => {
    for (const c of COMPUTE_CLASSES) {
      const cap = s.capacity[c];
      if (cap === undefined) continue;
      const p = `sites[${i}].capacity.${c}`;
      let flagged = false;
      for (let t = 0; t < (typeof cap === 'number' ? 1 : H); t++) {
        const eff = valueAt(cap, t) * mu;
        const what = mu < 1 ? 'capacity × policy.maxUtilization' : 'capacity';
        if (eff > 0 && eff < L.minQuantity && !flagged) {
          flagged = true;
          capFloor = true;
          out.push({
            path: hourPath(p, cap, t),
            rule: 'magnitude',
            message: `${what} = ${formatMagnitude(eff)} is below the smallest nonzero quantity ${formatMagnitude(L.minQuantity)} units (NUMERIC_LIMITS.minQuantity), too small for the solvers' tolerances: use 0, or ${RESCALE}`,
          });
        }
        small(eff, () => hourPath(p, cap, t), what);
        if (!largestCap || eff > largestCap.value) largestCap = { value: eff, path: hourPath(p, cap, t), what };
      }
    }
  });
  const largest: Located =
    largestCap && largestCap.value > total ? largestCap : { value: total, path: 'demands', what: 'the total work (every amount summed over the horizon)' };
  if (smallest && !capFloor && largest.value / smallest.value > L.maxQuantityRange) {
    out.push({
      path: smallest.path,
      rule: 'dynamic-range',
      message: `${smallest.what} ${formatMagnitude(smallest.value)} is ${formatMagnitude(largest.value / smallest.value)} times smaller than ${largest.what}, ${formatMagnitude(largest.value)}${largest.path === 'demands' ? '' : ` at ${largest.path}`}; the ratio may be at most ${formatMagnitude(L.maxQuantityRange)} (NUMERIC_LIMITS.maxQuantityRange) or the solvers' tolerances can lose such units: drop or merge negligible demands, shorten the horizon, or ${RESCALE} of the large ones`,
    });
  }

  // Cost coefficients per unit: site costs (per site, class and hour where the class is offered
  // and demanded), the dearest transfer per unit, and the penalties of demanded classes.
  const carbon = sc.prices.carbonPerTonne;
  let cheapest: Located | undefined;
  let dearest: Located | undefined;
  sc.sites.forEach((s, i) => {
    for (const c of COMPUTE_CLASSES) {
      const cap = s.capacity[c];
      if (cap === undefined || !demanded.has(c)) continue;
      const kWh = s.pue * (s.powerKW[c] ?? 0);
      const unit = s.unitCost[c] ?? 0;
      for (let t = 0; t < H; t++) {
        if (!(valueAt(cap, t) > 0)) continue;
        const price = valueAt(s.electricityPrice, t);
        const factor = valueAt(pricedCarbon(sc, s), t);
        const cost = unit + kWh * price + (carbon * kWh * factor) / 1000;
        const what = () => `the per-unit cost of ${c} at sites[${i}] ("${printable(s.id)}") in hour ${t} (unitCost ${formatMagnitude(unit)} + energy ${formatMagnitude(kWh * price)} + carbon ${formatMagnitude((carbon * kWh * factor) / 1000)})`;
        if (cost > 0 && (!cheapest || cost < cheapest.value)) cheapest = { value: cost, path: `sites[${i}]`, what: what() };
        if (!dearest || cost > dearest.value) dearest = { value: cost, path: `sites[${i}]`, what: what() };
      }
    }
  });
  // Dearest transfer per unit: data per unit × the dearest price per GB from the demand's origin.
  const linkMax = new Map<string, number>();
  for (const l of sc.links ?? []) if (l.costPerGB !== undefined) linkMax.set(l.from, Math.max(linkMax.get(l.from) ?? 0, l.costPerGB));
  const perGB = (i: number) => Math.max(sc.prices.transferPerGB, linkMax.get(sc.demands[i]!.origin) ?? 0);
  let hi = -1;
  let lo = -1;
  const tc = new Float64Array(sc.demands.length);
  sc.demands.forEach((d, i) => {
    const x = (d.dataGBPerUnit ?? 0) * perGB(i);
    tc[i] = x;
    if (hi < 0 || x > tc[hi]!) hi = i;
    if (x > 0 && (lo < 0 || x < tc[lo]!)) lo = i;
  });
  const transferAt = (i: number): Located => ({
    value: tc[i]!,
    path: `demands[${i}].dataGBPerUnit`,
    what: `the transfer cost per unit of demands[${i}] (dataGBPerUnit ${formatMagnitude(sc.demands[i]!.dataGBPerUnit ?? 0)} × ${formatMagnitude(perGB(i))} CNY/GB)`,
  });
  const transfer = hi >= 0 ? transferAt(hi) : undefined;
  const cheapTransfer = lo >= 0 ? transferAt(lo) : undefined;
  let top: Located | undefined;
  if (dearest) {
    const t = transfer?.value ?? 0;
    const main = transfer && t > dearest.value ? transfer : dearest;
    top = { value: dearest.value + t, path: main.path, what: t > 0 ? `${dearest.what} plus ${transfer!.what}` : dearest.what };
  }
  const pen = sc.prices.unmetPenalty;
  // Without unmet columns (allowUnmet: false) the penalty is no coefficient of the LP.
  for (const c of sc.policy?.allowUnmet === false ? [] : demanded) {
    const value = typeof pen === 'number' ? pen : (pen[c] ?? 0);
    if (!top || value > top.value) top = { value, path: typeof pen === 'number' ? 'prices.unmetPenalty' : `prices.unmetPenalty.${c}`, what: `the unmet penalty${typeof pen === 'number' ? '' : ` of ${c}`}` };
  }
  const bottom = cheapest ?? cheapTransfer;
  if (bottom && bottom.value < L.minUnitCost) {
    out.push({
      path: bottom.path,
      rule: 'magnitude',
      message: `${bottom.what} is ${formatMagnitude(bottom.value)} CNY, below the smallest nonzero per-unit cost ${formatMagnitude(L.minUnitCost)} CNY (NUMERIC_LIMITS.minUnitCost) that the solvers' tolerances resolve: make it 0 if it is meant to be free, or ${RESCALE} (a larger unit of work, or money in smaller units)`,
    });
  } else if (bottom && top && top.value / bottom.value > L.maxCostRange) {
    out.push({
      path: top.path,
      rule: 'dynamic-range',
      message: `${top.what} is ${formatMagnitude(top.value)} CNY, ${formatMagnitude(top.value / bottom.value)} times ${bottom.what} = ${formatMagnitude(bottom.value)} CNY; cost coefficients may span at most ${formatMagnitude(L.maxCostRange)} (NUMERIC_LIMITS.maxCostRange) or glpk's optimum drifts from the plan's own cost: lower the largest (a penalty this high is better written as policy.allowUnmet: false) or raise the cheapest; rescaling units does not change this ratio`,
    });
  }
  if (largestAmount && top && largestAmount.value * top.value > L.maxObjectiveScale) {
    out.push({
      path: largestAmount.path,
      rule: 'magnitude',
      message: `${formatMagnitude(largestAmount.value)} units at ${top.what} (${formatMagnitude(top.value)} CNY per unit) make an objective term of ${formatMagnitude(largestAmount.value * top.value)} CNY, above the ceiling ${formatMagnitude(L.maxObjectiveScale)} CNY (NUMERIC_LIMITS.maxObjectiveScale): ${RESCALE} (e.g. thousand racks, or thousand CNY)`,
    });
  }
}
