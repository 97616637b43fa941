/**
 * Charts (Observable Plot, SVG): cost breakdown of the optimum beside the baselines of
 * `compareStrategies`, location- vs market-based carbon, utilization per cluster over the hours,
 * east→west share, and the cost–carbon Pareto frontier with marginal abatement costs.
 */
import * as Plot from '@observablehq/plot';
import type { Comparison } from '../../src/compare/types.js';
import type { ParetoResult } from '../../src/pareto/types.js';
import type { Plan } from '../../src/plan/types.js';
import { CLASS_COLOUR, GREEN_COLOUR, SKY_COLOUR, STRATEGY_COLOUR } from './palette.js';
import type { ScenarioView } from './protocol.js';

const TERMS = ['compute', 'energy', 'transfer', 'carbon', 'unmet'] as const;
const TERM_COLOUR = ['#0072B2', '#E69F00', '#56B4E9', '#D55E00', '#999999'];
const WIDTH = 440;
const LABEL: Record<string, string> = { nearest: 'nearest site', costOnly: 'cost only', optimal: 'suanflow optimum' };

function put(host: HTMLElement, chart: Element, caption: string): void {
  chart.setAttribute('aria-label', caption);
  chart.setAttribute('role', 'img');
  host.replaceChildren(chart);
}

/** Cost terms (million CNY) of each strategy; the optimum alone until the comparison arrives. */
export function drawCosts(host: HTMLElement, plan: Plan, cmp: Comparison | undefined): void {
  const rows: { strategy: string; term: string; mCNY: number }[] = [];
  if (cmp) {
    for (const [name, r] of Object.entries(cmp.strategies)) {
      if (!r.metrics) continue;
      for (const t of TERMS) rows.push({ strategy: LABEL[name] ?? name, term: t, mCNY: r.metrics.costs[t] / 1e6 });
    }
  } else if (plan.costs) {
    for (const t of TERMS) rows.push({ strategy: LABEL.optimal!, term: t, mCNY: plan.costs[t] / 1e6 });
  }
  put(
    host,
    Plot.plot({
      width: WIDTH,
      height: 170,
      marginLeft: 120,
      x: { label: 'cost, million CNY', grid: true },
      y: { label: null },
      color: { domain: [...TERMS], range: TERM_COLOUR, legend: true },
      marks: [Plot.barX(rows, Plot.stackX({ x: 'mCNY', y: 'strategy', fill: 'term', title: (d: (typeof rows)[number]) => `${d.strategy}: ${d.term} ${d.mCNY.toFixed(2)} M CNY` })), Plot.ruleX([0])],
    }),
    'Cost breakdown per strategy',
  );
}

/** Location- and market-based tonnes of each strategy, side by side. */
export function drawCarbon(host: HTMLElement, plan: Plan, cmp: Comparison | undefined): void {
  const rows: { strategy: string; accounting: string; tonnes: number }[] = [];
  const add = (name: string, loc: number, mkt: number) => {
    rows.push({ strategy: LABEL[name] ?? name, accounting: 'location-based', tonnes: loc }, { strategy: LABEL[name] ?? name, accounting: 'market-based', tonnes: mkt });
  };
  if (cmp) for (const [name, r] of Object.entries(cmp.strategies)) r.metrics && add(name, r.metrics.locationTonnes, r.metrics.marketTonnes);
  else if (plan.carbon) add('optimal', plan.carbon.locationTonnes, plan.carbon.marketTonnes);
  put(
    host,
    Plot.plot({
      width: WIDTH,
      height: 200,
      marginLeft: 120,
      marginRight: 100,
      x: { label: 'tCO₂ over the horizon', grid: true },
      y: { label: null },
      fy: { label: null },
      color: { domain: ['location-based', 'market-based'], range: ['#E69F00', GREEN_COLOUR], legend: true },
      marks: [Plot.barX(rows, { x: 'tonnes', y: 'strategy', fy: 'accounting', fill: 'accounting', title: (d: (typeof rows)[number]) => `${d.strategy}, ${d.accounting}: ${d.tonnes.toFixed(0)} t` }), Plot.ruleX([0])],
    }),
    'Location-based and market-based carbon per strategy',
  );
}

