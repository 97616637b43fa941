/**
 * The map (SVG, d3-geo): China's outline (schematic, 示意图), the 31 origin cities, the 8 hubs,
 * the 10 clusters (`data-site`) and the flow arcs of one hour, width ∝ planned load (per class),
 * coloured and dashed by compute class.
 */
import { geoConicEqualArea, geoPath } from 'd3-geo';
import outline from 'virtual:china-outline';
import type { Plan } from '../../src/plan/types.js';
import type { ComputeClass } from '../../src/scenario/types.js';
import { CLASS_COLOUR, CLASS_DASH, OFFLINE_COLOUR } from './palette.js';
import { flowsAt, siteLoad, utilizationAt } from './flows.js';
import type { ScenarioView } from './protocol.js';

const W = 760;
const H = 560;
const SVG = 'http://www.w3.org/2000/svg';

function el<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, parent?: Element): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  parent?.appendChild(e);
  return e;
}

export interface MapHandlers {
  /** A site was clicked (or Enter / Space on it): toggle its outage. */
  toggleOffline(site: string): void;
  /** The pointer or focus is on a site (undefined: left it). */
  hover(site: string | undefined, at: { x: number; y: number } | undefined): void;
}

export class PlanMap {
  readonly svg: SVGSVGElement;
  private readonly flows: SVGGElement;
  private readonly sites: SVGGElement;
  private readonly projection = geoConicEqualArea().parallels([25, 47]).rotate([-105, 0]).fitExtent([[16, 40], [W - 16, H - 16]], outline);

  constructor(host: HTMLElement, private readonly handlers: MapHandlers) {
    this.svg = el('svg', { viewBox: `0 0 ${W} ${H}`, role: 'group', 'aria-label': 'Schematic map of China (示意图) with the clusters, hubs, origin cities and planned flows', id: 'map-svg' });
    host.appendChild(this.svg);
    const path = geoPath(this.projection);
    const land = el('g', { class: 'outline', 'aria-hidden': 'true' }, this.svg);
    for (const f of outline.features) el('path', { d: path(f) ?? '', class: 'land' }, land);
    const title = el('text', { x: 16, y: 24, class: 'map-title' }, this.svg);
    title.textContent = '示意图 · schematic map (outlines: Natural Earth via world-atlas; not a survey map)';
    this.flows = el('g', { class: 'flows', 'aria-hidden': 'true' }, this.svg);
    this.sites = el('g', { class: 'sites' }, this.svg);
  }

  private xy(lon: number, lat: number): [number, number] {
    return this.projection([lon, lat]) ?? [0, 0];
  }

