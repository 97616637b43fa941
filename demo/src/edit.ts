/**
 * The controls applied to a scenario: a new scenario, the input unchanged. Pure data edits (no
 * solver code), shared by the worker and the tests (which solve the same scenario in Node).
 */
import type { Demand, Scenario, Site } from '../../src/scenario/types.js';
import type { DemoState } from './state.js';

/** Carbon price, latency tier, minimum green share and per-class demand scale. */
export function applyControls(base: Scenario, s: Pick<DemoState, 'carbonPrice' | 'latencyScale' | 'minGreenShare' | 'demandScale'>): Scenario {
  const scale = (d: Demand): Demand => {
    const f = s.demandScale[d.class];
    const amount = f === 1 ? d.amount : typeof d.amount === 'number' ? d.amount * f : d.amount.map((a) => a * f);
    return { ...d, amount, maxLatencyMs: d.maxLatencyMs * s.latencyScale };
  };
  const policy = { ...(base.policy ?? {}) };
  if (s.minGreenShare !== undefined && s.minGreenShare > 0) policy.minGreenShare = s.minGreenShare;
  return {
    ...base,
    prices: { ...base.prices, carbonPerTonne: s.carbonPrice ?? base.prices.carbonPerTonne },
    policy,
    demands: base.demands.map(scale),
  };
}

/**
 * The what-if hook: every "what if the network changes" edit goes through this one function.
 * Today: each offline site's capacity goes to 0 for every class and hour (an outage). This is where
 * the library's `whatIf` cases, replicas and N-1-secure plans plug in when they land (add the case
 * to `WhatIf` and turn it into the scenario edit or solve option here). Unknown site ids are
 * returned in `unknown` so the page can say so.
 */
export interface WhatIf {
  /** Site ids taken offline. */
  readonly offline: readonly string[];
}

export function applyWhatIf(sc: Scenario, w: WhatIf): { scenario: Scenario; unknown: string[] } {
  const ids = new Set(sc.sites.map((s) => s.id));
  const unknown = w.offline.filter((id) => !ids.has(id));
  const off = new Set(w.offline);
  if (off.size === 0) return { scenario: sc, unknown };
  const sites = sc.sites.map((site): Site => {
    if (!off.has(site.id)) return site;
    const capacity: Record<string, number> = {};
    for (const c of Object.keys(site.capacity)) capacity[c] = 0;
    return { ...site, capacity };
  });
  return { scenario: { ...sc, sites }, unknown };
}

/** The scenario the demo solves for a state: controls, then the what-if. */
export function effectiveScenario(base: Scenario, s: DemoState): { scenario: Scenario; unknown: string[] } {
  return applyWhatIf(applyControls(base, s), { offline: s.offline });
}

/** A demand that an outage leaves with no site within its latency limit (reported, not solved). */
export interface StrandedDemand {
  readonly id: string;
  readonly origin: string;
  readonly class: Demand['class'];
  /** Unit-hours it asks for over the horizon (all unmet while the outage lasts). */
  readonly unitHours: number;
  /** Its unmet penalty, CNY (`prices.unmetPenalty` × unit-hours), not part of the solved objective. */
  readonly penalty: number;
}

/**
 * Splits off the demands an outage strands. `issues` are the library's validation issues of the
 * edited scenario (`scenarioIssues`): when every one is the `unservable` rule on a demand's
 * `maxLatencyMs` and sites are offline, those demands cannot run anywhere during the outage, so
 * they are taken out of the solved scenario and returned in `stranded` (the page lists them with
 * their unmet penalty). Any other issue: `ok` false, and the caller reports the issues.
 */
export function splitStranded(sc: Scenario, issues: readonly { path: string; rule: string }[], offline: readonly string[]): { ok: boolean; scenario: Scenario; stranded: StrandedDemand[] } {
  if (issues.length === 0) return { ok: true, scenario: sc, stranded: [] };
  const idx = new Set<number>();
  for (const i of issues) {
    const m = /^demands\[(\d+)\]\.maxLatencyMs$/.exec(i.path);
    if (i.rule !== 'unservable' || !m || offline.length === 0) return { ok: false, scenario: sc, stranded: [] };
    idx.add(Number(m[1]));
  }
  const penaltyOf = (cls: Demand['class']) => (typeof sc.prices.unmetPenalty === 'number' ? sc.prices.unmetPenalty : (sc.prices.unmetPenalty[cls] ?? 0));
  const stranded = [...idx].sort((a, b) => a - b).map((i): StrandedDemand => {
    const d = sc.demands[i] as Demand;
    const unitHours = typeof d.amount === 'number' ? (d.window ? d.amount : d.amount * sc.horizonHours) : d.amount.reduce((a, b) => a + b, 0);
    return { id: d.id, origin: d.origin, class: d.class, unitHours, penalty: unitHours * penaltyOf(d.class) };
  });
  return { ok: true, scenario: { ...sc, demands: sc.demands.filter((_, i) => !idx.has(i)) }, stranded };
}
