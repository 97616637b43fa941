/**
 * Validation of the data, algorithm and network fields (residency, datasets, models, backbone,
 * origin hubs): cross-references on whatever parts are well formed, and, on a well-formed scenario,
 * whether the backbone connects every pair of hubs that traffic or a dataset copy must cross.
 */
import type { ScenarioIssue } from '../errors.js';
import { geoLatencyMs, LATENCY_EPS_MS } from '../geo/haversine.js';
import { printable } from '../util/printable.js';
import { backboneRoutes, originHub } from './backbone.js';
import { isNum, isObj, isStr, list, type Obj } from './raw.js';
import { residencyAllows } from './residency.js';
import { NUMERIC_LIMITS } from './magnitude.js';
import type { Scenario } from './types.js';

/** Cross-field rules of the new fields; tolerant of malformed parts (the schema reports those). */
export function dataReferenceIssues(raw: Obj, out: ScenarioIssue[]): void {
  const sites = list(raw.sites).filter(isObj);
  const siteIds = new Set(sites.map((s) => s.id).filter(isStr));
  const hubs = new Set(sites.map((s) => s.hub).filter(isStr));
  const provinces = new Set(sites.map((s) => s.province).filter(isStr));
  const intelligentSites = sites.filter((s) => isObj(s.capacity) && s.capacity.intelligent !== undefined).length;
  const unknown = (path: string, what: string, v: string) => out.push({ path, rule: 'unknown-reference', message: `${what} "${printable(v)}" does not exist` });

  list(raw.origins).forEach((o, i) => {
    if (isObj(o) && isStr(o.hub) && !hubs.has(o.hub)) unknown(`origins[${i}].hub`, 'hub', o.hub);
  });

  const dupes = (items: unknown[], field: string): Set<string> => {
    const seen = new Map<string, number>();
    items.forEach((item, i) => {
      if (!isObj(item) || !isStr(item.id)) return;
      const first = seen.get(item.id);
      if (first !== undefined) out.push({ path: `${field}[${i}].id`, rule: 'duplicate-id', message: `duplicate id "${printable(item.id)}" (first used by ${field}[${first}])` });
      else seen.set(item.id, i);
    });
    return new Set(seen.keys());
  };
  const datasetIds = dupes(list(raw.datasets), 'datasets');
  const modelIds = dupes(list(raw.models), 'models');

  const big = (v: unknown, limit: number, path: string, what: string) => {
    if (isNum(v) && v > limit) out.push({ path, rule: 'magnitude', message: `${v} is above the largest ${what} the solvers handle faithfully (${limit}); rescale the units` });
  };
  list(raw.datasets).forEach((k, i) => isObj(k) && big(k.sizeGB, NUMERIC_LIMITS.maxQuantity, `datasets[${i}].sizeGB`, 'size'));
  list(raw.models).forEach((m, i) => {
    if (!isObj(m)) return;
    big(m.reserveUnits, NUMERIC_LIMITS.maxQuantity, `models[${i}].reserveUnits`, 'quantity');
    big(m.loadCost, 1e15, `models[${i}].loadCost`, 'one-off cost');
  });
  list(isObj(raw.backbone) ? raw.backbone.links : undefined).forEach((l, i) => isObj(l) && big(l.capacityGbps, NUMERIC_LIMITS.maxBandwidthGbps, `backbone.links[${i}].capacityGbps`, 'capacity'));

  list(raw.datasets).forEach((k, i) => {
    if (!isObj(k)) return;
    list(k.at).forEach((s, j) => {
      if (isStr(s) && !siteIds.has(s)) unknown(`datasets[${i}].at[${j}]`, 'site', s);
    });
  });
  list(raw.models).forEach((m, i) => {
    if (!isObj(m)) return;
    if (isNum(m.minReplicas) && m.minReplicas > intelligentSites) {
      out.push({ path: `models[${i}].minReplicas`, rule: 'min-replicas', message: `${m.minReplicas} replicas need as many sites with intelligent capacity; the scenario has ${intelligentSites}` });
    }
  });

  list(raw.demands).forEach((d, i) => {
    if (!isObj(d)) return;
    const p = `demands[${i}]`;
    if (isStr(d.dataset) && !datasetIds.has(d.dataset)) unknown(`${p}.dataset`, 'dataset', d.dataset);
    if (isStr(d.model)) {
      if (!modelIds.has(d.model)) unknown(`${p}.model`, 'model', d.model);
      if (isStr(d.class) && d.class !== 'intelligent') {
        out.push({ path: `${p}.model`, rule: 'model-class', message: `a served model needs intelligent-class demand; demand "${printable(String(d.id))}" is ${d.class}` });
      }
    }
    const r = isObj(d.residency) ? d.residency : undefined;
    if (r) {
      list(r.hubs).forEach((h, j) => {
        if (isStr(h) && !hubs.has(h)) unknown(`${p}.residency.hubs[${j}]`, 'hub', h);
      });
      list(r.provinces).forEach((v, j) => {
        if (isStr(v) && !provinces.has(v)) out.push({ path: `${p}.residency.provinces[${j}]`, rule: 'unknown-reference', message: `no site has province "${printable(v)}"` });
      });
    }
  });

  const bb = isObj(raw.backbone) ? raw.backbone : undefined;
  const pairs = new Map<string, number>();
  list(bb?.links).forEach((l, i) => {
    if (!isObj(l)) return;
    const p = `backbone.links[${i}]`;
    if (isStr(l.from) && !hubs.has(l.from)) unknown(`${p}.from`, 'hub', l.from);
    if (isStr(l.to) && !hubs.has(l.to)) unknown(`${p}.to`, 'hub', l.to);
    if (isStr(l.from) && isStr(l.to)) {
      if (l.from === l.to) out.push({ path: p, rule: 'self-link', message: `a backbone link must join two different hubs, not "${printable(l.from)}" to itself` });
      const key = [l.from, l.to].sort().join('\u0000');
      const first = pairs.get(key);
      if (first !== undefined) out.push({ path: p, rule: 'duplicate-link', message: `hubs ${printable(l.from)} and ${printable(l.to)} are already joined by backbone.links[${first}]` });
      else pairs.set(key, i);
    }
  });
}

