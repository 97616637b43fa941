/**
 * Fuzz: seeded mutations of the built-in scenario. Every mutated scenario must give a
 * `ScenarioError` whose issues have paths, or a plan with a documented status; an `optimal` plan
 * must verify (and agree with glpk's objective to relative 1e-7). Never another exception, a hang
 * or an unverified "optimal". Most cases are validated only; a subset of a small cut of the
 * built-in day is solved with `auto` (the network simplex where the model is a network) and glpk.
 *
 * Reproduce one case: `SUANFLOW_FUZZ_SEED=<seed> npx vitest run test/fuzz-scenario.test.ts`
 * (each failure message names its seed, case number and mutations).
 */
import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../src/errors.js';
import type { Plan } from '../src/plan/types.js';
import { verifyPlan } from '../src/plan/verify.js';
import { scenarios } from '../src/datasets/index.js';
import type { Scenario } from '../src/scenario/types.js';
import { scenarioIssues, validateScenario } from '../src/scenario/validate.js';
import { solve } from '../src/solve/solve.js';
import { mulberry32 } from '../src/util/prng.js';
import { choose, DELETE, int, paths, update, type Json, type Path, type Rng } from './json-mutation.js';

const SEED = Number(process.env.SUANFLOW_FUZZ_SEED ?? 20261201);
/** `SUANFLOW_FUZZ_SCALE=10` runs ten times as many cases (for a longer hunt by hand). */
const SCALE = Number(process.env.SUANFLOW_FUZZ_SCALE ?? 1);
/** Validation-only cases: on the whole built-in day, and on a small cut of it (faster). */
const DAY_CASES = 300 * SCALE;
const CUT_CASES = 900 * SCALE;
/** Solved cases on the small cut (each solved twice: auto and glpk). */
const SOLVE_CASES = 250 * SCALE;
const STATUSES = ['optimal', 'infeasible', 'time_limit', 'aborted', 'numerical_error'];
const TOP_KEYS = new Set(['$schema', 'version', 'name', 'description', 'horizonHours', 'units', 'sites', 'origins', 'links', 'demands', 'prices', 'policy', 'scenario']);



/** Values that break types, finiteness, signs and scales. */
const ODD: readonly Json[] = [null, 'x', '', true, {}, [], Number.NaN, Infinity, -Infinity, -1, 0, -0, 1e308, 1e13, 5e12, 1e-300, 5e-324, 2 ** 53 + 2, 0.5, 8760, 8761];

