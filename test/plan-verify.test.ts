import { describe, expect, it } from 'vitest';
import { OptionsError } from '../src/errors.js';
import { valueAt } from '../src/scenario/hourly.js';
import { COMPUTE_CLASSES, type Scenario } from '../src/scenario/types.js';
import { recomputePlanTotals } from '../src/plan/recompute.js';
import type { Assignment, Plan, Unmet, Utilization } from '../src/plan/types.js';
import { verifyPlan, type VerifyResult, type ViolationRule } from '../src/plan/verify.js';

/*
 * Hand-built scenario, 3 hours.
 * Site A (west, Zhongwei): PUE 1.2, general 0.5 kW/unit → 0.6 kWh per unit; capacity 10 → usable 8;
 *   price 0.4, grid 0.6 kg/kWh, green supply [0.003, 0, 0.001] MW = [3, 0, 1] kWh; unit cost 2.
 * Site B (east, Wuhu): PUE 1.5, general 0.6 kW/unit → 0.9 kWh per unit; capacity [4, 4, 5] → usable
 *   [3.2, 3.2, 4]; price [0.5, 0.6, 0.7], grid 0.5, no green supply; unit cost 3.
 * Origin sh (Shanghai): link sh → A with latencyMs 20, costPerGB 0.1, 0.01 Gbps (4.5 GB per hour);
 *   sh → B by geography ≈ 4.42 ms.  Origin xa (Xi'an): xa → A ≈ 7.16 ms, xa → B ≈ 14.10 ms.
 * d1 "sh-web": interactive, general, [3, 5, 2] units, ≤ 30 ms, 2 GB/unit (A via link, B at default 0.05/GB).
 * d2 "xa-batch": windowed [0, 2), maxPerHour 4, 6 unit-hours, general, ≤ 10 ms (A only), no data.
 */
const scenario: Scenario = {
  version: 1,
  name: 'hand',
  horizonHours: 3,
  sites: [
    {
      id: 'A', name: 'Zhongwei', hub: 'Ningxia', region: 'west', lon: 105.13, lat: 37.32, pue: 1.2,
      capacity: { general: 10 }, powerKW: { general: 0.5 }, electricityPrice: 0.4, gridCarbon: 0.6,
      greenSupplyMW: [0.003, 0, 0.001], unitCost: { general: 2 }, minGreenShare: 0.5,
    },
    {
      id: 'B', name: 'Wuhu', hub: 'Yangtze River Delta', region: 'east', lon: 118.37, lat: 31.37, pue: 1.5,
      capacity: { general: [4, 4, 5] }, powerKW: { general: 0.6 }, electricityPrice: [0.5, 0.6, 0.7], gridCarbon: 0.5,
      unitCost: { general: 3 },
    },
  ],
  origins: [
    { id: 'sh', name: 'Shanghai', province: 'Shanghai', lon: 121.47, lat: 31.23 },
    { id: 'xa', name: "Xi'an", province: 'Shaanxi', lon: 108.94, lat: 34.34 },
  ],
  links: [{ from: 'sh', to: 'A', latencyMs: 20, costPerGB: 0.1, bandwidthGbps: 0.01 }],
  demands: [
    { id: 'd1', origin: 'sh', class: 'general', amount: [3, 5, 2], maxLatencyMs: 30, dataGBPerUnit: 2 },
    { id: 'd2', origin: 'xa', class: 'general', amount: 6, maxLatencyMs: 10, window: { release: 0, deadline: 2, maxPerHour: 4 } },
  ],
  prices: { carbonPerTonne: 100, unmetPenalty: { general: 50 }, transferPerGB: 0.05 },
  policy: { maxUtilization: 0.8, minGreenShare: 0.2, carbonCapTonnes: 0.005, allowUnmet: true },
};

const assignments: Assignment[] = [
  { demand: 'd1', site: 'A', hour: 0, amount: 1 },
  { demand: 'd1', site: 'B', hour: 0, amount: 2 },
  { demand: 'd2', site: 'A', hour: 0, amount: 3 },
  { demand: 'd1', site: 'A', hour: 1, amount: 2 },
  { demand: 'd1', site: 'B', hour: 1, amount: 3 },
  { demand: 'd2', site: 'A', hour: 1, amount: 2 },
  { demand: 'd1', site: 'B', hour: 2, amount: 1.5 },
];
// d1: hour 0: 1 + 2 = 3; hour 1: 2 + 3 = 5; hour 2: 1.5 + 0.5 unmet = 2. d2: 3 + 2 + 1 unmet = 6.
const unmet: Unmet[] = [
  { demand: 'd1', hour: 2, amount: 0.5 },
  { demand: 'd2', hour: null, amount: 1 },
];

