/**
 * Scenario validation: every problem, each with its JSON path and rule, all at once.
 * Structure comes from the zod schema; cross-field rules run on whatever parts are well formed,
 * so one pass reports structural and semantic problems together.
 */
import type { core } from 'zod';
import { ScenarioError, type ScenarioIssue } from '../errors.js';
import { geoLatencyMs, LATENCY_EPS_MS } from '../geo/haversine.js';
import { fieldMagnitudeIssues, scaleIssues } from './magnitude.js';
import { isNum, isObj, isStr, list, type Obj } from './raw.js';
import { scenarioSchema } from './schema.js';
import { dataReferenceIssues, dataServabilityIssues } from './validate-data.js';
import { expansionIssues } from './expansion-validate.js';
import { COMPUTE_CLASSES, type ComputeClass, type Scenario } from './types.js';
import { printable } from '../util/printable.js';

type PathPart = string | number | symbol;

/** `sites[2].capacity.general` style path; the root is `scenario`. */
export function formatPath(path: readonly PathPart[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? printable(String(p)) : `.${printable(String(p))}`;
  }
  return out === '' ? 'scenario' : out;
}

/**
 * Whether `path` names a key that `input` lacks: its parent is an object (or array) without it,
 * or holds `undefined` there. Only then is a type mismatch a missing value.
 */
function isMissing(input: unknown, path: readonly PathPart[]): boolean {
  let node: unknown = input;
  for (let i = 0; i < path.length; i++) {
    if (typeof node !== 'object' || node === null) return false;
    const key = path[i]!;
    const next: unknown = (node as Record<PathPart, unknown>)[key];
    if (next === undefined) return i === path.length - 1;
    node = next;
  }
  return false;
}