  /** Draws the hubs, origins, clusters and the flows of `hour`. */
  draw(plan: Plan, view: ScenarioView, hour: number, offline: ReadonlySet<string>): void {
    this.flows.replaceChildren();
    this.sites.replaceChildren();
    const at = new Map<string, [number, number]>();
    for (const s of view.sites) at.set(s.id, this.xy(s.lon, s.lat));
    for (const o of view.origins) at.set(`o:${o.id}`, this.xy(o.lon, o.lat));

    // Flow arcs, width ∝ √(amount / largest amount of the class this hour).
    const flows = flowsAt(plan, view, hour);
    const maxOf = new Map<ComputeClass, number>();
    for (const f of flows) maxOf.set(f.class, Math.max(maxOf.get(f.class) ?? 0, f.amount));
    const bend: Record<ComputeClass, number> = { general: 0.18, intelligent: -0.18, super: 0.32 };
    for (const f of flows.sort((a, b) => b.amount - a.amount)) {
      const a = at.get(`o:${f.origin}`);
      const b = at.get(f.site);
      if (!a || !b) continue;
      const [mx, my] = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
      const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
      const c = [mx - dy * bend[f.class], my + dx * bend[f.class]];
      const width = 0.8 + 7 * Math.sqrt(f.amount / (maxOf.get(f.class) || 1));
      el('path', {
        d: `M${a[0].toFixed(1)},${a[1].toFixed(1)} Q${c[0]!.toFixed(1)},${c[1]!.toFixed(1)} ${b[0].toFixed(1)},${b[1].toFixed(1)}`,
        class: 'flow',
        stroke: CLASS_COLOUR[f.class],
        'stroke-dasharray': CLASS_DASH[f.class],
        'stroke-width': width.toFixed(2),
        'data-origin': f.origin,
        'data-site': f.site,
        'data-class': f.class,
        'data-amount': f.amount,
      }, this.flows);
    }

    // Origins (cities where demand arises).
    const origins = el('g', { class: 'origins' }, this.sites);
    for (const o of view.origins) {
      const [x, y] = at.get(`o:${o.id}`)!;
      const c = el('circle', { cx: x, cy: y, r: 2.6, class: 'origin', 'data-origin': o.id }, origins);
      el('title', {}, c).textContent = `${o.name} (${o.province}): origin of demand`;
    }

    // Hubs: the mean position of their clusters.
    const hubs = new Map<string, { x: number; y: number; n: number }>();
    for (const s of view.sites) {
      const [x, y] = at.get(s.id)!;
      const h = hubs.get(s.hub) ?? { x: 0, y: 0, n: 0 };
      hubs.set(s.hub, { x: h.x + x, y: h.y + y, n: h.n + 1 });
    }
    const hubLayer = el('g', { class: 'hubs' }, this.sites);
    const hubXY = [...hubs].map(([hub, h]) => [hub, h.x / h.n, h.y / h.n] as const);
    // A neighbour just to the right: put this one's label on the other side, so labels do not overlap.
    const crowded = (x: number, y: number, pts: readonly (readonly [number, number])[]) => pts.some(([px, py]) => px > x && px - x < 70 && Math.abs(py - y) < 30);
    for (const [hub, x, y] of hubXY) {
      const g = el('g', { class: 'hub', 'data-hub': hub }, hubLayer);
      el('rect', { x: x - 14, y: y - 14, width: 28, height: 28, rx: 6, class: 'hub-mark' }, g);
      const below = crowded(x, y, hubXY.map(([, px, py]) => [px, py] as const));
      const t = el('text', { x: x, y: below ? y + 24 : y - 18, class: 'hub-label' }, g);
      t.textContent = hub;
    }

    // Clusters: fill darkens with utilization at this hour; offline ones are crossed out.
    const util = utilizationAt(plan, hour);
    const load = siteLoad(plan);
    for (const s of view.sites) {
      const [x, y] = at.get(s.id)!;
      const off = offline.has(s.id);
      const u = util.get(s.id) ?? 0;
      const g = el('g', {
        class: `site${off ? ' offline' : ''}`,
        'data-site': s.id,
        'data-offline': String(off),
        'data-load': load.get(s.id) ?? 0,
        'data-utilization': u,
        tabindex: 0,
        role: 'button',
        'aria-pressed': String(off),
        'aria-label': `${s.name} (${s.hub}): ${off ? 'offline' : `${Math.round(u * 100)}% used at hour ${hour}`}. Press Enter to ${off ? 'bring it back online' : 'take it offline'}`,
      }, this.sites);
      const shade = Math.round(245 - 190 * Math.min(1, u));
      el('circle', { cx: x, cy: y, r: 9, fill: off ? '#ffffff' : `rgb(${shade},${shade},${shade})`, stroke: off ? OFFLINE_COLOUR : '#222', 'stroke-width': off ? 3 : 1.5, 'stroke-dasharray': off ? '3 2' : '' }, g);
      if (off) el('path', { d: `M${x - 6},${y - 6} L${x + 6},${y + 6} M${x + 6},${y - 6} L${x - 6},${y + 6}`, stroke: OFFLINE_COLOUR, 'stroke-width': 2.5 }, g);
      const left = crowded(x, y, view.sites.map((o) => at.get(o.id)!));
      const label = el('text', { x: left ? x - 12 : x + 12, y: y + 4, class: 'site-label', 'text-anchor': left ? 'end' : 'start' }, g);
      label.textContent = s.name.replace(/ cluster$/i, '');
      g.addEventListener('click', () => this.handlers.toggleOffline(s.id));
      g.addEventListener('keydown', (ev) => {
        if (ev.key === 'Enter' || ev.key === ' ') {
          ev.preventDefault();
          this.handlers.toggleOffline(s.id);
        }
      });
      const show = () => {
        const r = this.svg.getBoundingClientRect();
        this.handlers.hover(s.id, { x: r.left + (x / W) * r.width + window.scrollX, y: r.top + (y / H) * r.height + window.scrollY });
      };
      g.addEventListener('mouseenter', show);
      g.addEventListener('focus', show);
      g.addEventListener('mouseleave', () => this.handlers.hover(undefined, undefined));
      g.addEventListener('blur', () => this.handlers.hover(undefined, undefined));
    }
  }
}