/*
 * Hand computation.
 * Units: A = [1+3, 2+2, 0] = [4, 4, 0]; B = [2, 3, 1.5].
 * Energy A: E = 0.6·[4, 4, 0] = [2.4, 2.4, 0]; S = [3, 0, 1]; green = [2.4, 0, 0]; grid = [0, 2.4, 0];
 *   curtailed = [0.6, 0, 1].
 * Energy B: E = 0.9·[2, 3, 1.5] = [1.8, 2.7, 1.35], all grid.
 * compute  = 2·(4 + 4) + 3·(2 + 3 + 1.5) = 16 + 19.5 = 35.5
 * energy   = 0.4·(2.4 + 2.4) + 0.5·1.8 + 0.6·2.7 + 0.7·1.35 = 1.92 + 0.9 + 1.62 + 0.945 = 5.385
 * transfer = d1 at A: (1 + 2)·2 GB·0.1 = 0.6; d1 at B: (2 + 3 + 1.5)·2 GB·0.05 = 0.65 → 1.25
 * market t = (2.4·0.6 + (1.8 + 2.7 + 1.35)·0.5) / 1000 = (1.44 + 2.925) / 1000 = 0.004365
 * location t = (4.8·0.6 + 5.85·0.5) / 1000 = (2.88 + 2.925) / 1000 = 0.005805
 * carbon   = 100 · 0.004365 = 0.4365
 * unmet    = 50 · (0.5 + 1) = 75
 * objective = 35.5 + 5.385 + 1.25 + 0.4365 + 75 = 117.5715
 * Green share: 2.4 / (4.8 + 5.85) = 0.2254 ≥ 0.2; site A: 2.4 / 4.8 = 0.5 ≥ 0.5; 0.004365 t ≤ 0.005 t.
 * Bandwidth sh → A: hour 0: 1·2 = 2 GB, hour 1: 2·2 = 4 GB ≤ 4.5 GB.
 */
const utilization: Utilization[] = [
  { site: 'A', class: 'general', hour: 0, used: 4, capacity: 8, shadowPrice: 0 },
  { site: 'A', class: 'general', hour: 1, used: 4, capacity: 8, shadowPrice: 0 },
  { site: 'A', class: 'general', hour: 2, used: 0, capacity: 8, shadowPrice: 0 },
  { site: 'B', class: 'general', hour: 0, used: 2, capacity: 3.2, shadowPrice: 0 },
  { site: 'B', class: 'general', hour: 1, used: 3, capacity: 3.2, shadowPrice: 1.5 },
  { site: 'B', class: 'general', hour: 2, used: 1.5, capacity: 4, shadowPrice: 0 },
];

const solver = { backend: 'glpk', ms: 0, variables: 0, constraints: 0, lpObjective: null, reason: 'hand-written' } as const;

const handPlan: Plan = {
  status: 'optimal',
  message: 'hand-written',
  scenario: 'hand',
  horizonHours: 3,
  objective: 117.5715,
  costs: { compute: 35.5, energy: 5.385, transfer: 1.25, carbon: 0.4365, unmet: 75 },
  carbon: { locationTonnes: 0.005805, marketTonnes: 0.004365, accounting: 'market', signal: 'average', marginalTonnes: null, avoidedTonnes: null },
  assignments,
  unmet,
  utilization,
  energy: [
    { site: 'A', hour: 0, kWh: 2.4, greenKWh: 2.4, gridKWh: 0, curtailedKWh: 0.6 },
    { site: 'A', hour: 1, kWh: 2.4, greenKWh: 0, gridKWh: 2.4, curtailedKWh: 0 },
    { site: 'A', hour: 2, kWh: 0, greenKWh: 0, gridKWh: 0, curtailedKWh: 1 },
    { site: 'B', hour: 0, kWh: 1.8, greenKWh: 0, gridKWh: 1.8, curtailedKWh: 0 },
    { site: 'B', hour: 1, kWh: 2.7, greenKWh: 0, gridKWh: 2.7, curtailedKWh: 0 },
    { site: 'B', hour: 2, kWh: 1.35, greenKWh: 0, gridKWh: 1.35, curtailedKWh: 0 },
  ],
  conflicts: [],
  solver,
  presolve: { demands: 2, solved: 2, merged: 0 },
};