/** One mutation of `sc` (a description and the new scenario); `numeric` keeps to numbers. */
function mutate(r: Rng, sc: Json, numeric: boolean): [string, Json] {
  const all = paths(sc);
  const nums = all.filter(([, v]) => typeof v === 'number');
  if (numeric) {
    const [p, v] = choose(r, nums);
    const k = choose(r, [-12, -9, -6, -3, -1, 1, 3, 6, 9, 12, 300]);
    const op = int(r, 4);
    const nv = op === 0 ? (v as number) * 10 ** k : op === 1 ? 0 : op === 2 ? choose(r, [1e-300, 1e-4, 1e-3, 2e-3, 0.1, 1e5, 1e6, 1e9, 9.9e11, 1e12, 1e13, 1e308]) : (v as number) * (1 + r());
    return [`${p.join('.')} ${String(v)} → ${String(nv)}`, update(sc, p, () => nv)];
  }
  const [p, v] = choose(r, all);
  const where = p.join('.');
  const last = p[p.length - 1];
  switch (int(r, 12)) {
    case 0:
      return [`delete ${where}`, update(sc, p, () => DELETE)];
    case 1: {
      const nv = choose(r, ODD);
      return [`${where} = ${JSON.stringify(nv) ?? String(nv)}`, update(sc, p, () => nv)];
    }
    case 2:
      return typeof v === 'number' ? [`negate ${where}`, update(sc, p, () => -v)] : [`${where} = NaN`, update(sc, p, () => Number.NaN)];
    case 3: {
      // Wrong-length hourly arrays (or any array): drop, add or empty.
      const arrays = all.filter(([, x]) => Array.isArray(x));
      const [ap, av] = choose(r, arrays);
      const a = av as Json[];
      const how = int(r, 3);
      const nv = how === 0 ? a.slice(1) : how === 1 ? [...a, a[0] ?? 1] : [];
      return [`${ap.join('.')} length ${a.length} → ${nv.length}`, update(sc, ap, () => nv)];
    }
    case 4: {
      const objs = all.filter(([, x]) => typeof x === 'object' && x !== null && !Array.isArray(x));
      const [op] = choose(r, objs);
      return [`unknown key at ${op.join('.')}`, update(sc, op, (o) => ({ ...(o as object), extraKey: 1 }))];
    }
    case 5: {
      // Duplicate id: copy another element's id, or push a copy of an element.
      const list = choose(r, ['sites', 'origins', 'demands'] as const);
      const items = (sc as Record<string, Json[]>)[list]!;
      if (!Array.isArray(items) || items.length < 2) return [`noop`, sc];
      const i = int(r, items.length);
      if (r() < 0.5) return [`duplicate ${list}[${i}]`, update(sc, [list], (a) => [...(a as Json[]), items[i]])];
      const j = (i + 1) % items.length;
      return [`${list}[${j}].id = ${list}[${i}].id`, update(sc, [list, j, 'id'], () => (items[i] as Record<string, Json>).id)];
    }
    case 6: {
      // Dangling references.
      const refs = all.filter(([q]) => ['origin', 'from', 'to'].includes(String(q[q.length - 1])) || q.includes('allowedSites'));
      if (refs.length === 0) return ['noop', sc];
      const [rp] = choose(r, refs);
      return [`${rp.join('.')} → "nowhere"`, update(sc, rp, () => 'nowhere')];
    }
    case 7: {
      const k = choose(r, ['sites', 'origins', 'demands', 'links']);
      return [`${k} = []`, update(sc, [k], () => [])];
    }
    case 8: {
      const h = choose(r, [0, 1, 2, 23, 25, 8760, 8761, 2.5, -1]);
      return [`horizonHours = ${h}`, update(sc, ['horizonHours'], () => h)];
    }
    case 9: {
      // Windows out of order or outside the horizon, allowedSites and links added.
      const ds = (sc as { demands?: Json[] }).demands;
      if (!Array.isArray(ds) || ds.length === 0) return ['noop', sc];
      const i = int(r, ds.length);
      const w = choose(r, [{ release: 5, deadline: 2 }, { release: 0, deadline: 999 }, { release: 30, deadline: 31 }, { release: 0, deadline: 2, maxPerHour: 1e-300 }, { release: 0, deadline: 3, maxPerHour: 0 }]);
      if (r() < 0.4) return [`demands[${i}].window = ${JSON.stringify(w)}`, update(sc, ['demands', i, 'window'], () => w)];
      if (r() < 0.5) return [`demands[${i}].allowedSites = []`, update(sc, ['demands', i, 'allowedSites'], () => [])];
      const d = ds[i] as Record<string, Json>;
      const site = ((sc as { sites?: Record<string, Json>[] }).sites ?? [])[0]?.id ?? 'x';
      const link = choose(r, [{ latencyMs: 0 }, { costPerGB: 1e308 }, { bandwidthGbps: 0 }, { bandwidthGbps: 1e-300 }, { costPerGB: 0.5, bandwidthGbps: 2 }, { latencyMs: 1e308 }]);
      return [`link ${String(d.origin)} → ${String(site)} ${JSON.stringify(link)}`, update(sc, ['links'], (ls) => [...(Array.isArray(ls) ? ls : []), { from: d.origin, to: site, ...link }])];
    }
    case 10:
      return policyMutation(r, sc);
    default:
      return typeof last === 'string' && typeof v === 'number' ? [`${where} = "${v}"`, update(sc, p, () => String(v))] : [`retype ${where}`, update(sc, p, () => (Array.isArray(v) ? {} : [v]))];
  }
}

