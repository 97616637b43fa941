/**
 * The page: controls → state (in the URL) → a solve request to the worker → the newest plan drawn
 * on the map, in #plan-summary and in the charts. The page imports no solver code.
 */
import type { CalibrationReport } from '../../src/calibrate/types.js';
import type { Comparison } from '../../src/compare/types.js';
import type { Plan } from '../../src/plan/types.js';
import type { ComputeClass, Scenario } from '../../src/scenario/types.js';
import { drawCarbon, drawCosts, drawEastWest, drawPareto, drawUtilization } from './charts.js';
import { Channel } from './client.js';
import { siteLines } from './details.js';
import { downloadText, assignmentsCsv } from './download.js';
import { PlanMap } from './map.js';
import { drawLegend, drawWhatMoved } from './panels.js';
import type { Reply, ScenarioView, SolvePass, Source } from './protocol.js';
import { drawStranded, drawSummary, fmt, gapText } from './summary.js';
import { CLASSES, defaultBackend, parseState, stateToParams, type BuiltinName, type DemoState } from './state.js';
import { renderCalibration } from './calibration-view.js';

/** What tests and automation read (besides #plan-summary and the map's data- attributes). */
interface DemoHandle {
  plan?: Plan;
  scenario?: Scenario;
  comparison?: Comparison;
  /** Generations drawn, in order (a generation twice when its quick plan was drawn first). */
  draws: number[];
  /** The pass that drew each entry of `draws`. */
  passes: SolvePass[];
  /** The newest quick (decompose) plan drawn, with the scenario it solved. */
  quick?: { gen: number; plan: Plan; scenario: Scenario };
  /** Generation of the newest solve request. */
  requested: number;
  state: DemoState;
  /** Workers each channel has started. */
  workersSpawned: () => Record<string, number>;
  /** Workers each channel holds now (0 or 1). */
  workersAlive: () => Record<string, number>;
}
declare global {
  interface Window {
    suanflowDemo: DemoHandle;
  }
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const parsed = parseState(new URLSearchParams(location.search));
let state: DemoState = parsed.state;
let source: Source = { builtin: state.scenario };
let plan: Plan | undefined;
let view: ScenarioView | undefined;
/** The plan drawn before the latest what-if change, to show what moved. */
let before: { plan: Plan; offline: readonly string[] } | undefined;
let firstDrawn = false;
let firstExactDrawn = false;
let calibration: CalibrationReport | undefined;
const notices: string[] = [...parsed.problems];

/**
 * Channels (one solver worker each, see client.ts): the exact solve, the quick pass drawn first
 * (decompose), the comparison with the baselines, the Pareto study, and utilities (file validation,
 * calibration).
 */
const solver = new Channel('solve', onReply);
const quick = new Channel('quick', onReply, true);
const comparer = new Channel('compare', onReply);
const study = new Channel('study', onReply);
const util = new Channel('util', onReply);
const channels = [solver, quick, comparer, study, util];

const handle: DemoHandle = {
  draws: [],
  passes: [],
  requested: 0,
  state,
  workersSpawned: () => Object.fromEntries(channels.map((c) => [c.name, c.spawned])),
  workersAlive: () => Object.fromEntries(channels.map((c) => [c.name, c.alive])),
};
window.suanflowDemo = handle;

const map = new PlanMap($('map'), {
  toggleOffline(site) {
    const off = new Set(state.offline);
    if (off.has(site)) off.delete(site);
    else off.add(site);
    if (plan) before = { plan, offline: state.offline };
    setState({ offline: [...off] }, true);
  },
  hover(site, at) {
    const tip = $('tooltip');
    if (!site || !at || !plan || !view) {
      tip.hidden = true;
      return;
    }
    tip.replaceChildren(...siteLines(plan, view, site, state.hour, state.offline.includes(site)).map((l) => Object.assign(document.createElement('div'), { textContent: l })));
    tip.hidden = false;
    // Right half of the map: the tooltip goes to the left of the point, over the emptier west.
    const mapBox = $('map').getBoundingClientRect();
    const right = at.x - window.scrollX > mapBox.left + mapBox.width * 0.55;
    tip.style.left = right ? `${Math.max(0, at.x - 14 - tip.offsetWidth)}px` : `${at.x + 14}px`;
    tip.style.top = `${at.y + 14}px`;
  },
});

// ---- state, URL, controls -------------------------------------------------------------------

function setState(patch: Partial<DemoState>, resolve: boolean): void {
  state = { ...state, ...patch };
  handle.state = state;
  const q = stateToParams(state).toString();
  history.replaceState(null, '', `${location.pathname}${q ? `?${q}` : ''}`);
  syncControls();
  if (resolve) requestSolve();
  else redraw();
}

const ranges: [string, (s: DemoState) => number, (v: number) => Partial<DemoState>, (v: number) => string][] = [
  ['carbonPrice', (s) => s.carbonPrice ?? baseCarbonPrice(), (v) => ({ carbonPrice: v }), (v) => `${v}`],
  ['latencyScale', (s) => s.latencyScale, (v) => ({ latencyScale: v }), (v) => `×${v}`],
  ['minGreenShare', (s) => s.minGreenShare ?? 0, (v) => ({ minGreenShare: v > 0 ? v : undefined }), (v) => (v > 0 ? `${Math.round(v * 100)}%` : 'none')],
  ...CLASSES.map((c): (typeof ranges)[number] => [`demandScale-${c}`, (s) => s.demandScale[c], (v) => ({ demandScale: { ...state.demandScale, [c]: v } }), (v) => `×${v}`]),
];

let scenarioCarbonPrice = 90;
const baseCarbonPrice = () => scenarioCarbonPrice;

function syncControls(): void {
  for (const [id, get, , show] of ranges) {
    const input = $<HTMLInputElement>(id);
    const v = get(state);
    if (Number(input.value) !== v) input.value = String(v);
    $(`${id}-out`).textContent = show(v);
  }
  const sel = $<HTMLSelectElement>('scenario');
  sel.value = 'builtin' in source ? source.builtin : 'custom';
  $<HTMLSelectElement>('backend').value = state.backend;
  const hour = $<HTMLInputElement>('hour');
  hour.max = String((view?.horizonHours ?? 24) - 1);
  hour.value = String(state.hour);
  $('hour-out').textContent = `${state.hour}:00${view && view.horizonHours > 24 ? ` (day ${Math.floor(state.hour / 24) + 1})` : ''}`;
  for (const box of document.querySelectorAll<HTMLInputElement>('#offline-list input')) box.checked = state.offline.includes(box.value);
}

for (const [id, , patch] of ranges) $<HTMLInputElement>(id).addEventListener('input', (ev) => setState(patch(Number((ev.target as HTMLInputElement).value)), true));
$<HTMLSelectElement>('backend').addEventListener('change', (ev) => setState({ backend: (ev.target as HTMLSelectElement).value as DemoState['backend'] }, true));
$<HTMLSelectElement>('scenario').addEventListener('change', (ev) => {
  const v = (ev.target as HTMLSelectElement).value;
  if (v === 'custom') return;
  const name = v as BuiltinName;
  source = { builtin: name };
  before = undefined;
  setState({ scenario: name, backend: defaultBackend(name), hour: 0, offline: [], carbonPrice: undefined }, true);
});
$<HTMLInputElement>('hour').addEventListener('input', (ev) => setState({ hour: Number((ev.target as HTMLInputElement).value) }, false));

let playing: number | undefined;
$('play').addEventListener('click', () => {
  const btn = $('play');
  if (playing !== undefined) {
    clearInterval(playing);
    playing = undefined;
    btn.textContent = '▶ Play the hours';
    btn.setAttribute('aria-pressed', 'false');
    return;
  }
  btn.textContent = '⏸ Pause';
  btn.setAttribute('aria-pressed', 'true');
  playing = window.setInterval(() => setState({ hour: (state.hour + 1) % (view?.horizonHours ?? 24) }, false), 600);
});

// ---- solving --------------------------------------------------------------------------------

/** The generation whose exact plan is drawn (its quick plan, arriving late, is then dropped). */
let exactDrawn = 0;
/** The state of the newest solve request (the comparison of its plan uses the same backend). */
let requestedState: DemoState = state;

/**
 * Solves the current state: the exact pass on the solver worker and, when the backend is `auto`,
 * the quick pass (decompose) beside it on another, both tagged with the same generation. Whichever
 * of an older generation is still in flight is cancelled (its worker terminated).
 */
function requestSolve(): void {
  const s = state;
  const src = source;
  const gen = handle.requested + 1;
  handle.requested = gen;
  requestedState = s;
  solver.send((g) => ({ type: 'solve', gen: g, pass: 'exact', source: src, state: s }), gen);
  if (s.backend === 'auto') quick.send((g) => ({ type: 'solve', gen: g, pass: 'quick', source: src, state: s }), gen);
  else quick.cancel();
  comparer.cancel();
  const summary = $('plan-summary');
  summary.dataset['pending'] = String(handle.requested);
  summary.setAttribute('aria-busy', 'true');
  $<HTMLButtonElement>('solve-cancel').disabled = false;
  $('solve-state').textContent = 'solving…';
  study.cancel(); // a frontier of the old scenario is no longer wanted
  resetPareto();
}

let comparison: Comparison | undefined;

function onReply(r: Reply, channel: string): void {
  switch (r.type) {
    case 'plan': {
      if (r.gen !== handle.requested || (r.pass === 'quick' && exactDrawn === r.gen)) return; // superseded, or the exact plan is here
      const firstOfGen = handle.draws[handle.draws.length - 1] !== r.gen;
      if (r.pass === 'exact') {
        exactDrawn = r.gen;
        quick.cancel(); // the exact plan came first: the quick one is no longer wanted
      }
      plan = r.plan;
      view = r.view;
      comparison = undefined;
      handle.plan = r.plan;
      handle.scenario = r.scenario;
      handle.comparison = undefined;
      if ('builtin' in source && state.carbonPrice === undefined) scenarioCarbonPrice = r.scenario.prices.carbonPerTonne;
      const unknownNote = `offline: unknown site id${r.unknownOffline.length > 1 ? 's' : ''} ${r.unknownOffline.join(', ')} (no such cluster in this scenario)`;
      if (r.unknownOffline.length > 0 && !notices.includes(unknownNote)) notices.push(unknownNote);
      fillOfflineList(r.view);
      syncControls(); // the scenario's own carbon price and horizon are known now
      drawSummary($('plan-summary'), r.plan, r.gen, r.pass, r.wallMs, r.stranded.reduce((a, d) => a + d.unitHours, 0));
      drawStranded($('stranded'), r.stranded, state.offline);
      $('solve-state').textContent = r.pass === 'quick' ? `drawn: decompose's plan, ${gapText(r.plan)} of the optimum; refining with the exact LP…` : r.plan.objective === null ? '' : 'comparing with the baselines…';
      redraw();
      drawWhatMoved($('what-moved'), before, plan, view, state.offline);
      handle.draws.push(r.gen);
      handle.passes.push(r.pass);
      if (r.pass === 'quick') handle.quick = { gen: r.gen, plan: r.plan, scenario: r.scenario };
      if (!firstDrawn) {
        firstDrawn = true;
        performance.mark('suanflow:first-plan-drawn');
      }
      if (firstOfGen) performance.mark(`suanflow:plan-drawn:${r.gen}`);
      if (r.pass === 'exact') {
        if (!firstExactDrawn) {
          firstExactDrawn = true;
          performance.mark('suanflow:first-exact-plan-drawn');
        }
        performance.mark(`suanflow:plan-exact:${r.gen}`);
        if (r.plan.objective !== null) {
          const s = requestedState;
          const { scenario, plan: optimum } = r;
          comparer.send((g) => ({ type: 'compare', gen: g, scenario, plan: optimum, state: s }), r.gen);
        }
      }
      return;
    }
    case 'quick-skipped':
      return; // the exact plan comes alone (r.reason says why)
    case 'compare':
      if (r.gen !== handle.requested) return;
      comparison = r.comparison;
      handle.comparison = r.comparison;
      if (plan) {
        drawCosts($('chart-costs'), plan, comparison);
        drawCarbon($('chart-carbon'), plan, comparison);
      }
      drawEastWest($('chart-eastwest'), comparison);
      return;
    case 'pareto-progress':
      $<HTMLProgressElement>('pareto-progress').value = r.done / r.total;
      $('pareto-status').textContent = `${r.done} of ${r.total} frontiers (${r.label})`;
      return;
    case 'pareto':
      drawPareto($('chart-pareto'), r.result);
      $('pareto-status').textContent = `done in ${(r.result.ms / 1000).toFixed(1)} s`;
      $<HTMLButtonElement>('pareto-cancel').disabled = true;
      return;
    case 'validated':
      onValidated(r);
      return;
    case 'calibrated':
      calibration = r.report;
      (window as unknown as { suanflowDemoCalibration?: CalibrationReport }).suanflowDemoCalibration = r.report;
      renderCalibration($('calibration-status'), $('calibration-results'), r);
      $<HTMLButtonElement>('calibrate-run').disabled = false;
      $<HTMLFieldSetElement>('calibration-apply').disabled = r.report === undefined;
      return;
    case 'calibration-applied':
      if (r.scenario) {
        source = { custom: r.scenario, label: `${r.scenario.name ?? 'scenario'} (calibrated)` };
        addCustomOption(`${r.scenario.name ?? 'scenario'} (calibrated)`);
        $('apply-status').textContent = `Applied: ${r.scenario.sites.find((s) => s.id === $<HTMLSelectElement>('apply-site').value)?.capacitySource ?? ''}`;
        before = undefined;
        setState({}, true);
      } else $('apply-status').textContent = r.error ?? 'failed';
      return;
    case 'error': {
      if (channel === 'quick') return; // the exact pass reports the same scenario's problems itself
      if (r.request === 'solve') {
        const summary = $('plan-summary');
        summary.dataset['status'] = r.issues ? 'invalid' : 'error';
        summary.dataset['generation'] = String(r.gen);
        summary.dataset['objective'] = '';
        summary.removeAttribute('aria-busy');
        summary.textContent = `${r.name}: ${r.message}`;
        if (r.issues) showIssues('scenario', r.issues);
      } else if (r.request === 'pareto') {
        $('pareto-status').textContent = `${r.name}: ${r.message}`;
      } else notices.push(`${r.request}: ${r.name}: ${r.message}`);
      drawNotices();
      return;
    }
    case 'done':
      if (channel === 'solve' && r.gen === handle.requested) {
        $<HTMLButtonElement>('solve-cancel').disabled = true;
        if (exactDrawn !== r.gen || plan?.objective === null) $('solve-state').textContent = '';
      }
      if (channel === 'compare' && r.gen === handle.requested) $('solve-state').textContent = '';
      return;
  }
}

function redraw(): void {
  if (!plan || !view) return;
  map.draw(plan, view, Math.min(state.hour, view.horizonHours - 1), new Set(state.offline));
  drawCosts($('chart-costs'), plan, comparison);
  drawCarbon($('chart-carbon'), plan, comparison);
  drawUtilization($('chart-utilization'), plan, view, state.hour);
  drawEastWest($('chart-eastwest'), comparison);
  drawNotices();
}

function drawNotices(): void {
  $('notices').replaceChildren(...notices.slice(-6).map((n) => Object.assign(document.createElement('li'), { textContent: n })));
}

function fillOfflineList(v: ScenarioView): void {
  const host = $('offline-list');
  const ids = v.sites.map((s) => s.id).join(',');
  if (host.dataset['ids'] === ids) return;
  host.dataset['ids'] = ids;
  host.replaceChildren(
    ...v.sites.map((s) => {
      const label = document.createElement('label');
      const box = Object.assign(document.createElement('input'), { type: 'checkbox', value: s.id, checked: state.offline.includes(s.id) });
      box.addEventListener('change', () => {
        if (plan) before = { plan, offline: state.offline };
        setState({ offline: box.checked ? [...new Set([...state.offline, s.id])] : state.offline.filter((x) => x !== s.id) }, true);
      });
      label.append(box, ` ${s.name}`);
      return label;
    }),
  );
  const sel = $<HTMLSelectElement>('apply-site');
  sel.replaceChildren(...v.sites.map((s) => Object.assign(document.createElement('option'), { value: s.id, textContent: s.name })));
}

$('solve-cancel').addEventListener('click', () => {
  solver.cancel();
  quick.cancel();
  const summary = $('plan-summary');
  summary.removeAttribute('aria-busy');
  $<HTMLButtonElement>('solve-cancel').disabled = true;
  const quickShown = handle.draws[handle.draws.length - 1] === handle.requested && exactDrawn !== handle.requested;
  $('solve-state').textContent = quickShown ? `cancelled: the plan shown is decompose's (${gapText(plan!)} of the optimum), not refined` : plan ? 'cancelled: the plan shown is the one before the last change' : 'cancelled before the first plan';
});

// ---- scenario in and out --------------------------------------------------------------------

function showIssues(fileName: string, issues: readonly { path: string; rule: string; message: string }[]): void {
  const ul = $('scenario-errors');
  const head = Object.assign(document.createElement('li'), { textContent: `${fileName}: ${issues.length} problem${issues.length === 1 ? '' : 's'}; the scenario was not loaded` });
  ul.replaceChildren(
    head,
    ...issues.slice(0, 50).map((i) => {
      const li = document.createElement('li');
      li.dataset['path'] = i.path;
      li.dataset['rule'] = i.rule;
      li.append(Object.assign(document.createElement('code'), { textContent: i.path }), `: ${i.message} [${i.rule}]`);
      return li;
    }),
  );
}

function addCustomOption(label: string): void {
  const sel = $<HTMLSelectElement>('scenario');
  let opt = sel.querySelector<HTMLOptionElement>('option[value=custom]');
  if (!opt) {
    opt = Object.assign(document.createElement('option'), { value: 'custom' });
    sel.appendChild(opt);
  }
  opt.textContent = `Loaded: ${label}`;
  sel.value = 'custom';
}

function onValidated(r: Extract<Reply, { type: 'validated' }>): void {
  if (!r.scenario) {
    showIssues(r.fileName, r.issues);
    return;
  }
  $('scenario-errors').replaceChildren(Object.assign(document.createElement('li'), { textContent: `${r.fileName}: loaded (${r.scenario.sites.length} sites, ${r.scenario.demands.length} demands). The URL keeps the controls, not the file.` }));
  source = { custom: r.scenario, label: r.fileName };
  addCustomOption(r.fileName);
  before = undefined;
  setState({ offline: [], hour: 0, carbonPrice: undefined }, true);
}

async function loadFile(file: File): Promise<void> {
  const text = await file.text();
  util.send((gen) => ({ type: 'validate', gen, text, fileName: file.name }));
}
$<HTMLInputElement>('file').addEventListener('change', (ev) => {
  const f = (ev.target as HTMLInputElement).files?.[0];
  if (f) void loadFile(f);
});
document.addEventListener('dragover', (ev) => ev.preventDefault());
document.addEventListener('drop', (ev) => {
  ev.preventDefault();
  const f = ev.dataTransfer?.files?.[0];
  if (f) void loadFile(f);
});
$('download-scenario').addEventListener('click', () => handle.scenario && downloadText(`${handle.scenario.name ?? 'scenario'}.json`, JSON.stringify(handle.scenario, null, 2), 'application/json'));
$('download-plan').addEventListener('click', () => plan && downloadText(`${plan.scenario}-plan.json`, JSON.stringify(plan, null, 2), 'application/json'));
$('download-csv').addEventListener('click', () => plan && view && downloadText(`${plan.scenario}-assignments.csv`, assignmentsCsv(plan, view), 'text/csv'));

// ---- Pareto ---------------------------------------------------------------------------------

function resetPareto(): void {
  $<HTMLProgressElement>('pareto-progress').value = 0;
  $('pareto-status').textContent = '';
  $<HTMLButtonElement>('pareto-cancel').disabled = true;
}
$('pareto-run').addEventListener('click', () => {
  const s = state;
  const src = source;
  const raw = Number($<HTMLInputElement>('pareto-points').value);
  const points = Number.isInteger(raw) && raw >= 2 && raw <= 12 ? raw : 4;
  $<HTMLInputElement>('pareto-points').value = String(points);
  study.send((gen) => ({ type: 'pareto', gen, source: src, state: s, points, latencyScales: [1, 1.5] }));
  $<HTMLProgressElement>('pareto-progress').removeAttribute('value');
  $('pareto-status').textContent = 'starting…';
  $<HTMLButtonElement>('pareto-cancel').disabled = false;
});
$('pareto-cancel').addEventListener('click', () => {
  study.cancel();
  resetPareto();
  $('pareto-status').textContent = 'cancelled';
});

// ---- calibration tab ------------------------------------------------------------------------

function selectTab(which: 'plan' | 'calibration'): void {
  for (const t of ['plan', 'calibration'] as const) {
    const tab = $(`tab-${t}`);
    tab.setAttribute('aria-selected', String(t === which));
    tab.tabIndex = t === which ? 0 : -1;
    $(`panel-${t}`).hidden = t !== which;
  }
}
$('tab-plan').addEventListener('click', () => selectTab('plan'));
$('tab-calibration').addEventListener('click', () => selectTab('calibration'));
for (const id of ['tab-plan', 'tab-calibration']) {
  $(id).addEventListener('keydown', (ev) => {
    if (ev.key !== 'ArrowLeft' && ev.key !== 'ArrowRight') return;
    const next = id === 'tab-plan' ? 'calibration' : 'plan';
    selectTab(next);
    $(`tab-${next}`).focus();
  });
}
$('calibrate-run').addEventListener('click', () => {
  $<HTMLButtonElement>('calibrate-run').disabled = true;
  $('calibration-status').textContent = 'Calibrating (WebGPU and CPU kernels; about a minute on a software adapter)…';
  util.send((gen) => ({ type: 'calibrate', gen }));
});
$('apply-run').addEventListener('click', () => {
  if (!calibration) return;
  const report = calibration;
  const src = source;
  const site = $<HTMLSelectElement>('apply-site').value;
  const cls = $<HTMLSelectElement>('apply-class').value as ComputeClass;
  const devices = Number($<HTMLInputElement>('apply-devices').value);
  util.send((gen) => ({ type: 'apply-calibration', gen, source: src, report, site, class: cls, devices }));
});

// ---- start ----------------------------------------------------------------------------------

drawLegend($('legend'));
syncControls();
drawNotices();
requestSolve();