/** A plan whose derived fields are consistent with its assignments (so a mutation breaks one rule). */
function rebuild(sc: Scenario, as: readonly Assignment[], um: readonly Unmet[]): Plan {
  const totals = recomputePlanTotals(sc, as, um);
  const mu = sc.policy?.maxUtilization ?? 1;
  const util: Utilization[] = [];
  for (const site of sc.sites) {
    for (const cls of COMPUTE_CLASSES) {
      const cap = site.capacity[cls];
      if (cap === undefined) continue;
      for (let t = 0; t < sc.horizonHours; t++) {
        let used = 0;
        for (const a of as) {
          if (a.site === site.id && a.hour === t && sc.demands.find((d) => d.id === a.demand)?.class === cls) used += a.amount;
        }
        util.push({ site: site.id, class: cls, hour: t, used, capacity: valueAt(cap, t) * mu, shadowPrice: 0 });
      }
    }
  }
  return { ...handPlan, ...totals, horizonHours: sc.horizonHours, assignments: as, unmet: um, utilization: util };
}

/** Replaces the assignment of (demand, site, hour) by `amount` (0 removes it), or adds it. */
function withX(as: readonly Assignment[], demand: string, site: string, hour: number, amount: number): Assignment[] {
  const rest = as.filter((a) => !(a.demand === demand && a.site === site && a.hour === hour));
  return amount === 0 ? rest : [...rest, { demand, site, hour, amount }];
}

const rules = (r: VerifyResult): ViolationRule[] => r.violations.map((v) => v.rule);
const ruleSet = (r: VerifyResult): ViolationRule[] => [...new Set(rules(r))].sort();

describe('recomputePlanTotals', () => {
  const totals = recomputePlanTotals(scenario, assignments, unmet);

  it('matches the hand-computed costs, carbon and objective', () => {
    expect(totals.costs.compute).toBeCloseTo(35.5, 10);
    expect(totals.costs.energy).toBeCloseTo(5.385, 10);
    expect(totals.costs.transfer).toBeCloseTo(1.25, 10);
    expect(totals.costs.carbon).toBeCloseTo(0.4365, 10);
    expect(totals.costs.unmet).toBeCloseTo(75, 10);
    expect(totals.objective).toBeCloseTo(117.5715, 10);
    expect(totals.carbon.marketTonnes).toBeCloseTo(0.004365, 12);
    expect(totals.carbon.locationTonnes).toBeCloseTo(0.005805, 12);
    expect(totals.carbon.accounting).toBe('market');
  });

  it('lists every site-hour with energy or green supply, with the hand-computed split', () => {
    expect(totals.energy.map((e) => `${e.site}${e.hour}`)).toEqual(['A0', 'A1', 'A2', 'B0', 'B1', 'B2']);
    handPlan.energy.forEach((want, i) => {
      const got = totals.energy[i]!;
      for (const f of ['kWh', 'greenKWh', 'gridKWh', 'curtailedKWh'] as const) expect(got[f]).toBeCloseTo(want[f], 10);
    });
  });

  it('location − market tonnes = Σ green · gridCarbon / 1000', () => {
    // Only site A hour 0 has green energy: 2.4 kWh · 0.6 kg/kWh / 1000 = 0.00144 t.
    const gridCarbon: Record<string, number> = { A: 0.6, B: 0.5 };
    const greenTonnes = totals.energy.reduce((p, e) => p + (e.greenKWh * gridCarbon[e.site]!) / 1000, 0);
    expect(greenTonnes).toBeCloseTo(0.00144, 12);
    expect(totals.carbon.locationTonnes - totals.carbon.marketTonnes).toBeCloseTo(greenTonnes, 12);
  });

  it('prices location-based carbon when the policy says so', () => {
    const loc = recomputePlanTotals({ ...scenario, policy: { ...scenario.policy, carbonAccounting: 'location' } }, assignments, unmet);
    expect(loc.carbon.accounting).toBe('location');
    expect(loc.costs.carbon).toBeCloseTo(100 * 0.005805, 10); // 0.5805
    expect(loc.objective).toBeCloseTo(117.5715 - 0.4365 + 0.5805, 10);
  });

  it('takes a scalar unmet penalty, and 0 for a class missing from a per-class one', () => {
    const flat = recomputePlanTotals({ ...scenario, prices: { ...scenario.prices, unmetPenalty: 10 } }, assignments, unmet);
    expect(flat.costs.unmet).toBeCloseTo(15, 10); // 10 · 1.5
    const missing = recomputePlanTotals({ ...scenario, prices: { ...scenario.prices, unmetPenalty: { super: 9 } } }, assignments, unmet);
    expect(missing.costs.unmet).toBe(0);
  });

  it('with nothing placed still reports the green supply rows', () => {
    const empty = recomputePlanTotals(scenario, [], []);
    expect(empty.objective).toBe(0);
    expect(empty.energy).toEqual([
      { site: 'A', hour: 0, kWh: 0, greenKWh: 0, gridKWh: 0, curtailedKWh: 3 },
      { site: 'A', hour: 2, kWh: 0, greenKWh: 0, gridKWh: 0, curtailedKWh: 1 },
    ]);
  });

  it('throws RangeError on malformed entries', () => {
    expect(() => recomputePlanTotals(scenario, [{ demand: 'd1', site: 'C', hour: 0, amount: 1 }], [])).toThrow(RangeError);
    expect(() => recomputePlanTotals(scenario, [{ demand: 'dx', site: 'A', hour: 0, amount: 1 }], [])).toThrow(RangeError);
    expect(() => recomputePlanTotals(scenario, [{ demand: 'd1', site: 'A', hour: 3, amount: 1 }], [])).toThrow(RangeError);
    expect(() => recomputePlanTotals(scenario, [], [{ demand: 'dx', hour: 0, amount: 1 }])).toThrow(RangeError);
  });
});

