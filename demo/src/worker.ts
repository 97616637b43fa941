/// <reference lib="webworker" />
/**
 * The solver worker: the only module of the demo that imports suanflow (dist/browser.js), so the
 * built site holds one copy of the solvers. The page runs it in up to five instances (the exact
 * solve, the quick pass drawn first, the comparison, studies, utilities); a request superseded
 * while in flight is cancelled by terminating the instance (see client.ts).
 */
import {
  applyCalibration,
  calibrate,
  eastDataWestComputingWeek,
  paretoFrontier,
  scenarioIssues,
  scenarios,
  solve,
  validateScenario,
  type Scenario,
} from 'suanflow';
import { compareWithOptimum } from './compare.js';
import { applyControls, effectiveScenario, splitStranded } from './edit.js';
import type { Reply, Request, ScenarioView, Source } from './protocol.js';
import type { BuiltinName } from './state.js';

/** The quick pass's proved-gap target (the exact plan follows it). */
const QUICK_GAP = 0.005;

declare const self: DedicatedWorkerGlobalScope;

let week: Scenario | undefined;
function builtin(name: BuiltinName): Scenario {
  if (name === 'day') return scenarios.eastDataWestComputing;
  if (name === 'greenHubs') return scenarios.greenHubs;
  week ??= eastDataWestComputingWeek();
  return week;
}
const baseOf = (src: Source): Scenario => ('builtin' in src ? builtin(src.builtin) : src.custom);

function view(sc: Scenario): ScenarioView {
  const demands: Record<string, ScenarioView['demands'][string]> = {};
  for (const d of sc.demands) demands[d.id] = { origin: d.origin, class: d.class };
  return {
    name: sc.name ?? 'scenario',
    horizonHours: sc.horizonHours,
    units: { ...(sc.units ?? {}) },
    sites: sc.sites.map((s) => ({ id: s.id, name: s.name, hub: s.hub, region: s.region, lon: s.lon, lat: s.lat, gridCarbon: s.gridCarbon, classes: (Object.keys(s.capacity) as ScenarioView['sites'][number]['classes']) })),
    origins: sc.origins.map((o) => ({ id: o.id, name: o.name, province: o.province, lon: o.lon, lat: o.lat, ...(o.region ? { region: o.region } : {}) })),
    demands,
  };
}

const post = (r: Reply) => self.postMessage(r);

/** Signals of the solves in flight, by generation (an `abort` request fires one). */
const inFlight = new Map<number, AbortController>();

