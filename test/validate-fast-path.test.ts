/**
 * The fast structural path of validation (hand checks of demands, origins and links when they are
 * long, the schema for the rest) reports exactly what the schema alone reports: the same issues,
 * paths, rules and messages, in the same order, on seeded mutations of a large scenario.
 */
import { describe, expect, it } from 'vitest';
import { generateScenario } from '../src/bench/generate.js';
import { scenarioIssues, scenarioIssuesBySchema } from '../src/scenario/validate.js';
import { mulberry32 } from '../src/util/prng.js';
import { choose, DELETE, int, paths, update, type Json, type Path, type Rng } from './json-mutation.js';


/** A valid scenario whose demands, origins and links are long enough for the fast path, using every demand field. */
function base(): Record<string, Json> {
  const sc = generateScenario({ demands: 300, sites: 6, hours: 4, seed: 7 });
  const origins = Array.from({ length: 270 }, (_, i) => ({ ...sc.origins[i % sc.origins.length]!, id: `o${i}`, ...(i % 3 === 0 ? { region: 'east' as const, hub: sc.sites[0]!.hub } : {}) }));
  const links = origins.map((o, i) => ({ from: o.id, to: sc.sites[i % sc.sites.length]!.id, latencyMs: 5 + (i % 7), ...(i % 2 ? { costPerGB: 0.1, bandwidthGbps: 10 } : {}) }));
  const demands = sc.demands.map((d, i) => {
    const extra: Record<string, Json> = {};
    if (i % 5 === 0) extra.description = `d${i}`;
    if (i % 7 === 0) extra.allowedSites = sc.sites.map((s) => s.id);
    if (i % 11 === 0) extra.residency = { regions: ['east', 'west', 'central'] };
    if (i % 13 === 0) Object.assign(extra, { replicas: 1, replicaScope: 'site' });
    if (i % 17 === 0) return { ...d, ...extra, amount: 3, window: { release: 0, deadline: 4, ...(i % 2 ? { maxPerHour: 2 } : {}) } };
    return { ...d, ...extra, amount: i % 3 === 0 ? [1, 2, 0, 1.5] : d.amount };
  });
  return { ...sc, origins, links, demands } as unknown as Record<string, Json>;
}

const ODD: readonly Json[] = [null, undefined, 'x', '', true, {}, [], Number.NaN, Infinity, -Infinity, -1, 0, -0, 1e308, 2 ** 53 + 2, 0.5, 1.5, 'east', 'general', 'site', new Date(0), [1, -1], [null]];


/** One mutation, mostly inside one item of a hot array. */
function mutate(r: Rng, sc: Json): Json {
  const key = choose(r, ['demands', 'demands', 'demands', 'origins', 'links', 'sites', 'prices']);
  const items = (sc as Record<string, Json[]>)[key];
  const i = Array.isArray(items) ? int(r, items.length) : 0;
  const under: Path = Array.isArray(items) ? [key, i] : [key];
  const all = paths((sc as Record<string, Json>)[key], [key], []).filter(([p]) => p.length >= under.length && under.every((x, k) => p[k] === x));
  if (all.length === 0) return sc;
  const [p, v] = choose(r, all);
  switch (int(r, 6)) {
    case 0:
      return update(sc, p, () => DELETE);
    case 1:
      return update(sc, p, () => choose(r, ODD));
    case 2: {
      const objs = all.filter(([, x]) => typeof x === 'object' && x !== null && !Array.isArray(x));
      if (objs.length === 0) return sc;
      return update(sc, choose(r, objs)[0], (o) => ({ ...(o as object), [choose(r, ['extraKey', 'ID', '__proto__x', 'maxPerhour'])]: 1 }));
    }
    case 3:
      return update(sc, p, () => (Array.isArray(v) ? {} : [v]));
    case 4:
      return typeof v === 'number' ? update(sc, p, () => (r() < 0.5 ? -v : v + 0.5)) : update(sc, p, () => String(v));
    default:
      return update(sc, under, () => choose(r, [null, 'x', [], 1, Object.create(null) as Json, new Date(0)]));
  }
}

describe('validation fast path', () => {
  it('accepts the valid base scenario on both paths', () => {
    const sc = base();
    expect(scenarioIssuesBySchema(sc)).toEqual([]);
    expect(scenarioIssues(sc)).toEqual([]);
  });

  it('reports exactly what the schema alone reports on 250 seeded mutations', () => {
    const r = mulberry32(20261202);
    const sc0 = base();
    let invalid = 0;
    for (let c = 0; c < 250; c++) {
      let sc: Json = sc0;
      for (let k = 1 + int(r, 2); k > 0; k--) sc = mutate(r, sc);
      const slow = scenarioIssuesBySchema(sc);
      const fast = scenarioIssues(sc);
      expect(fast, `case ${c}`).toEqual(slow);
      if (slow.length > 0) invalid++;
    }
    // The mutations must mostly break something, or the comparison says little.
    expect(invalid).toBeGreaterThan(150);
  });
});