/**
 * On a well-formed scenario: residency that leaves a demand no site within its latency limit, and a
 * backbone that does not connect the hubs that a demand's traffic (dataGBPerUnit > 0) or a dataset
 * copy must cross between an origin (or a copy's site) and a site the demand may use.
 */
export function dataServabilityIssues(sc: Scenario, out: ScenarioIssue[]): void {
  const links = new Map((sc.links ?? []).map((l) => [`${l.from}\u0000${l.to}`, l]));
  const origins = new Map(sc.origins.map((o) => [o.id, o]));
  const datasets = new Map((sc.datasets ?? []).map((k) => [k.id, k]));
  const siteById = new Map(sc.sites.map((s) => [s.id, s]));
  const routes = sc.backbone ? backboneRoutes(sc) : undefined;
  const missing = new Map<string, string>();
  sc.demands.forEach((d, i) => {
    const o = origins.get(d.origin);
    if (!o) return;
    // Without residency or a backbone nothing below can report (and the site scan is the cost).
    if (!d.residency && !routes) return;
    const allowed = d.allowedSites ? new Set(d.allowedSites) : undefined;
    const usable = sc.sites.filter((s) => {
      if (s.capacity[d.class] === undefined || (allowed && !allowed.has(s.id))) return false;
      const ms = links.get(`${o.id}\u0000${s.id}`)?.latencyMs ?? geoLatencyMs(o.lon, o.lat, s.lon, s.lat);
      return ms <= d.maxLatencyMs + LATENCY_EPS_MS;
    });
    const kept = usable.filter((s) => residencyAllows(d.residency, s));
    if (d.residency && usable.length > 0 && kept.length === 0) {
      out.push({
        path: `demands[${i}].residency`,
        rule: 'residency',
        message: `demand "${printable(d.id)}": its residency leaves no site with ${d.class} capacity within ${d.maxLatencyMs} ms${d.allowedSites ? ' among its allowedSites' : ''} (within latency: ${usable.map((s) => printable(s.id)).join(', ')})`,
      });
    }
    if (!routes) return;
    const from = originHub(sc, o).hub;
    const k = d.dataset === undefined ? undefined : datasets.get(d.dataset);
    for (const s of kept) {
      if ((d.dataGBPerUnit ?? 0) > 0 && !routes.get(from)?.has(s.hub)) {
        const key = `${from} → ${s.hub}`;
        if (!missing.has(key)) missing.set(key, `demand "${printable(d.id)}" sends data from origin "${printable(o.id)}" (hub ${printable(from)}) to site "${printable(s.id)}"`);
      }
      if (k && !k.at.includes(s.id) && (k.sizeGB > 0)) {
        const reach = k.at.some((a) => {
          const h = siteById.get(a)?.hub;
          return h !== undefined && routes.get(h)?.has(s.hub);
        });
        const key = `dataset ${k.id} → ${s.hub}`;
        if (!reach && !missing.has(key)) missing.set(key, `demand "${printable(d.id)}" may run at site "${printable(s.id)}" (hub ${printable(s.hub)}), which no copy of dataset "${printable(k.id)}" can reach`);
      }
    }
  });
  for (const [pair, why] of missing) {
    out.push({ path: 'backbone.links', rule: 'backbone-disconnected', message: `no backbone route ${pair}: ${why}` });
  }
}