async function handle(req: Request): Promise<void> {
  switch (req.type) {
    case 'solve': {
      const t0 = performance.now();
      // The page's base (as given) keeps the unscaled scenario for the view; edits go on a copy.
      // Invalid before any outage (e.g. a latency tier no site can meet): every issue, with its path.
      const controlled = applyControls(baseOf(req.source), req.state);
      if (req.state.offline.length > 0 && scenarioIssues(controlled).length > 0) validateScenario(controlled);
      const edited = effectiveScenario(baseOf(req.source), req.state);
      // Demands an outage leaves with no site in reach are listed, not solved (see splitStranded).
      const split = splitStranded(edited.scenario, scenarioIssues(edited.scenario), req.state.offline);
      if (!split.ok) validateScenario(edited.scenario); // throws the ScenarioError with every path
      const scenario = split.scenario;
      if (req.pass === 'quick') {
        // The plan drawn first (progressive refinement): decompose's, with its proved gap. Where it
        // has none to offer, the exact pass alone draws (it is then about as fast).
        let plan;
        const abort = new AbortController();
        inFlight.set(req.gen, abort);
        try {
          // A preview within 0.5% (issue 14's tolerance for decompose): 1–3 rounds, ~60 ms on the day
          // in Node, where decompose's default 0.1% can take its 100 rounds at higher carbon prices.
          plan = await solve(scenario, { backend: 'decompose', gapTolerance: QUICK_GAP, signal: abort.signal });
        } catch (e) {
          post({ type: 'quick-skipped', gen: req.gen, reason: `${(e as Error).name}: ${(e as Error).message}` });
          return;
        } finally {
          inFlight.delete(req.gen);
        }
        if (abort.signal.aborted) return; // superseded: the page no longer wants it
        if (plan.solver.backend !== 'decompose' || plan.objective === null) {
          post({ type: 'quick-skipped', gen: req.gen, reason: plan.objective === null ? `decompose: ${plan.status}` : 'the model is a network: the exact plan comes directly' });
          return;
        }
        post({ type: 'plan', gen: req.gen, pass: 'quick', plan, view: view(edited.scenario), scenario, unknownOffline: edited.unknown, stranded: split.stranded, wallMs: performance.now() - t0 });
        return;
      }
      const plan = await solve(scenario, { backend: req.state.backend });
      post({ type: 'plan', gen: req.gen, pass: 'exact', plan, view: view(edited.scenario), scenario, unknownOffline: edited.unknown, stranded: split.stranded, wallMs: performance.now() - t0 });
      return;
    }
    case 'compare': {
      // The baselines (nearest, cost-only) beside the optimum, on a worker of their own (the solver
      // worker stays free, and warm, for the next change); the optimum is not solved again.
      const comparison = await compareWithOptimum(req.scenario, req.plan, req.state.backend);
      post({ type: 'compare', gen: req.gen, comparison });
      return;
    }
    case 'pareto': {
      // One paretoFrontier call per latency factor, so the page can show how far it has come.
      const { scenario } = effectiveScenario(baseOf(req.source), req.state);
      const frontiers = [];
      let ms = 0;
      let last;
      for (const [i, f] of req.latencyScales.entries()) {
        post({ type: 'pareto-progress', gen: req.gen, done: i, total: req.latencyScales.length, label: `frontier at latency ×${f}` });
        last = await paretoFrontier(scenario, { points: req.points, latencyScale: [f], backend: req.state.backend, includePlans: false });
        frontiers.push(...last.frontiers);
        ms += last.ms;
      }
      post({ type: 'pareto-progress', gen: req.gen, done: req.latencyScales.length, total: req.latencyScales.length, label: 'done' });
      if (last) post({ type: 'pareto', gen: req.gen, result: { ...last, frontiers, ms } });
      return;
    }
    case 'validate': {
      let input: unknown;
      try {
        input = JSON.parse(req.text);
      } catch (e) {
        post({ type: 'validated', gen: req.gen, fileName: req.fileName, issues: [{ path: '(file)', rule: 'json', message: `not JSON: ${(e as Error).message}` }] });
        return;
      }
      const issues = scenarioIssues(input);
      if (issues.length > 0) post({ type: 'validated', gen: req.gen, fileName: req.fileName, issues });
      else post({ type: 'validated', gen: req.gen, fileName: req.fileName, scenario: validateScenario(input), issues: [] });
      return;
    }
    case 'calibrate': {
      const hasGpu = 'gpu' in navigator;
      try {
        const report = await calibrate({ sizes: [64, 128, 256], cpuSizes: [64, 128], webgpu: 'auto', minSamples: 2, maxSamples: 4, maxMsPerSize: 250, targetSpread: 1, budgetMsPerKernel: 4000 });
        post({ type: 'calibrated', gen: req.gen, report, hasGpu });
      } catch (e) {
        post({ type: 'calibrated', gen: req.gen, error: `${(e as Error).name}: ${(e as Error).message}`, hasGpu });
      }
      return;
    }
    case 'apply-calibration': {
      try {
        const scenario = applyCalibration(baseOf(req.source), req.report, { site: req.site, class: req.class, devices: req.devices, allowNotRepresentative: true });
        post({ type: 'calibration-applied', gen: req.gen, scenario });
      } catch (e) {
        post({ type: 'calibration-applied', gen: req.gen, error: `${(e as Error).name}: ${(e as Error).message}` });
      }
      return;
    }
  }
}

self.onmessage = (ev: MessageEvent<Request>) => {
  const req = ev.data;
  if (req.type === 'abort') {
    inFlight.get(req.gen)?.abort();
    return;
  }
  handle(req)
    .catch((e: unknown) => {
      const err = e as Error & { issues?: unknown };
      post({ type: 'error', gen: req.gen, request: req.type, name: err.name ?? 'Error', message: err.message ?? String(e), ...(Array.isArray(err.issues) ? { issues: err.issues } : {}) });
    })
    .finally(() => post({ type: 'done', gen: req.gen }));
};
