/**
 * N-1-secure plans by constraint generation (issue 16, item 3; README, "N-1-secure plans"): solve
 * the plain placement LP, check every outage × hour × protected class of the plan by a max-flow
 * (safety/recourse.ts), add the recourse sub-blocks the plan violates (safety/secure-blocks.ts),
 * re-solve, until no outage is violated. Each round's LP is a relaxation of the full N-1 LP (it
 * holds a subset of its rows, and z columns appear only in their own rows), and the last round's
 * optimum satisfies every row of the full LP (no max-flow falls short), so it is optimal for the
 * full LP: exact, with only the blocks that bind in the model.
 */
import type { LpModel } from '../formulate/lp-model.js';
import { usableSites } from '../formulate/placement.js';
import type { Presolved } from '../formulate/presolve.js';
import type { OutageRecourse, Plan, PresolveInfo, RecourseFlow, SecurityInfo } from '../plan/types.js';
import type { Scenario } from '../scenario/types.js';
import type { SolveClock } from '../solve/clock.js';
import { runBackend } from '../solve/run-backend.js';
import { addRecourseBlock, indexModel } from './secure-blocks.js';
import { outagesOf, type Outage } from './outages.js';
import { checkRecourse, planLoad, shortOf } from './recourse.js';

/** What the loop needs from `solve`. */
export interface SecureRun {
  readonly sc: Scenario;
  readonly latency: Float64Array;
  readonly model: LpModel;
  readonly backend: 'glpk' | 'highs';
  readonly reason: string;
  readonly opts: { readonly timeLimitSeconds: number; readonly gapTolerance: number; readonly maxRounds: number };
  readonly clock: SolveClock;
  readonly presolve: PresolveInfo;
  readonly t0: number;
}

/** Site indices usable by each demand (latency, allowed sites, class offered), as the placement LP has them. */
function usableByDemand(sc: Scenario, latency: Float64Array): number[][] {
  const oIdx = new Map(sc.origins.map((o, i) => [o.id, i]));
  return sc.demands.map((d, i) => usableSites(sc, latency, i, oIdx.get(d.origin)!));
}

/**
 * The outage × class × hour sub-blocks to add after a solve, as [outage index, class, hour]: every
 * one the plan violates, and (`eager`) every one where the plan puts work at the outage's sites at
 * all: such a block may not bind yet, but the next plan, pushed off the violated ones, often moves
 * work onto it; adding them now saves re-solves of the whole LP. `short` counts the violated ones.
 */
function blocksToAdd(sc: Scenario, plan: Plan, usable: number[][], outages: readonly Outage[], added: ReadonlySet<string>, eager: boolean): { add: [number, Outage['classes'][number], number][]; short: number } {
  const load = planLoad(sc, plan.assignments);
  const add: [number, Outage['classes'][number], number][] = [];
  let short = 0;
  outages.forEach((o, oi) => {
    for (const cls of o.classes) {
      for (let t = 0; t < sc.horizonHours; t++) {
        const c = checkRecourse(sc, load, usable, o, cls, t);
        const violated = shortOf(c);
        if (violated) short++;
        if ((violated || (eager && c.lost > 0)) && !added.has(`${oi}|${cls}|${t}`)) add.push([oi, cls, t]);
      }
    }
  });
  return { add, short };
}

/** The recourse of every outage for the final plan, with ids. */
function recourseOf(sc: Scenario, plan: Plan, usable: number[][], outages: readonly Outage[]): OutageRecourse[] {
  const load = planLoad(sc, plan.assignments);
  return outages.map((o) => {
    const flows: RecourseFlow[] = [];
    for (const cls of o.classes) {
      for (let t = 0; t < sc.horizonHours; t++) {
        for (const f of checkRecourse(sc, load, usable, o, cls, t).flows) {
          flows.push({ demand: sc.demands[f.demand]!.id, from: sc.sites[f.from]!.id, to: sc.sites[f.to]!.id, hour: f.hour, amount: f.amount });
        }
      }
    }
    return { outage: o.sites.map((s) => sc.sites[s]!.id), classes: [...o.classes], flows };
  });
}

/**
 * Solves `run.model` (the plain placement LP of `run.sc`, which `policy.survive` sets) N-1-secure.
 * The model is extended in place with the recourse blocks. Demands are not merged by the presolve
 * (the recourse is per demand).
 */
export async function solveSecure(run: SecureRun): Promise<Plan> {
  const { sc, model, clock } = run;
  const pre: Presolved = { scenario: sc, groups: new Map(), merged: 0 };
  const outages = outagesOf(sc);
  const usable = usableByDemand(sc, run.latency);
  const index = indexModel(sc, model);
  const solveRound = async (reason: string) => (await runBackend({ sc, pre, model, backend: run.backend, reason, opts: run.opts, clock, presolve: run.presolve, t0: run.t0 })).plan;

  const plain = await solveRound(run.reason);
  if (plain.objective === null) return plain;
  if (plain.status !== 'optimal') return { ...plain, message: `${plain.message} (in the plain first round of the N-1 constraint generation; the plan is not N-1-secure)` };
  let plan = plain;
  const added = new Set<string>();
  const blocks = new Set<number>();
  let rounds = 1;
  for (;;) {
    const { add, short } = blocksToAdd(sc, plan, usable, outages, added, true);
    // None violated: optimal for the full N-1 LP. Violated ones already in the model are short by
    // LP rounding only (the self-check's verifier judges them); nothing new to add ends the loop too.
    if (short === 0 || add.length === 0) break;
    for (const [oi, cls, t] of add) {
      added.add(`${oi}|${cls}|${t}`);
      blocks.add(oi);
      addRecourseBlock(model, sc, index, usable, outages[oi]!, oi, cls, t);
    }
    await clock.pause('N-1 blocks');
    rounds++;
    plan = await solveRound(`${run.reason}; N-1 round ${rounds}: ${added.size} recourse sub-blocks of ${blocks.size} outages`);
    if (plan.objective === null || plan.status !== 'optimal') {
      return { ...plan, message: `${plan.message} (in round ${rounds} of the N-1 constraint generation; the plan is not proved N-1-secure)` };
    }
  }
  const security: SecurityInfo = {
    survive: sc.policy!.survive!,
    blocks: blocks.size,
    subBlocks: added.size,
    rounds,
    outages: outages.length,
    premium: {
      cost: plan.objective! - plain.objective,
      marketTonnes: plan.carbon!.marketTonnes - plain.carbon!.marketTonnes,
      locationTonnes: plan.carbon!.locationTonnes - plain.carbon!.locationTonnes,
    },
    recourse: recourseOf(sc, plan, usable, outages),
  };
  const message = `${plan.message}; N-1-secure (${sc.policy!.survive === 'any-hub' ? 'any hub' : typeof sc.policy!.survive === 'string' ? 'any site' : 'per class'}): ${blocks.size} of ${outages.length} outages with recourse blocks in the model, ${rounds} LP solves`;
  return { ...plan, message, security };
}