/** What a missing field must hold, for the `required` message (from the issue's expectation). */
function expectation(issue: core.$ZodIssue): string {
  if (issue.code === 'invalid_type') return issue.expected === 'object' ? 'an object' : issue.expected === 'array' ? 'an array' : `a ${issue.expected}`;
  if (issue.code === 'invalid_value') return `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  return 'a number ≥ 0 or an array of numbers ≥ 0';
}

function zodIssues(issues: readonly core.$ZodIssue[], prefix: readonly PathPart[], out: ScenarioIssue[], input: unknown): void {
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if ((issue.code === 'invalid_type' || issue.code === 'invalid_union' || issue.code === 'invalid_value') && isMissing(input, path)) {
      out.push({ path: formatPath(path), rule: 'required', message: `is required (${expectation(issue)})` });
      continue;
    }
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const key of issue.keys) {
          out.push({ path: formatPath([...path, key]), rule: 'unknown-key', message: `unknown key "${printable(key)}" (typo? unknown keys are not ignored)` });
        }
        break;
      case 'invalid_union': {
        // Report the branch that matched the value's type; if none did, say what types fit.
        const branch = issue.errors.find((b) => !b.some((i) => i.code === 'invalid_type' && i.path.length === 0));
        if (branch) zodIssues(branch, path, out, input);
        else out.push({ path: formatPath(path), rule: 'type', message: 'must be a number ≥ 0 or an array of numbers ≥ 0' });
        break;
      }
      case 'invalid_type': {
        const received = (issue as { received?: string }).received;
        if (received === 'NaN' || received === 'Infinity' || received === '-Infinity') {
          out.push({ path: formatPath(path), rule: 'finite-number', message: `must be a finite number, got ${received}` });
        } else if (issue.expected === 'int') {
          out.push({ path: formatPath(path), rule: 'integer', message: 'must be an integer' });
        } else {
          out.push({ path: formatPath(path), rule: 'type', message: `must be ${issue.expected === 'object' ? 'an object' : `a ${issue.expected}`}` });
        }
        break;
      }
      case 'too_small':
      case 'too_big':
        out.push({ path: formatPath(path), rule: 'range', message: issue.message.replace(/^Too (small|big): /, '') });
        break;
      case 'invalid_value':
        out.push({
          path: formatPath(path),
          rule: path.length === 1 && path[0] === 'version' ? 'version' : 'enum',
          message: `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`,
        });
        break;
      default:
        out.push({ path: formatPath(path), rule: issue.code, message: issue.message });
    }
  }
}

/** Hour values of an hourly field, or undefined when malformed (reported by the schema). */
function hourValue(v: unknown, t: number): number | undefined {
  if (isNum(v)) return v;
  if (Array.isArray(v)) {
    const x: unknown = v[t];
    return isNum(x) ? x : undefined;
  }
  return undefined;
}

/** Cross-field rules; tolerant of malformed parts (the schema reports those). */
function semanticIssues(raw: Obj, out: ScenarioIssue[]): void {
  const H = isNum(raw.horizonHours) && Number.isInteger(raw.horizonHours) && raw.horizonHours >= 1 ? raw.horizonHours : undefined;
  const sites = list(raw.sites);
  const origins = list(raw.origins);
  const demands = list(raw.demands);
  const links = list(raw.links);

  const ids = (items: unknown[], field: string): Map<string, number> => {
    const seen = new Map<string, number>();
    items.forEach((item, i) => {
      if (!isObj(item) || !isStr(item.id)) return;
      const first = seen.get(item.id);
      if (first !== undefined) {
        out.push({ path: `${field}[${i}].id`, rule: 'duplicate-id', message: `duplicate id "${printable(item.id)}" (first used by ${field}[${first}])` });
      } else seen.set(item.id, i);
    });
    return seen;
  };
  const siteIdx = ids(sites, 'sites');
  const originIdx = ids(origins, 'origins');
  ids(demands, 'demands');

  const checkLength = (v: unknown, path: string): void => {
    if (H !== undefined && Array.isArray(v) && v.length !== H) {
      out.push({ path, rule: 'hourly-length', message: `has ${v.length} values; an hourly array needs exactly horizonHours = ${H}` });
    }
  };

  sites.forEach((s, i) => {
    if (!isObj(s)) return;
    const p = `sites[${i}]`;
    for (const f of ['electricityPrice', 'gridCarbon', 'marginalCarbon', 'greenSupplyMW'] as const) checkLength(s[f], `${p}.${f}`);
    const cap = isObj(s.capacity) ? s.capacity : {};
    for (const c of COMPUTE_CLASSES) {
      if (cap[c] === undefined) continue;
      checkLength(cap[c], `${p}.capacity.${c}`);
      for (const f of ['powerKW', 'unitCost'] as const) {
        if (isObj(s[f]) && (s[f] as Obj)[c] === undefined) {
          out.push({ path: `${p}.${f}.${c}`, rule: 'class-incomplete', message: `is required because the site has ${c} capacity` });
        }
      }
    }
  });

  const linkKeys = new Map<string, number>();
  links.forEach((l, i) => {
    if (!isObj(l)) return;
    if (isStr(l.from) && !originIdx.has(l.from)) {
      out.push({ path: `links[${i}].from`, rule: 'unknown-reference', message: `origin "${printable(l.from)}" does not exist` });
    }
    if (isStr(l.to) && !siteIdx.has(l.to)) {
      out.push({ path: `links[${i}].to`, rule: 'unknown-reference', message: `site "${printable(l.to)}" does not exist` });
    }
    if (isStr(l.from) && isStr(l.to)) {
      const key = `${l.from}\u0000${l.to}`;
      const first = linkKeys.get(key);
      if (first !== undefined) {
        out.push({ path: `links[${i}]`, rule: 'duplicate-link', message: `link ${l.from} → ${l.to} is already given by links[${first}]` });
      } else linkKeys.set(key, i);
    }
  });

  const prices = isObj(raw.prices) ? raw.prices : undefined;
  carbonSignalIssues(raw, sites, out);
  const penalty = prices?.unmetPenalty;

  demands.forEach((d, i) => {
    if (!isObj(d)) return;
    const p = `demands[${i}]`;
    if (isStr(d.origin) && !originIdx.has(d.origin)) {
      out.push({ path: `${p}.origin`, rule: 'unknown-reference', message: `origin "${printable(d.origin)}" does not exist` });
    }
    list(d.allowedSites).forEach((s, j) => {
      if (isStr(s) && !siteIdx.has(s)) {
        out.push({ path: `${p}.allowedSites[${j}]`, rule: 'unknown-reference', message: `site "${printable(s)}" does not exist` });
      }
    });
    if (isObj(penalty) && isStr(d.class) && penalty[d.class] === undefined) {
      out.push({ path: `prices.unmetPenalty.${d.class}`, rule: 'class-incomplete', message: `is required because ${p} is of class ${d.class}` });
    }
    const w = isObj(d.window) ? d.window : undefined;
    if (w) {
      if (Array.isArray(d.amount)) {
        out.push({ path: `${p}.amount`, rule: 'window-amount', message: 'must be a number (total unit-hours) when the demand has a window' });
      }
      if (isNum(w.release) && isNum(w.deadline) && w.release >= w.deadline) {
        out.push({ path: `${p}.window`, rule: 'window-order', message: `release ${w.release} must be before deadline ${w.deadline}` });
      }
      if (H !== undefined && isNum(w.deadline) && w.deadline > H) {
        out.push({ path: `${p}.window.deadline`, rule: 'window-horizon', message: `${w.deadline} is past the horizon (horizonHours = ${H})` });
      }
      if (H !== undefined && isNum(w.release) && w.release >= H) {
        out.push({ path: `${p}.window.release`, rule: 'window-horizon', message: `${w.release} is not inside the horizon (hours 0 … ${H - 1})` });
      }
    } else checkLength(d.amount, `${p}.amount`);
  });

  dataReferenceIssues(raw, out);
  expansionIssues(raw, out, scenarioIssues);
  fieldMagnitudeIssues(raw, out);
  // Servability and the scale rules need well-formed parts; skip them when the rest already
  // failed, to avoid noise.
  if (out.length === 0) {
    servabilityIssues(raw as unknown as Scenario, out);
    scaleIssues(raw as unknown as Scenario, out);
    dataServabilityIssues(raw as unknown as Scenario, out);
  }
}

/**
 * Indices of the demands of a scenario (valid, or a valid one with sites taken out) that no site
 * can ever serve: the `unservable` rule of validation alone, without the schema and other rules.
 */
export function unservableDemands(sc: Scenario): number[] {
  const out: ScenarioIssue[] = [];
  servabilityIssues(sc, out);
  const idx = new Set<number>();
  for (const i of out) {
    const m = /^demands\[(\d+)\]/.exec(i.path);
    if (i.rule === 'unservable' && m) idx.add(Number(m[1]));
  }
  return [...idx].sort((a, b) => a - b);
}

/** A demand no site can ever serve is an error: say whether latency, allowed sites or capacity is why. */
function servabilityIssues(sc: Scenario, out: ScenarioIssue[]): void {
  const H = sc.horizonHours;
  const nS = sc.sites.length;
  const originIdx = new Map(sc.origins.map((o, i) => [o.id, i]));
  const siteIdx = new Map(sc.sites.map((x, i) => [x.id, i]));
  // Link latencies by origin index · nS + site index (validation forbids duplicate links).
  const linkLatency = new Map<number, number>();
  for (const l of sc.links ?? []) {
    const oi = originIdx.get(l.from);
    const si = siteIdx.get(l.to);
    if (oi !== undefined && si !== undefined && l.latencyMs !== undefined) linkLatency.set(oi * nS + si, l.latencyMs);
  }
  // Per site and class: how many hours before t have capacity (a prefix count), so "capacity
  // somewhere in this window" is one subtraction instead of a scan per demand.
  const capHours: (Int32Array | undefined)[] = new Array(nS * COMPUTE_CLASSES.length);
  const capIn = (s: number, cls: ComputeClass, from: number, to: number): boolean => {
    const key = s * COMPUTE_CLASSES.length + COMPUTE_CLASSES.indexOf(cls);
    let pre = capHours[key];
    if (!pre) {
      const cap = sc.sites[s]!.capacity[cls];
      pre = new Int32Array(H + 1);
      for (let t = 0; t < H; t++) pre[t + 1] = pre[t]! + (cap !== undefined && (hourValue(cap, t) ?? 0) > 0 ? 1 : 0);
      capHours[key] = pre;
    }
    return pre[to]! - pre[from]! > 0;
  };
  // Latency per origin × site, computed once per origin (many demands share an origin).
  const perOrigin: (Float64Array | undefined)[] = new Array(sc.origins.length);
  const latencies = (oi: number): Float64Array => {
    let row = perOrigin[oi];
    if (!row) {
      const o = sc.origins[oi]!;
      row = new Float64Array(nS);
      for (let s = 0; s < nS; s++) {
        const x = sc.sites[s]!;
        row[s] = (linkLatency.size > 0 ? linkLatency.get(oi * nS + s) : undefined) ?? geoLatencyMs(o.lon, o.lat, x.lon, x.lat);
      }
      perOrigin[oi] = row;
    }
    return row;
  };
  // Per site and class, whether it has capacity in every hour (the common case: then "capacity in
  // the window" needs no prefix count).
  const NC = COMPUTE_CLASSES.length;
  const alwaysCap = new Uint8Array(nS * NC);
  for (let s = 0; s < nS; s++) {
    for (let c = 0; c < NC; c++) {
      const cap = sc.sites[s]!.capacity[COMPUTE_CLASSES[c]!];
      if (typeof cap === 'number' && cap > 0) alwaysCap[s * NC + c] = 1;
    }
  }
  const siteIds = sc.sites.map((x) => x.id);
  for (let i = 0; i < sc.demands.length; i++) {
    const d = sc.demands[i]!;
    const oi = originIdx.get(d.origin);
    if (oi === undefined) continue;
    const from = d.window ? d.window.release : 0;
    const to = d.window ? d.window.deadline : H;
    const allowedIds = d.allowedSites ? new Set(d.allowedSites) : undefined;
    const row = latencies(oi);
    const ci = COMPUTE_CLASSES.indexOf(d.class);
    let allowed = 0;
    let best = Infinity;
    let bestSite = -1;
    for (let s = 0; s < nS; s++) {
      if (allowedIds && !allowedIds.has(siteIds[s]!)) continue;
      allowed++;
      if (row[s]! < best && (alwaysCap[s * NC + ci] === 1 || capIn(s, d.class, from, to))) {
        best = row[s]!;
        bestSite = s;
      }
    }
    const p = `demands[${i}]`;
    const k = d.replicas ?? 1;
    if (k > 1 && bestSite >= 0) replicaIssues(sc, d, p, k, (s) => (!allowedIds || allowedIds.has(sc.sites[s]!.id)) && capIn(s, d.class, from, to) && row[s]! <= d.maxLatencyMs + LATENCY_EPS_MS, out);
    if (allowed === 0) {
      out.push({ path: `${p}.allowedSites`, rule: 'unservable', message: 'no site can serve this demand: allowedSites is empty' });
    } else if (bestSite < 0) {
      const where = d.allowedSites ? 'none of its allowedSites has' : 'no site has';
      out.push({ path: `${p}.class`, rule: 'unservable', message: `no site can serve this demand: ${where} ${d.class} capacity${d.window ? ' inside its window' : ''}` });
    } else if (best > d.maxLatencyMs + LATENCY_EPS_MS) {
      out.push({
        path: `${p}.maxLatencyMs`,
        rule: 'unservable',
        message: `no site can serve this demand within ${d.maxLatencyMs} ms: the nearest site with ${d.class} capacity${d.allowedSites ? ' among allowedSites' : ''} is "${printable(sc.sites[bestSite]!.id)}" at ${best.toFixed(2)} ms`,
      });
    }
  }
}

/**
 * A replicated demand needs `replicas` groups of its `replicaScope` among its usable sites (within
 * latency, allowed, with capacity of its class in its hours); copies of windowed work cannot share
 * `window.maxPerHour` (a per-copy cap is not modelled, so the pair is refused rather than guessed).
 */
function replicaIssues(sc: Scenario, d: Scenario['demands'][number], p: string, k: number, usable: (s: number) => boolean, out: ScenarioIssue[]): void {
  const scope = d.replicaScope ?? 'hub';
  const groups = new Set<string>();
  sc.sites.forEach((site, s) => {
    if (usable(s)) groups.add(scope === 'site' ? site.id : scope === 'hub' ? site.hub : site.region);
  });
  if (groups.size < k) {
    const which = groups.size === 0 ? 'none' : [...groups].map((g) => `"${printable(g)}"`).join(', ');
    out.push({
      path: `${p}.replicas`,
      rule: 'replica-groups',
      message: `demand "${printable(d.id)}" asks for ${k} copies in different ${scope}s, but its usable sites (latency ≤ ${d.maxLatencyMs} ms${d.allowedSites ? ', allowedSites' : ''}, ${d.class} capacity${d.window ? ' in its window' : ''}) span ${groups.size} ${scope}${groups.size === 1 ? '' : 's'} (${which})`,
    });
  }
  if (d.window?.maxPerHour !== undefined) {
    out.push({ path: `${p}.window.maxPerHour`, rule: 'replica-max-per-hour', message: `cannot be combined with replicas > 1 (a per-copy hourly cap is not modelled); drop one of them` });
  }
}

// A fast path for the structure of large scenarios: the hot arrays (demands, origins, links) are
// checked by hand, conservatively: an item passes only when the schema surely accepts it, and
// anything unusual (an unknown or undefined key, a value out of range, a non-plain object) fails.
// When every item passes, the schema parses the rest with those arrays emptied (their array-level
// rules accept an empty array); otherwise, or when the rest fails, the schema parses the whole
// input, so every problem is reported exactly as the schema alone reports it.

/** A plain object (what the schema's strict objects accept, and no more). */
const isPlain = (v: unknown): v is Obj => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype;
};
const isId = (v: unknown): boolean => typeof v === 'string' && v.length > 0;
const isNonNeg = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isHourly = (v: unknown): boolean => {
  if (isNonNeg(v)) return true;
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (!isNonNeg(v[i])) return false;
  return true;
};
const isIntAtLeast = (v: unknown, min: number): boolean => typeof v === 'number' && Number.isSafeInteger(v) && v >= min;
const isArrayOf = (v: unknown, ok: (x: unknown) => boolean): boolean => {
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (!ok(v[i])) return false;
  return true;
};
const REGIONS: ReadonlySet<unknown> = new Set(['east', 'central', 'west']);
const CLASSES: ReadonlySet<unknown> = new Set(COMPUTE_CLASSES);
const SCOPES: ReadonlySet<unknown> = new Set(['site', 'hub', 'region']);

function fastWindow(w: unknown): boolean {
  if (!isPlain(w)) return false;
  for (const k in w) {
    const v = w[k];
    if (k === 'release' ? !isIntAtLeast(v, 0) : k === 'deadline' ? !isIntAtLeast(v, 1) : k === 'maxPerHour' ? !isNonNeg(v) : true) return false;
  }
  return isIntAtLeast(w.release, 0) && isIntAtLeast(w.deadline, 1);
}

function fastResidency(r: unknown): boolean {
  if (!isPlain(r)) return false;
  for (const k in r) {
    const v = r[k];
    if (k === 'regions' ? !isArrayOf(v, (x) => REGIONS.has(x)) : k === 'hubs' || k === 'provinces' ? !isArrayOf(v, isStr) : true) return false;
  }
  return true;
}

/** Whether the schema surely accepts `d` as a demand (false: let the schema say). */
function fastDemand(d: unknown): boolean {
  if (!isPlain(d)) return false;
  let required = 0;
  for (const k in d) {
    const v = d[k];
    switch (k) {
      case 'id':
      case 'origin':
        if (!isId(v)) return false;
        required++;
        break;
      case 'class':
        if (!CLASSES.has(v)) return false;
        required++;
        break;
      case 'amount':
        if (!isHourly(v)) return false;
        required++;
        break;
      case 'maxLatencyMs':
        if (!isNonNeg(v)) return false;
        required++;
        break;
      case 'dataGBPerUnit':
        if (!isNonNeg(v)) return false;
        break;
      case 'allowedSites':
        if (!isArrayOf(v, isId)) return false;
        break;
      case 'window':
        if (!fastWindow(v)) return false;
        break;
      case 'description':
        if (!isStr(v)) return false;
        break;
      case 'residency':
        if (!fastResidency(v)) return false;
        break;
      case 'dataset':
      case 'model':
        if (!isId(v)) return false;
        break;
      case 'replicas':
        if (!isIntAtLeast(v, 1)) return false;
        break;
      case 'replicaScope':
        if (!SCOPES.has(v)) return false;
        break;
      default:
        return false;
    }
  }
  return required === 5;
}

const isLon = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && v >= -180 && v <= 180;
const isLat = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && v >= -90 && v <= 90;

/** Whether the schema surely accepts `o` as an origin. */
function fastOrigin(o: unknown): boolean {
  if (!isPlain(o)) return false;
  let required = 0;
  for (const k in o) {
    const v = o[k];
    switch (k) {
      case 'id':
        if (!isId(v)) return false;
        required++;
        break;
      case 'name':
      case 'province':
        if (!isStr(v)) return false;
        required++;
        break;
      case 'lon':
        if (!isLon(v)) return false;
        required++;
        break;
      case 'lat':
        if (!isLat(v)) return false;
        required++;
        break;
      case 'region':
        if (!REGIONS.has(v)) return false;
        break;
      case 'hub':
        if (!isStr(v)) return false;
        break;
      default:
        return false;
    }
  }
  return required === 5;
}

/** Whether the schema surely accepts `l` as a link. */
function fastLink(l: unknown): boolean {
  if (!isPlain(l)) return false;
  let required = 0;
  for (const k in l) {
    const v = l[k];
    if (k === 'from' || k === 'to') {
      if (!isId(v)) return false;
      required++;
    } else if (k === 'latencyMs' || k === 'costPerGB' || k === 'bandwidthGbps') {
      if (!isNonNeg(v)) return false;
    } else return false;
  }
  return required === 2;
}

/** Arrays long enough that checking them by hand first pays (below this the schema parses all). */
const FAST_MIN_ITEMS = 256;

/**
 * The input with its hot arrays emptied when every item of them surely passes the schema, or
 * undefined when the schema must parse the whole input.
 */
function withoutCheckedArrays(input: unknown): Obj | undefined {
  if (!isPlain(input)) return undefined;
  const hot = [['demands', fastDemand], ['origins', fastOrigin], ['links', fastLink]] as const;
  let rest: Obj | undefined;
  for (const [key, ok] of hot) {
    const v = input[key];
    if (!Array.isArray(v) || v.length < FAST_MIN_ITEMS) continue;
    if (!isArrayOf(v, ok)) return undefined;
    rest ??= { ...input };
    rest[key] = [];
  }
  return rest;
}

/** Every problem of `input` as a scenario; an empty list means it is valid. */
export function scenarioIssues(input: unknown): ScenarioIssue[] {
  return issuesOf(input, true);
}

/** `scenarioIssues` with the schema parsing the whole input (the oracle of the fast path's tests). */
export function scenarioIssuesBySchema(input: unknown): ScenarioIssue[] {
  return issuesOf(input, false);
}

function issuesOf(input: unknown, fast: boolean): ScenarioIssue[] {
  const out: ScenarioIssue[] = [];
  const rest = fast ? withoutCheckedArrays(input) : undefined;
  const parsed = rest !== undefined && scenarioSchema.safeParse(rest).success ? undefined : scenarioSchema.safeParse(input);
  if (parsed && !parsed.success) zodIssues(parsed.error.issues, [], out, input);
  if (isObj(input)) semanticIssues(input, out);
  return out;
}

/**
 * Checks `input` and returns it typed as a Scenario; throws `ScenarioError` listing every
 * problem (JSON path, rule, message) otherwise. Nothing is clamped or dropped.
 */
export function validateScenario(input: unknown): Scenario {
  const issues = scenarioIssues(input);
  if (issues.length > 0) throw new ScenarioError(issues);
  return input as Scenario;
}

/**
 * `prices.carbonSignal: "marginal"`: every site must give `marginalCarbon` (one issue per site
 * without it), and the accounting must be market-based (a marginal factor prices grid draw).
 */
function carbonSignalIssues(raw: Obj, sites: unknown[], out: ScenarioIssue[]): void {
  const prices = isObj(raw.prices) ? raw.prices : undefined;
  if (prices?.carbonSignal !== 'marginal') return;
  sites.forEach((s, i) => {
    if (isObj(s) && s.marginalCarbon === undefined) {
      out.push({ path: `sites[${i}].marginalCarbon`, rule: 'marginal-required', message: `is required because prices.carbonSignal is "marginal" (every site must give its marginal carbon factor, kgCO2/kWh)` });
    }
  });
  const policy = isObj(raw.policy) ? raw.policy : undefined;
  if (policy?.carbonAccounting === 'location') {
    out.push({ path: 'prices.carbonSignal', rule: 'signal-accounting', message: '"marginal" needs policy.carbonAccounting "market": a marginal factor prices the energy drawn from the grid, not green supply used on site' });
  }
}