/** Policy rows: hard demand (infeasible outcomes), green shares, carbon caps, accounting. */
function policyMutation(r: Rng, sc: Json): [string, Json] {
  const pol = choose(r, [{ allowUnmet: false }, { minGreenShare: 0.5 }, { minGreenShare: 1 }, { carbonCapTonnes: 0 }, { carbonCapTonnes: 500 }, { carbonAccounting: 'location' }, { maxUtilization: 1e-6 }, { allowUnmet: false, maxUtilization: 0.5 }]);
  return [`policy += ${JSON.stringify(pol)}`, update(sc, ['policy'], (p0) => ({ ...(typeof p0 === 'object' && p0 !== null ? p0 : {}), ...pol }))];
}

/** `sc` with 1–3 mutations; the description lists them. */
function mutated(r: Rng, sc: Json, numeric: boolean): [string, Json] {
  let cur = sc;
  const what: string[] = [];
  for (let k = 1 + int(r, 3); k > 0; k--) {
    const [w, next] = mutate(r, cur, numeric || r() < 0.3);
    what.push(w);
    cur = next;
  }
  return [what.join('; '), cur];
}

/** A ScenarioError must list issues, each with a path (rooted at a scenario key), rule and message. */
function checkError(e: unknown, input: Json, where: string): void {
  if (!(e instanceof ScenarioError)) throw new Error(`${where}: threw ${String((e as Error)?.name)}: ${String((e as Error)?.message)}`);
  expect(e.issues.length, where).toBeGreaterThan(0);
  const keys = typeof input === 'object' && input !== null ? Object.keys(input) : [];
  for (const i of e.issues) {
    expect(typeof i.path === 'string' && i.path.length > 0, `${where}: issue without a path ${JSON.stringify(i)}`).toBe(true);
    expect(i.rule.length > 0 && i.message.length > 0, `${where}: ${JSON.stringify(i)}`).toBe(true);
    const head = /^[^.[]+/.exec(i.path)?.[0] ?? '';
    expect(TOP_KEYS.has(head) || keys.includes(head), `${where}: path ${i.path}`).toBe(true);
  }
}

/** The built-in day cut to `hours` hours and every `step`-th demand (windows fit the cut). */
function cut(sc: Scenario, hours: number, step: number, green: boolean): Scenario {
  const h = <T>(v: T): T => (Array.isArray(v) ? (v.slice(0, hours) as T) : v);
  return {
    ...sc,
    horizonHours: hours,
    sites: sc.sites.map((s) => {
      const { greenSupplyMW, ...rest } = s;
      const capacity = Object.fromEntries(Object.entries(s.capacity).map(([c, v]) => [c, h(v)]));
      return { ...rest, capacity, electricityPrice: h(s.electricityPrice), gridCarbon: h(s.gridCarbon), ...(green && greenSupplyMW !== undefined ? { greenSupplyMW: h(greenSupplyMW) } : {}) };
    }),
    demands: sc.demands
      .filter((_, i) => i % step === 0)
      .map((d) =>
        d.window
          ? { ...d, amount: Math.round(((d.amount as number) * hours) / 24), window: { ...d.window, release: 0, deadline: hours } }
          : { ...d, amount: h(d.amount) },
      ),
  };
}

/** The small cuts: 3 hours, every 6th demand; without green supply (a network) and with it (glpk). */
const SMALL = [cut(scenarios.eastDataWestComputing, 3, 6, false), cut(scenarios.eastDataWestComputing, 3, 6, true)];

const relDiff = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(a), Math.abs(b));

