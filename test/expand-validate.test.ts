import { describe, expect, it } from 'vitest';
import { scenarioIssues } from '../src/scenario/validate.js';
import { expand } from '../src/safety/expansion.js';
import { OptionsError } from '../src/errors.js';
import type { Expansion } from '../src/scenario/types.js';
import { demand, tiny } from './fixtures.js';

const ok: Expansion = {
  candidates: [{ site: 'A', class: 'general', moduleCapacity: 5, fixedCost: 3, maxModules: 2 }],
  scenarios: [
    { name: 'low', probability: 0.4, demandScale: 0.5 },
    { name: 'high', probability: 0.6, demandScale: 1.5 },
  ],
};
const issues = (e: unknown) => scenarioIssues({ ...tiny(), expansion: e }).map((i) => `${i.path}: ${i.rule}`);

describe('the expansion block: bad input names its path', () => {
  it('a valid block has no issues', () => {
    expect(issues(ok)).toEqual([]);
  });

  it('unknown sites, classes the site lacks, class fields it already has', () => {
    expect(issues({ ...ok, candidates: [{ ...ok.candidates[0], site: 'Z' }] })).toEqual(['expansion.candidates[0].site: unknown-reference']);
    expect(issues({ ...ok, candidates: [{ ...ok.candidates[0], class: 'intelligent' }] })).toEqual([
      'expansion.candidates[0].powerKW: class-incomplete',
      'expansion.candidates[0].unitCost: class-incomplete',
    ]);
    expect(issues({ ...ok, candidates: [{ ...ok.candidates[0], powerKW: 2 }] })).toEqual(['expansion.candidates[0].powerKW: class-offered']);
  });

  it('probabilities that do not sum to 1, negative budget, fractional maxModules, both demandScale and demands', () => {
    expect(issues({ ...ok, scenarios: [{ ...ok.scenarios[0], probability: 0.3 }, ok.scenarios[1]] })).toEqual(['expansion.scenarios: probability-sum']);
    expect(issues({ ...ok, scenarios: [{ ...ok.scenarios[0], probability: 0.4 + 1e-10 }, ok.scenarios[1]] })).toEqual([]);
    expect(issues({ ...ok, budget: -1 })).toEqual(['expansion.budget: range']);
    expect(issues({ ...ok, candidates: [{ ...ok.candidates[0], maxModules: 1.5 }] })).toEqual(['expansion.candidates[0].maxModules: integer']);
    expect(issues({ ...ok, candidates: [{ ...ok.candidates[0], maxModules: -1 }] })).toEqual(['expansion.candidates[0].maxModules: range']);
    expect(issues({ ...ok, scenarios: [{ ...ok.scenarios[0], demands: [demand('x')] }, ok.scenarios[1]] })).toEqual(['expansion.scenarios[0]: exclusive']);
    expect(issues({ ...ok, scenarios: [ok.scenarios[0], { ...ok.scenarios[1], name: 'low' }] })).toEqual(['expansion.scenarios[1].name: duplicate-id']);
    expect(issues({ ...ok, scenarios: [] })).toEqual(['expansion.scenarios: range']);
    expect(issues({ ...ok, mipGap: 1 })).toEqual(['expansion.mipGap: range']);
    expect(issues({ ...ok, typo: 1 })).toEqual(['expansion.typo: unknown-key']);
  });

  it('a scenario\'s own demands are checked like the scenario\'s, with their paths', () => {
    const e = { ...ok, scenarios: [ok.scenarios[0], { name: 'own', probability: 0.6, demands: [demand('x', { origin: 'nowhere' })] }] };
    expect(issues(e)).toEqual(['expansion.scenarios[1].demands[0].origin: unknown-reference']);
  });

  it('expand without an expansion block, and unknown options, are errors', async () => {
    await expect(expand(tiny())).rejects.toThrow(OptionsError);
    await expect(expand({ ...tiny(), expansion: ok }, { timeLimit: 1 } as never)).rejects.toThrow(/timeLimit/);
  });
});