/** Busiest class's utilization per cluster over the hours. */
export function drawUtilization(host: HTMLElement, plan: Plan, view: ScenarioView, hour: number): void {
  const m = new Map<string, number>();
  for (const u of plan.utilization) {
    if (!(u.capacity > 0)) continue;
    const k = `${u.site}|${u.hour}`;
    m.set(k, Math.max(m.get(k) ?? 0, u.used / u.capacity));
  }
  const name = new Map(view.sites.map((s) => [s.id, s.name.replace(/ cluster$/i, '')]));
  const rows = [...m]
    .map(([k, share]) => {
      const [site, h] = k.split('|');
      return { site: name.get(site!) ?? site!, hour: Number(h), pct: share * 100 };
    })
    .sort((a, b) => a.hour - b.hour);
  put(
    host,
    Plot.plot({
      height: 220,
      width: WIDTH,
      y: { label: 'utilization of the busiest class, %', domain: [0, 100], grid: true },
      x: { label: 'hour' },
      color: { legend: true, scheme: 'observable10' },
      marks: [Plot.lineY(rows, { x: 'hour', y: 'pct', stroke: 'site', title: 'site' }), Plot.ruleX([hour], { stroke: '#000', strokeDasharray: '3 3' })],
    }),
    'Utilization per cluster over the hours',
  );
}

/** East→west share (of eastern demand, the share run in the west) and west share, per strategy. */
export function drawEastWest(host: HTMLElement, cmp: Comparison | undefined): void {
  const rows: { strategy: string; measure: string; share: number }[] = [];
  if (cmp) {
    for (const [name, r] of Object.entries(cmp.strategies)) {
      if (!r.metrics) continue;
      if (r.metrics.eastToWest.all !== null) rows.push({ strategy: LABEL[name] ?? name, measure: 'east demand run in the west', share: r.metrics.eastToWest.all * 100 });
      if (r.metrics.westShare.all !== null) rows.push({ strategy: LABEL[name] ?? name, measure: 'all work run in the west', share: r.metrics.westShare.all * 100 });
    }
  }
  if (rows.length === 0) {
    host.textContent = 'East→west share: waiting for the comparison with the baselines…';
    return;
  }
  put(
    host,
    Plot.plot({
      width: WIDTH,
      height: 200,
      marginLeft: 120,
      marginRight: 150,
      x: { label: 'share of unit-hours, %', domain: [0, 100], grid: true },
      y: { label: null },
      fy: { label: null },
      color: { domain: ['east demand run in the west', 'all work run in the west'], range: [SKY_COLOUR, CLASS_COLOUR.general], legend: true },
      marks: [Plot.barX(rows, { x: 'share', y: 'strategy', fy: 'measure', fill: 'measure', title: (d: (typeof rows)[number]) => `${d.strategy}: ${d.share.toFixed(1)}%` })],
    }),
    'East to west share per strategy',
  );
}

/** The frontier(s): cost (without carbon) against tonnes, and a table of marginal abatement costs. */
export function drawPareto(host: HTMLElement, result: ParetoResult): void {
  const rows = result.frontiers.flatMap((f) => f.points.map((p) => ({ frontier: `latency ×${f.latencyScale}`, tonnes: p.carbonTonnes, cost: p.cost / 1e6, mac: p.mac })));
  const chart = Plot.plot({
    width: WIDTH,
    height: 240,
    marginLeft: 60,
    x: { label: `tCO₂ (${result.accounting}-based)`, grid: true },
    y: { label: 'cost without carbon, M CNY', grid: true },
    color: { legend: true, range: [GREEN_COLOUR, '#0072B2', '#E69F00', '#CC79A7'] },
    marks: [
      Plot.line(rows, { x: 'tonnes', y: 'cost', stroke: 'frontier', marker: 'circle' }),
      Plot.text(rows, { x: 'tonnes', y: 'cost', text: (d: (typeof rows)[number]) => (d.mac === null ? '' : `${Math.round(d.mac)} CNY/t`), dy: -9, fontSize: 9 }),
    ],
  });
  const table = document.createElement('table');
  table.className = 'mac';
  table.innerHTML = '<caption>Marginal abatement cost between neighbouring points</caption><thead><tr><th scope="col">frontier</th><th scope="col">tCO₂</th><th scope="col">cost, M CNY</th><th scope="col">MAC, CNY/t</th></tr></thead>';
  const body = table.createTBody();
  for (const r of rows) {
    const tr = body.insertRow();
    for (const v of [r.frontier, r.tonnes.toFixed(0), r.cost.toFixed(3), r.mac === null ? '—' : r.mac.toFixed(1)]) tr.insertCell().textContent = v;
  }
  chart.setAttribute('role', 'img');
  chart.setAttribute('aria-label', 'Cost–carbon Pareto frontier');
  host.replaceChildren(chart, table);
}
