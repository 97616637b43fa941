// The demo's pure parts in Node: URL state round trip and its problems, the control edits, the
// outage hook and the stranded-demand split (against the library's own validation).
import { describe, expect, it } from 'vitest';
import { scenarioIssues, scenarios, solve, verifyPlan } from '../src/index.js';
import { applyControls, applyWhatIf, effectiveScenario, splitStranded } from '../demo/src/edit.js';
import { defaultState, parseState, stateToParams } from '../demo/src/state.js';

const day = scenarios.eastDataWestComputing;

describe('demo URL state', () => {
  it('round-trips every parameter, and the defaults give an empty query', () => {
    expect(stateToParams(defaultState()).toString()).toBe('');
    const q = 'scenario=greenHubs&carbonPrice=250&latencyScale=1.5&minGreenShare=0.4&demandScale.general=0.5&demandScale.intelligent=1.2&demandScale.super=2&offline=wuhu%2Czhongwei&hour=7&backend=glpk';
    const { state, problems } = parseState(new URLSearchParams(q));
    expect(problems).toEqual([]);
    expect(state).toEqual({ scenario: 'greenHubs', carbonPrice: 250, latencyScale: 1.5, minGreenShare: 0.4, demandScale: { general: 0.5, intelligent: 1.2, super: 2 }, offline: ['wuhu', 'zhongwei'], hour: 7, backend: 'glpk' });
    expect(parseState(stateToParams(state)).state).toEqual(state);
  });

  it('names every value it cannot use, and keeps the default for it', () => {
    const { state, problems } = parseState(new URLSearchParams('scenario=moon&carbonPrice=abc&latencyScale=99&hour=1.5&backend=cplex&colour=red'));
    expect(state).toEqual(defaultState());
    expect(problems).toHaveLength(6);
    expect(problems.join('\n')).toMatch(/unknown URL parameter "colour"/);
    expect(problems.join('\n')).toMatch(/scenario: "moon"/);
    expect(problems.join('\n')).toMatch(/backend: "cplex"/);
  });

  it('the week starts on decompose (glpk.js takes tens of seconds on 168 hours)', () => {
    expect(parseState(new URLSearchParams('scenario=week')).state.backend).toBe('decompose');
    expect(stateToParams(parseState(new URLSearchParams('scenario=week')).state).toString()).toBe('scenario=week');
  });
});

describe('demo scenario edits', () => {
  it('applies carbon price, latency tier, green share and demand scale to a copy', () => {
    const s = { ...defaultState(), carbonPrice: 300, latencyScale: 2, minGreenShare: 0.5, demandScale: { general: 0.5, intelligent: 1, super: 3 } };
    const sc = applyControls(day, s);
    expect(sc.prices.carbonPerTonne).toBe(300);
    expect(sc.policy?.minGreenShare).toBe(0.5);
    const d0 = day.demands.find((d) => d.class === 'general')!;
    const e0 = sc.demands.find((d) => d.id === d0.id)!;
    expect(e0.maxLatencyMs).toBe(d0.maxLatencyMs * 2);
    expect((e0.amount as number[])[5]).toBeCloseTo((d0.amount as number[])[5]! * 0.5, 9);
    expect(day.prices.carbonPerTonne).toBe(90); // the input is unchanged
    expect(scenarioIssues(sc)).toEqual([]);
  });

  it('an outage takes every class of the site to 0 and names unknown ids', () => {
    const { scenario, unknown } = applyWhatIf(day, { offline: ['guian', 'atlantis'] });
    expect(unknown).toEqual(['atlantis']);
    const g = scenario.sites.find((s) => s.id === 'guian')!;
    expect(Object.values(g.capacity).every((c) => c === 0)).toBe(true);
    expect(Object.keys(g.capacity).sort()).toEqual(Object.keys(day.sites.find((s) => s.id === 'guian')!.capacity).sort());
  });

  it('demands an outage strands are split off with their penalty, and the rest solves to a plan that passes verifyPlan', async () => {
    const edited = effectiveScenario(day, { ...defaultState(), offline: ['zhongwei'] }).scenario;
    const issues = scenarioIssues(edited);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.every((i) => i.rule === 'unservable')).toBe(true);
    const { ok, scenario, stranded } = splitStranded(edited, issues, ['zhongwei']);
    expect(ok).toBe(true);
    expect(stranded).toHaveLength(issues.length);
    expect(scenario.demands).toHaveLength(day.demands.length - stranded.length);
    for (const d of stranded) {
      const orig = day.demands.find((x) => x.id === d.id)!;
      const sum = (orig.amount as number[]).reduce((a, b) => a + b, 0);
      expect(d.unitHours).toBeCloseTo(sum, 6);
      expect(d.penalty).toBeCloseTo(sum * (day.prices.unmetPenalty as Record<string, number>)[d.class]!, 3);
    }
    expect(scenarioIssues(scenario)).toEqual([]);
    const plan = await solve(scenario);
    expect(plan.status).toBe('optimal');
    expect(verifyPlan(scenario, plan).ok).toBe(true);
    expect(plan.assignments.filter((a) => a.site === 'zhongwei' && a.amount > 0)).toEqual([]);
  });

  it('other validation issues are not split off (ok false), nor are unservable demands without an outage', () => {
    const bad = { ...day, sites: day.sites.map((s, i) => (i === 0 ? { ...s, pue: 0.5 } : s)) };
    expect(splitStranded(bad, scenarioIssues(bad), ['zhongwei']).ok).toBe(false);
    const tight = applyControls(day, { ...defaultState(), latencyScale: 0.5 });
    const issues = scenarioIssues(tight);
    expect(issues.length).toBeGreaterThan(0);
    expect(splitStranded(tight, issues, []).ok).toBe(false);
  });
});