describe(`fuzz: seeded mutations of the built-in scenario (seed ${SEED})`, () => {
  it(`${DAY_CASES + CUT_CASES} mutations (${DAY_CASES} of the whole day): a ScenarioError with paths, or a valid scenario`, () => {
    const r = mulberry32(SEED);
    let invalid = 0;
    const t0 = performance.now();
    for (let n = 0; n < DAY_CASES + CUT_CASES; n++) {
      const base = (n < DAY_CASES ? scenarios.eastDataWestComputing : SMALL[n % 2]!) as Json;
      const [what, sc] = mutated(r, base, false);
      const where = `seed ${SEED} case ${n} (${n < DAY_CASES ? 'day' : 'cut'}): ${what}`;
      const t = performance.now();
      let issues;
      try {
        issues = scenarioIssues(sc);
      } catch (e) {
        throw new Error(`${where}: scenarioIssues threw ${String(e)}`);
      }
      try {
        validateScenario(sc);
        expect(issues, where).toEqual([]);
      } catch (e) {
        checkError(e, sc, where);
        invalid++;
      }
      expect(performance.now() - t, `${where}: validation took too long`).toBeLessThan(5000);
    }
    // The mutations must mostly break something, or the fuzz tests nothing.
    expect(invalid).toBeGreaterThan((DAY_CASES + CUT_CASES) / 2);
    console.log(`fuzz: ${DAY_CASES + CUT_CASES} validations, ${invalid} invalid, ${(performance.now() - t0).toFixed(0)} ms`);
  }, 120_000);

  it(`${SOLVE_CASES} mutations of a small cut solved with auto and glpk: documented statuses, optimal plans verify and agree`, async () => {
    const r = mulberry32(SEED ^ 0x5eed);
    const bases = SMALL;
    for (const b of bases) expect(scenarioIssues(b)).toEqual([]);
    let optimal = 0;
    let rejected = 0;
    const seen = new Map<string, number>();
    const t0 = performance.now();
    for (let n = 0; n < SOLVE_CASES; n++) {
      const base = bases[n % 2]!;
      const [w0, withPolicy] = r() < 0.3 ? policyMutation(r, base) : ['', base];
      const [w1, sc] = mutated(r, withPolicy, r() < 0.8);
      const what = w0 ? `${w0}; ${w1}` : w1;
      const where = `seed ${SEED} solve case ${n} (${n % 2 ? 'green' : 'network'}): ${what}`;
      const plans: Plan[] = [];
      for (const backend of ['auto', 'glpk'] as const) {
        let plan: Plan;
        try {
          plan = await solve(structuredClone(sc) as Scenario, { backend, timeLimitSeconds: 20 });
        } catch (e) {
          checkError(e, sc, `${where} [${backend}]`);
          rejected++;
          break;
        }
        expect(STATUSES, `${where} [${backend}]`).toContain(plan.status);
        const key = `${plan.solver.backend} ${plan.status}`;
        seen.set(key, (seen.get(key) ?? 0) + 1);
        if (plan.status === 'optimal') {
          expect(verifyPlan(sc as Scenario, plan).violations, `${where} [${backend} → ${plan.solver.backend}]`).toEqual([]);
          optimal++;
        }
        plans.push(plan);
      }
      const [a, g] = plans;
      if (a?.status === 'optimal' && g?.status === 'optimal') {
        expect(relDiff(a.objective!, g.objective!), `${where}: ${a.solver.backend} ${a.objective} vs glpk ${g.objective}`).toBeLessThanOrEqual(1e-7);
      }
    }
    // Enough cases must reach a solver for the property to mean something.
    expect(optimal).toBeGreaterThanOrEqual(SOLVE_CASES / 2);
    const outcomes = [...seen].map(([k, v]) => `${k} ${v}`).join(', ');
    console.log(`fuzz: ${SOLVE_CASES} solve cases, ${rejected} rejected, ${optimal} optimal plans verified (${outcomes}), ${(performance.now() - t0).toFixed(0)} ms`);
  }, 120_000);
});
