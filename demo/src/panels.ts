/** Panels beside the map: the legend, and what moved after an outage change. */
import type { Plan } from '../../src/plan/types.js';
import { siteLoad } from './flows.js';
import { CLASS_COLOUR, CLASS_DASH } from './palette.js';
import type { ScenarioView } from './protocol.js';
import { CLASSES } from './state.js';
import { fmt } from './summary.js';

/** The map's legend: one dashed line per class, and what width, darkness and ✕ mean. */
export function drawLegend(host: HTMLElement): void {
  const parts = CLASSES.map((c) => {
    const span = document.createElement('span');
    span.innerHTML = `<svg width="36" height="10" aria-hidden="true"><line x1="0" y1="5" x2="36" y2="5" stroke="${CLASS_COLOUR[c]}" stroke-width="4" stroke-dasharray="${CLASS_DASH[c]}"/></svg> ${c}`;
    return span;
  });
  const extra = document.createElement('span');
  extra.textContent = 'arc width ∝ load of that class this hour · circle darkness = utilization · ✕ offline';
  host.replaceChildren(...parts, extra);
}

/** What moved between the plan before an outage change and this one, per site (unit-hours). */
export function drawWhatMoved(host: HTMLElement, before: { plan: Plan; offline: readonly string[] } | undefined, plan: Plan | undefined, view: ScenarioView | undefined, offline: readonly string[]): void {
  if (!before || !plan || !view) {
    host.replaceChildren();
    return;
  }
  const a = siteLoad(before.plan);
  const b = siteLoad(plan);
  const rows = view.sites.map((s) => ({ site: s, before: a.get(s.id) ?? 0, after: b.get(s.id) ?? 0 })).filter((r) => Math.abs(r.after - r.before) > 1e-6);
  const unmetA = before.plan.unmet.reduce((x, u) => x + u.amount, 0);
  const unmetB = plan.unmet.reduce((x, u) => x + u.amount, 0);
  const dObj = before.plan.objective !== null && plan.objective !== null ? plan.objective - before.plan.objective : null;
  const t = document.createElement('table');
  t.innerHTML = `<caption>What moved (offline: ${offline.join(', ') || 'none'}; before: ${before.offline.join(', ') || 'none'})</caption><thead><tr><th scope="col">cluster</th><th scope="col">before, unit-h</th><th scope="col">after</th><th scope="col">change</th></tr></thead>`;
  const body = t.createTBody();
  for (const r of [...rows, { site: { id: 'unmet', name: 'unmet demand' }, before: unmetA, after: unmetB }]) {
    const tr = body.insertRow();
    tr.dataset['site'] = r.site.id;
    for (const v of [r.site.name, fmt(r.before), fmt(r.after), `${r.after >= r.before ? '+' : ''}${fmt(r.after - r.before)}`]) tr.insertCell().textContent = v;
  }
  const p = document.createElement('p');
  p.textContent = dObj === null ? '' : `Objective ${dObj >= 0 ? '+' : ''}${fmt(dObj / 1e6, 3)} M CNY against the plan before.`;
  host.replaceChildren(t, p);
}