describe('verifyPlan', () => {
  it('accepts the hand-written plan', () => {
    const r = verifyPlan(scenario, handPlan);
    expect(r.violations).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it('accepts the rebuilt plan (recompute and hand numbers agree within tolerance)', () => {
    expect(verifyPlan(scenario, rebuild(scenario, assignments, unmet)).violations).toEqual([]);
  });

  it('applies the tolerance relatively on large values and absolutely on small ones', () => {
    expect(verifyPlan(scenario, { ...handPlan, objective: 117.5715 * (1 + 5e-7) }).ok).toBe(true);
    expect(verifyPlan(scenario, { ...handPlan, objective: 117.5715 * (1 + 5e-6) }).ok).toBe(false);
    expect(verifyPlan(scenario, { ...handPlan, objective: 117.5715 * (1 + 5e-6) }, { tolerance: 1e-5 }).ok).toBe(true);
    // small values: absolute 1e-6
    const carbon = { ...handPlan.carbon!, marketTonnes: 0.004365 + 5e-7 };
    expect(verifyPlan(scenario, { ...handPlan, carbon }).ok).toBe(true);
  });

  it('rejects a bad tolerance option', () => {
    expect(() => verifyPlan(scenario, handPlan, { tolerance: -1 })).toThrow(OptionsError);
    expect(() => verifyPlan(scenario, handPlan, { tolerance: Number.NaN })).toThrow(OptionsError);
  });

  describe('reports exactly the broken rule', () => {
    const cases: [string, () => VerifyResult, ViolationRule, number][] = [
      [
        'over capacity (B hour 1: 3.5 > 3.2)',
        () => verifyPlan(scenario, rebuild(scenario, withX(withX(assignments, 'd1', 'B', 1, 3.5), 'd1', 'A', 1, 1.5), unmet)),
        'capacity', 1,
      ],
      [
        'latency-violating site (xa → B ≈ 14.1 ms > 10 ms)',
        () => verifyPlan(scenario, rebuild(scenario, withX(withX(assignments, 'd2', 'A', 1, 1.9), 'd2', 'B', 1, 0.1), unmet)),
        'latency', 1,
      ],
      [
        'link latency overrides geography (sh → A link 35 ms > 30 ms, though geography gives 24.7 ms)',
        () => {
          const sc: Scenario = { ...scenario, links: [{ ...scenario.links![0]!, latencyMs: 35 }] };
          return verifyPlan(sc, rebuild(sc, assignments, unmet));
        },
        'latency', 2,
      ],
      [
        'allowedSites',
        () => {
          const sc: Scenario = { ...scenario, demands: [{ ...scenario.demands[0]!, allowedSites: ['B'] }, scenario.demands[1]!] };
          return verifyPlan(sc, rebuild(sc, assignments, unmet));
        },
        'allowed-sites', 2,
      ],
      [
        'a site without capacity for the class',
        () => {
          const [a, b] = scenario.sites as [Scenario['sites'][0], Scenario['sites'][0]];
          const sc: Scenario = { ...scenario, sites: [a, { ...b, capacity: { intelligent: 4 } }] };
          return verifyPlan(sc, rebuild(sc, assignments, unmet));
        },
        'class-capacity', 3,
      ],
      [
        'wrong conservation (d1 hour 0: 1 + 2.5 ≠ 3)',
        () => verifyPlan(scenario, rebuild(scenario, withX(assignments, 'd1', 'B', 0, 2.5), unmet)),
        'demand-conservation', 1,
      ],
      [
        'wrong windowed conservation (d2: 5 + 2 ≠ 6)',
        () => verifyPlan(scenario, rebuild(scenario, assignments, [unmet[0]!, { demand: 'd2', hour: null, amount: 2 }])),
        'demand-conservation', 1,
      ],
      [
        'out-of-window hour (d2 at hour 2, deadline 2)',
        () => verifyPlan(scenario, rebuild(scenario, withX(withX(assignments, 'd2', 'A', 1, 0), 'd2', 'A', 2, 2), unmet)),
        'window', 1,
      ],
      [
        'maxPerHour exceeded (d2 hour 0: 5 > 4)',
        () => verifyPlan(scenario, rebuild(scenario, withX(withX(assignments, 'd2', 'A', 1, 0), 'd2', 'A', 0, 5), unmet)),
        'max-per-hour', 1,
      ],
      [
        'bandwidth exceeded (sh → A hour 0: 3 · 2 GB = 6 > 4.5 GB)',
        () => verifyPlan(scenario, rebuild(scenario, withX(withX(assignments, 'd1', 'A', 0, 3), 'd1', 'B', 0, 0), unmet)),
        'bandwidth', 1,
      ],
      [
        'carbon cap exceeded (0.004365 t > 0.004 t)',
        () => {
          const sc: Scenario = { ...scenario, policy: { ...scenario.policy, carbonCapTonnes: 0.004 } };
          return verifyPlan(sc, rebuild(sc, assignments, unmet));
        },
        'carbon-cap', 1,
      ],
      [
        'location-based carbon cap exceeded (0.005805 t > 0.005 t)',
        () => {
          const sc: Scenario = { ...scenario, policy: { ...scenario.policy, carbonAccounting: 'location' } };
          return verifyPlan(sc, rebuild(sc, assignments, unmet));
        },
        'carbon-cap', 1,
      ],
      [
        'green share missed (0.2254 < 0.3)',
        () => {
          const sc: Scenario = { ...scenario, policy: { ...scenario.policy, minGreenShare: 0.3 } };
          return verifyPlan(sc, rebuild(sc, assignments, unmet));
        },
        'min-green-share', 1,
      ],
      [
        'site green share missed (A: 0.5 < 0.6)',
        () => {
          const [a, b] = scenario.sites as [Scenario['sites'][0], Scenario['sites'][0]];
          const sc: Scenario = { ...scenario, sites: [{ ...a, minGreenShare: 0.6 }, b] };
          return verifyPlan(sc, rebuild(sc, assignments, unmet));
        },
        'site-min-green-share', 1,
      ],
      [
        'unmet with allowUnmet false',
        () => {
          const sc: Scenario = { ...scenario, policy: { ...scenario.policy, allowUnmet: false } };
          return verifyPlan(sc, rebuild(sc, assignments, unmet));
        },
        'unmet-not-allowed', 2,
      ],
      ['objective off by 1%', () => verifyPlan(scenario, { ...handPlan, objective: 117.5715 * 1.01 }), 'objective', 1],
      ['costs.energy off', () => verifyPlan(scenario, { ...handPlan, costs: { ...handPlan.costs!, energy: 5.395 } }), 'costs', 1],
      [
        'carbon.marketTonnes off',
        () => verifyPlan(scenario, { ...handPlan, carbon: { ...handPlan.carbon!, marketTonnes: 0.0044 } }),
        'carbon', 1,
      ],
      [
        'carbon.accounting wrong',
        () => verifyPlan(scenario, { ...handPlan, carbon: { ...handPlan.carbon!, accounting: 'location' } }),
        'carbon', 1,
      ],
      [
        'missing energy row (A hour 2: no energy but 1 kWh green supply)',
        () => verifyPlan(scenario, { ...handPlan, energy: handPlan.energy.filter((e) => !(e.site === 'A' && e.hour === 2)) }),
        'energy', 1,
      ],
      [
        'energy row with a wrong split',
        () => verifyPlan(scenario, { ...handPlan, energy: handPlan.energy.map((e) => (e.site === 'A' && e.hour === 0 ? { ...e, greenKWh: 2, gridKWh: 0.4 } : e)) }),
        'energy', 2,
      ],
      [
        'duplicate energy row',
        () => verifyPlan(scenario, { ...handPlan, energy: [...handPlan.energy, handPlan.energy[0]!] }),
        'energy', 1,
      ],
      [
        'utilization used wrong',
        () => verifyPlan(scenario, { ...handPlan, utilization: handPlan.utilization.map((u, i) => (i === 4 ? { ...u, used: 2.9 } : u)) }),
        'utilization', 1,
      ],
      [
        'utilization capacity not nominal × maxUtilization',
        () => verifyPlan(scenario, { ...handPlan, utilization: handPlan.utilization.map((u, i) => (i === 4 ? { ...u, capacity: 4 } : u)) }),
        'utilization', 1,
      ],
      [
        'utilization row missing where units are used',
        () => verifyPlan(scenario, { ...handPlan, utilization: handPlan.utilization.filter((_, i) => i !== 4) }),
        'utilization', 1,
      ],
      [
        'negative shadow price',
        () => verifyPlan(scenario, { ...handPlan, utilization: handPlan.utilization.map((u, i) => (i === 0 ? { ...u, shadowPrice: -1 } : u)) }),
        'utilization', 1,
      ],
      [
        'windowed unmet with an hour',
        () => verifyPlan(scenario, { ...handPlan, unmet: [unmet[0]!, { demand: 'd2', hour: 0, amount: 1 }] }),
        'hour-range', 1,
      ],
    ];
    it.each(cases)('%s', (_name, run, rule, count) => {
      const r = run();
      expect(r.ok).toBe(false);
      expect(ruleSet(r)).toEqual([rule]);
      expect(r.violations).toHaveLength(count);
    });
  });

  it('unknown site id', () => {
    const r = verifyPlan(scenario, { ...handPlan, assignments: assignments.map((a, i) => (i === 6 ? { ...a, site: 'C' } : a)) });
    expect(r.ok).toBe(false);
    const v = r.violations.find((x) => x.rule === 'unknown-site');
    expect(v).toMatchObject({ rule: 'unknown-site', demand: 'd1', site: 'C', hour: 2 });
    // The entry is then left out of every sum, so d1 hour 2 is no longer conserved.
    expect(rules(r)).toContain('demand-conservation');
  });

  it('unknown demand, hour out of range, negative and non-finite amounts', () => {
    const as: Assignment[] = [
      ...assignments,
      { demand: 'dx', site: 'A', hour: 0, amount: 0 },
      { demand: 'd1', site: 'A', hour: 3, amount: 0 },
      { demand: 'd1', site: 'A', hour: 0.5, amount: 0 },
    ];
    const r1 = verifyPlan(scenario, { ...handPlan, assignments: as });
    expect(ruleSet(r1)).toEqual(['hour-range', 'unknown-demand']);
    expect(rules(r1).filter((x) => x === 'hour-range')).toHaveLength(2);

    // d1 hour 2: 2.5 served − 0.5 unmet = 2: conserved, but negative.
    const neg = rebuild(scenario, withX(assignments, 'd1', 'B', 2, 2.5), [{ demand: 'd1', hour: 2, amount: -0.5 }, unmet[1]!]);
    expect(ruleSet(verifyPlan(scenario, neg))).toEqual(['negative']);
    // A tiny negative within tolerance is accepted.
    const tiny = withX(withX(assignments, 'd1', 'B', 2, 1.5 + 5e-7), 'd1', 'A', 2, -5e-7);
    expect(verifyPlan(scenario, rebuild(scenario, tiny, unmet)).ok).toBe(true);

    const nan = verifyPlan(scenario, { ...handPlan, unmet: [unmet[0]!, { demand: 'd2', hour: null, amount: Number.NaN }] });
    expect(rules(nan)).toContain('negative');
    const noHour = verifyPlan(scenario, { ...handPlan, unmet: [{ demand: 'd1', hour: null, amount: 0.5 }, unmet[1]!] });
    expect(ruleSet(noHour)).toEqual(['demand-conservation', 'hour-range']);
  });

  it('reports several violations at once', () => {
    const as = withX(withX(withX(withX(assignments, 'd1', 'B', 1, 3.5), 'd1', 'A', 1, 1.5), 'd2', 'A', 0, 2), 'd2', 'B', 0, 1);
    const sc: Scenario = { ...scenario, policy: { ...scenario.policy, allowUnmet: false, carbonCapTonnes: 0.004 } };
    const plan = rebuild(sc, as, unmet);
    const bad = [...as, { demand: 'd1', site: 'Z', hour: 0, amount: 1 }];
    const r = verifyPlan(sc, { ...plan, assignments: bad, objective: plan.objective! * 1.01 });
    expect(r.ok).toBe(false);
    for (const rule of ['unknown-site', 'capacity', 'latency', 'unmet-not-allowed', 'carbon-cap', 'objective'] as const) {
      expect(rules(r)).toContain(rule);
    }
    expect(rules(r).filter((x) => x === 'unmet-not-allowed')).toHaveLength(2);
  });

  it('accepts a plan-less outcome only without assignments and unmet', () => {
    const none: Plan = {
      ...handPlan, status: 'infeasible', objective: null, costs: null, carbon: null,
      assignments: [], unmet: [], utilization: [], energy: [],
    };
    expect(verifyPlan(scenario, none).ok).toBe(true);
    expect(verifyPlan(scenario, { ...none, status: 'time_limit' }).ok).toBe(true);
    expect(ruleSet(verifyPlan(scenario, { ...none, assignments }))).toEqual(['objective']);
    expect(ruleSet(verifyPlan(scenario, { ...none, unmet }))).toEqual(['objective']);
    expect(ruleSet(verifyPlan(scenario, { ...handPlan, status: 'infeasible' }))).toEqual(['carbon', 'costs', 'objective']);
  });

  it('checks a ~20k-assignment plan in O(n)', () => {
    const H = 24;
    const nSites = 20;
    const sites = Array.from({ length: nSites }, (_, i) => ({
      ...scenario.sites[1]!, id: `s${i}`, lon: 104 + i * 0.5, lat: 30 + (i % 5),
      capacity: { general: 1000, intelligent: 500 }, powerKW: { general: 0.5, intelligent: 2 }, unitCost: { general: 1, intelligent: 5 },
      electricityPrice: Array.from({ length: H }, (_, t) => 0.3 + 0.01 * t), gridCarbon: 0.55,
      greenSupplyMW: Array.from({ length: H }, (_, t) => (t % 3) * 0.05),
    }));
    const demands = Array.from({ length: 1000 }, (_, i) => ({
      id: `d${i}`, origin: i % 2 === 0 ? 'sh' : 'xa', class: i % 3 === 0 ? ('intelligent' as const) : ('general' as const),
      amount: 1 + (i % 7), maxLatencyMs: 1000, dataGBPerUnit: 0.5,
    }));
    const sc: Scenario = { ...scenario, sites, demands, links: [], horizonHours: H, policy: { maxUtilization: 0.9 } };
    const as: Assignment[] = [];
    for (const d of demands) {
      for (let t = 0; t < H; t++) as.push({ demand: d.id, site: `s${(Number(d.id.slice(1)) + t) % nSites}`, hour: t, amount: d.amount });
    }
    expect(as.length).toBe(24_000);
    const plan = rebuild(sc, as, []);
    const t0 = performance.now();
    const r = verifyPlan(sc, plan);
    const ms = performance.now() - t0;
    expect(r.violations).toEqual([]);
    expect(ms).toBeLessThan(5000);
  });
});
