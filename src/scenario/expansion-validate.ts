/**
 * Cross-field rules of the `expansion` block (structure is in schema.ts): candidates at known
 * sites, a class the site does not offer yet given its powerKW and unitCost, probabilities that
 * sum to 1, demandScale or demands (not both), each scenario's demands checked like the
 * scenario's own (with their paths).
 */
import type { ScenarioIssue } from '../errors.js';
import { isNum, isObj, isStr, list, type Obj } from './raw.js';
import { printable } from '../util/printable.js';

/** How far the probabilities may sum from 1. */
export const PROBABILITY_SUM_TOLERANCE = 1e-9;

/** Issues of `raw.expansion`; `check` validates a whole scenario (for each scenario's demands). */
export function expansionIssues(raw: Obj, out: ScenarioIssue[], check: (input: unknown) => ScenarioIssue[]): void {
  const e = raw.expansion;
  if (!isObj(e)) return;
  const sites = new Map<string, Obj>();
  for (const s of list(raw.sites)) if (isObj(s) && isStr(s.id) && !sites.has(s.id)) sites.set(s.id, s);
  const newClass = new Map<string, { powerKW: unknown; unitCost: unknown; at: number }>();
  list(e.candidates).forEach((c, i) => {
    if (!isObj(c)) return;
    const p = `expansion.candidates[${i}]`;
    if (!isStr(c.site)) return;
    const site = sites.get(c.site);
    if (!site) {
      out.push({ path: `${p}.site`, rule: 'unknown-reference', message: `site "${printable(c.site)}" does not exist` });
      return;
    }
    if (!isStr(c.class)) return;
    const offered = isObj(site.capacity) && site.capacity[c.class] !== undefined;
    for (const f of ['powerKW', 'unitCost'] as const) {
      if (offered && c[f] !== undefined) {
        out.push({ path: `${p}.${f}`, rule: 'class-offered', message: `must not be given: site "${printable(c.site)}" offers ${c.class} already, and its sites[].${f}.${c.class} applies` });
      }
      if (!offered && c[f] === undefined) {
        out.push({ path: `${p}.${f}`, rule: 'class-incomplete', message: `is required because site "${printable(c.site)}" does not offer ${c.class} yet` });
      }
    }
    if (!offered && isNum(c.powerKW) && isNum(c.unitCost)) {
      const key = `${c.site}\u0000${c.class}`;
      const first = newClass.get(key);
      if (!first) newClass.set(key, { powerKW: c.powerKW, unitCost: c.unitCost, at: i });
      else if (first.powerKW !== c.powerKW || first.unitCost !== c.unitCost) {
        out.push({ path: p, rule: 'class-mismatch', message: `powerKW and unitCost must equal those of expansion.candidates[${first.at}] (the same new ${c.class} pool at "${printable(c.site)}")` });
      }
    }
  });

  const scenarios = list(e.scenarios);
  const names = new Map<string, number>();
  let sum = 0;
  let sumOk = true;
  scenarios.forEach((k, i) => {
    if (!isObj(k)) return (sumOk = false);
    const p = `expansion.scenarios[${i}]`;
    if (isNum(k.probability)) sum += k.probability;
    else sumOk = false;
    if (isStr(k.name)) {
      const first = names.get(k.name);
      if (first !== undefined) out.push({ path: `${p}.name`, rule: 'duplicate-id', message: `duplicate name "${printable(k.name)}" (first used by expansion.scenarios[${first}])` });
      else names.set(k.name, i);
    }
    if (k.demandScale !== undefined && k.demands !== undefined) {
      out.push({ path: p, rule: 'exclusive', message: 'give demandScale or demands, not both' });
    }
    if (Array.isArray(k.demands)) {
      // The scenario's demands are checked as the scenario's own would be, with their own paths,
      // against the sites with every candidate class offered (new capacity may serve them).
      const issues = check({ ...raw, sites: withCandidateClasses(raw, e), demands: k.demands, expansion: undefined });
      for (const issue of issues) {
        if (!issue.path.startsWith('demands[')) continue;
        out.push({ ...issue, path: `${p}.${issue.path}`, message: issue.message.replace(/demands\[/g, `${p}.demands[`) });
      }
    }
  });
  if (sumOk && scenarios.length > 0 && Math.abs(sum - 1) > PROBABILITY_SUM_TOLERANCE) {
    out.push({ path: 'expansion.scenarios', rule: 'probability-sum', message: `probabilities sum to ${sum}, not 1 (within ${PROBABILITY_SUM_TOLERANCE})` });
  }
}

/** The raw sites with each candidate's class added where the site lacks it (for servability only). */
function withCandidateClasses(raw: Obj, e: Obj): unknown[] {
  const cands = list(e.candidates).filter(isObj);
  return list(raw.sites).map((s) => {
    if (!isObj(s) || !isObj(s.capacity) || !isObj(s.powerKW) || !isObj(s.unitCost)) return s;
    let out: Obj = s;
    for (const c of cands) {
      if (c.site !== s.id || !isStr(c.class) || out.capacity === undefined || (out.capacity as Obj)[c.class] !== undefined) continue;
      if (!isNum(c.moduleCapacity) || !isNum(c.maxModules) || !isNum(c.powerKW) || !isNum(c.unitCost)) continue;
      out = {
        ...out,
        capacity: { ...(out.capacity as Obj), [c.class]: c.moduleCapacity * c.maxModules },
        powerKW: { ...(out.powerKW as Obj), [c.class]: c.powerKW },
        unitCost: { ...(out.unitCost as Obj), [c.class]: c.unitCost },
      };
    }
    return out;
  });
}
