/**
 * Validating a sweep spec: every problem with its JSON path and rule (`axes.carbonPrice[2]:
 * must be a finite number ≥ 0 [finite-nonnegative]`), like scenario validation; unknown fields are
 * errors, nothing is dropped. Site ids in `axes.outage` are checked against the base scenario by
 * `outageSets` once it is loaded.
 */
import { SuanflowError, type ScenarioIssue } from '../errors.js';
import { COMPUTE_CLASSES } from '../scenario/types.js';
import type { Scenario } from '../scenario/types.js';
import { printable } from '../util/printable.js';
import type { SweepSpec } from './spec-types.js';

/** The axes, in the order cases are expanded (the last one varies fastest). */
export const SWEEP_AXES = ['carbonPrice', 'demandScale', 'carbonCap', 'minGreenShare', 'outage', 'seeds', 'backend'] as const;
/** Top-level fields of a spec. */
export const SWEEP_SPEC_FIELDS = ['version', 'base', 'axes', 'backend', 'timeLimitSeconds', 'simulate'] as const;
/** Backends a spec may name. */
export const SWEEP_BACKENDS = ['auto', 'glpk', 'flow', 'highs', 'decompose'] as const;
const SIMULATE_FIELDS = ['lookaheadHours', 'demandError', 'greenError'] as const;

/** A sweep spec broke one or more rules; `issues` lists them all. */
export class SweepSpecError extends SuanflowError {
  override readonly name = 'SweepSpecError';
  readonly issues: readonly ScenarioIssue[];
  constructor(issues: readonly ScenarioIssue[]) {
    super([`invalid sweep spec: ${issues.length} problem${issues.length === 1 ? '' : 's'}`, ...issues.map((i) => `  ${i.path}: ${i.message} [${i.rule}]`)].join('\n'));
    this.issues = issues;
  }
}

const isObj = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);
const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** Every problem of `input` as a sweep spec; empty when valid. */
export function sweepSpecIssues(input: unknown): ScenarioIssue[] {
  const out: ScenarioIssue[] = [];
  const issue = (path: string, rule: string, message: string) => out.push({ path, rule, message });
  if (!isObj(input)) {
    issue('spec', 'type', `must be an object { "version": 1, "base": …, "axes": { … } }, got ${input === null ? 'null' : Array.isArray(input) ? 'an array' : typeof input}`);
    return out;
  }
  const unknown = (obj: Record<string, unknown>, known: readonly string[], path: string) => {
    for (const k of Object.keys(obj)) if (!known.includes(k)) issue(path ? `${path}.${k}` : k, 'unknown-field', `is not a field here (fields: ${known.join(', ')})`);
  };
  unknown(input, SWEEP_SPEC_FIELDS, '');
  if (input['version'] !== 1) issue('version', 'version', `must be 1, got ${printable(JSON.stringify(input['version']) ?? 'nothing')}`);
  const base = input['base'];
  if (typeof base !== 'string' || base.trim() === '') issue('base', 'base', 'must be a built-in scenario name (eastDataWestComputing, greenHubs, dataGravity) or a scenario file path relative to the spec');
  const backend = (v: unknown, path: string) => {
    if (!(SWEEP_BACKENDS as readonly unknown[]).includes(v)) issue(path, 'backend', `must be one of ${SWEEP_BACKENDS.join(', ')}, got ${printable(JSON.stringify(v) ?? 'nothing')}`);
  };
  if (input['backend'] !== undefined) backend(input['backend'], 'backend');
  const tl = input['timeLimitSeconds'];
  if (tl !== undefined && !(finite(tl) && tl > 0)) issue('timeLimitSeconds', 'positive', 'must be a number of seconds > 0');
  const list = (v: unknown, path: string, each: (x: unknown, p: string) => void) => {
    if (!Array.isArray(v)) return issue(path, 'type', 'must be an array of values');
    if (v.length === 0) return issue(path, 'non-empty', 'must hold at least one value');
    v.forEach((x, i) => each(x, `${path}[${i}]`));
    const seen = new Map<string, number>();
    v.forEach((x, i) => {
      const k = JSON.stringify(x);
      const first = seen.get(k);
      if (first !== undefined) issue(`${path}[${i}]`, 'duplicate', `repeats ${path}[${first}] (a case would run twice)`);
      else seen.set(k, i);
    });
  };
  const num = (ok: (x: number) => boolean, rule: string, text: string) => (x: unknown, p: string) => {
    if (!finite(x) || !ok(x)) issue(p, rule, `${text}, got ${printable(JSON.stringify(x) ?? 'nothing')}`);
  };
  const axes = input['axes'];
  if (!isObj(axes)) {
    issue('axes', 'type', 'must be an object of axes (carbonPrice, demandScale, carbonCap, minGreenShare, outage, seeds, backend)');
  } else {
    unknown(axes, SWEEP_AXES, 'axes');
    if (Object.keys(axes).length === 0) issue('axes', 'non-empty', 'must name at least one axis');
    if (axes['carbonPrice'] !== undefined) list(axes['carbonPrice'], 'axes.carbonPrice', num((x) => x >= 0, 'finite-nonnegative', 'must be a finite number ≥ 0'));
    if (axes['carbonCap'] !== undefined) list(axes['carbonCap'], 'axes.carbonCap', num((x) => x >= 0, 'finite-nonnegative', 'must be a finite number ≥ 0 (tonnes)'));
    if (axes['minGreenShare'] !== undefined) list(axes['minGreenShare'], 'axes.minGreenShare', num((x) => x >= 0 && x <= 1, 'share', 'must be a number in 0 … 1'));
    if (axes['seeds'] !== undefined) list(axes['seeds'], 'axes.seeds', num((x) => Number.isInteger(x) && x >= 0 && x <= 0xffffffff, 'seed', 'must be an integer in 0 … 4294967295'));
    if (axes['backend'] !== undefined) list(axes['backend'], 'axes.backend', backend);
    if (axes['demandScale'] !== undefined) {
      const factor = num((x) => x >= 0, 'finite-nonnegative', 'must be a finite number ≥ 0');
      list(axes['demandScale'], 'axes.demandScale', (x, p) => {
        if (!isObj(x)) return factor(x, p);
        unknown(x, COMPUTE_CLASSES, p);
        if (Object.keys(x).length === 0) issue(p, 'non-empty', `must give a factor for at least one class (${COMPUTE_CLASSES.join(', ')})`);
        for (const c of COMPUTE_CLASSES) if (x[c] !== undefined) factor(x[c], `${p}.${c}`);
      });
    }
    const o = axes['outage'];
    if (o !== undefined && o !== 'each-site' && o !== 'each-hub' && o !== 'each-pair') {
      if (!Array.isArray(o)) issue('axes.outage', 'outage', `must be "each-site", "each-hub", "each-pair" or an array of site-id lists, got ${printable(JSON.stringify(o) ?? 'nothing')}`);
      else
        list(o, 'axes.outage', (set, p) => {
          if (!Array.isArray(set) || set.length === 0) return issue(p, 'outage-set', 'must be a non-empty array of site ids');
          set.forEach((id, j) => {
            if (typeof id !== 'string' || id === '') issue(`${p}[${j}]`, 'site-id', 'must be a site id (a non-empty string)');
            else if (set.indexOf(id) !== j) issue(`${p}[${j}]`, 'duplicate', `repeats site "${printable(id)}"`);
          });
        });
    }
  }
  const sim = input['simulate'];
  if (sim !== undefined) {
    if (!isObj(sim)) issue('simulate', 'type', 'must be an object { lookaheadHours?, demandError?, greenError? }');
    else {
      unknown(sim, SIMULATE_FIELDS, 'simulate');
      if (!isObj(axes) || axes['seeds'] === undefined) issue('simulate', 'needs-seeds', 'applies only to simulation cases: add the axis "seeds"');
      const la = sim['lookaheadHours'];
      if (la !== undefined && !(Number.isInteger(la) && (la as number) >= 1)) issue('simulate.lookaheadHours', 'positive-integer', 'must be an integer number of hours ≥ 1');
      for (const f of ['demandError', 'greenError'] as const) if (sim[f] !== undefined) num((x) => x >= 0 && x <= 1, 'share', 'must be a number in 0 … 1')(sim[f], `simulate.${f}`);
    }
  }
  return out;
}

/** `input` typed as a SweepSpec; throws `SweepSpecError` listing every problem otherwise. */
export function validateSweepSpec(input: unknown): SweepSpec {
  const issues = sweepSpecIssues(input);
  if (issues.length > 0) throw new SweepSpecError(issues);
  return input as SweepSpec;
}

/**
 * The outage sets the spec's `outage` axis names, against the base scenario: `each-site` (sites in
 * order), `each-hub` (hubs in order of first site), `each-pair` (i < j in site order), or the
 * listed sets (each site id must exist: `axes.outage[1][0]` names an unknown one).
 */
export function outageSets(sc: Scenario, axis: NonNullable<SweepSpec['axes']['outage']>): (readonly string[])[] {
  if (axis === 'each-site') return sc.sites.map((s) => [s.id]);
  if (axis === 'each-hub') {
    const hubs = new Map<string, string[]>();
    for (const s of sc.sites) hubs.set(s.hub, [...(hubs.get(s.hub) ?? []), s.id]);
    return [...hubs.values()];
  }
  if (axis === 'each-pair') {
    const out: string[][] = [];
    for (let i = 0; i < sc.sites.length; i++) for (let j = i + 1; j < sc.sites.length; j++) out.push([sc.sites[i]!.id, sc.sites[j]!.id]);
    return out;
  }
  const ids = new Set(sc.sites.map((s) => s.id));
  const issues: ScenarioIssue[] = [];
  axis.forEach((set, i) =>
    set.forEach((id, j) => {
      if (!ids.has(id)) issues.push({ path: `axes.outage[${i}][${j}]`, rule: 'unknown-site', message: `no site "${printable(id)}" in the base scenario (sites: ${[...ids].slice(0, 12).join(', ')}${ids.size > 12 ? ', …' : ''})` });
    }),
  );
  if (issues.length > 0) throw new SweepSpecError(issues);
  return axis.map((s) => [...s]);
}
