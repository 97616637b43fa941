import { describe, expect, it } from 'vitest';
import { applyCalibration } from '../src/calibrate/apply.js';
import { calibrate } from '../src/calibrate/calibrate.js';
import { generateScenario } from '../src/bench/generate.js';
import { runBench } from '../src/bench/run.js';
import { compareStrategies } from '../src/compare/compare.js';
import { OptionsError } from '../src/errors.js';
import { NetworkSimplexTS } from '../src/flow/network-simplex.js';
import { paretoFrontier } from '../src/pareto/frontier.js';
import { formatPlan } from '../src/plan/report.js';
import { clearSkySolarShape } from '../src/profiles/clear-sky.js';
import { eastDataWestComputingGreenHubs } from '../src/datasets/green-hubs.js';
import { eastDataWestComputingWeek } from '../src/datasets/week.js';
import { simulate } from '../src/simulate/simulate.js';
import { tiny } from './fixtures.js';

/** Runs `f` and returns the OptionsError it throws (or rejects with). */
async function optionsError(f: () => unknown): Promise<OptionsError> {
  try {
    await f();
  } catch (e) {
    expect(e).toBeInstanceOf(OptionsError);
    return e as OptionsError;
  }
  throw new Error('expected an OptionsError');
}

// A typo in an option name must not run silently with the defaults, as unknown scenario keys don't.
describe('unknown option names are an OptionsError that lists the valid ones', () => {
  const sc = tiny();
  const net = { nodes: 2, supply: Float64Array.from([1, -1]), source: Int32Array.from([0]), target: Int32Array.from([1]), capacity: Float64Array.from([1]), cost: Float64Array.from([1]) };
  const cases: [string, () => unknown, RegExp][] = [
    ['compareStrategies', () => compareStrategies(sc, { backnd: 'glpk' } as never), /backnd: is not an option of compareStrategies \(valid: .*backend.*includePlans.*timeLimitSeconds/],
    ['paretoFrontier', () => paretoFrontier(sc, { points: 3, pionts: 4 } as never), /pionts: is not an option of paretoFrontier \(valid: .*points/],
    ['simulate', () => simulate(sc, { lookaheadHours: 1, lookahead: 2 } as never), /lookahead: is not an option of simulate \(valid: .*lookaheadHours/],
    ['formatPlan', () => formatPlan(sc, {} as never, { topflow: 1 } as never), /topflow: is not an option of formatPlan/],
    ['calibrate', () => calibrate({ size: [256] } as never), /size: is not an option of calibrate \(valid: .*sizes/],
    ['applyCalibration', () => applyCalibration(sc, {} as never, { site: 'A', class: 'general', devices: 1, device: 2 } as never), /device: is not an option of applyCalibration/],
    ['runBench', () => runBench({ sample: 3 } as never), /sample: is not an option of runBench \(valid: .*samples/],
    ['generateScenario', () => generateScenario({ demands: 10, sites: 2, hour: 3 } as never), /hour: is not an option of generateScenario \(valid: .*hours/],
    ['eastDataWestComputingWeek', () => eastDataWestComputingWeek({ day: 3 } as never), /day: is not an option of eastDataWestComputingWeek \(valid: days, seed\)/],
    ['eastDataWestComputingGreenHubs', () => eastDataWestComputingGreenHubs({ topUp: true } as never), /topUp: is not an option of eastDataWestComputingGreenHubs \(valid: topUpGreenSupply\)/],
    ['clearSkySolarShape', () => clearSkySolarShape({ lat: 30, lon: 100, day: 10 } as never), /day: is not an option of clearSkySolarShape/],
    ['NetworkSimplexTS.solve', () => new NetworkSimplexTS().solve(net, { warm: true } as never), /warm: is not an option of solve \(valid: warmStart\)/],
    ['NetworkSimplexTS.solveAsync', () => new NetworkSimplexTS().solveAsync(net, { deadLine: 1 } as never), /deadLine: is not an option of solveAsync/],
  ];
  it.each(cases)('%s', async (_name, f, message) => {
    const e = await optionsError(f);
    expect(e.message).toMatch(message);
  });

  it('the right names still work', async () => {
    expect(eastDataWestComputingWeek({ days: 1, seed: 2 }).horizonHours).toBe(24);
    expect(new NetworkSimplexTS().solve(net, { warmStart: false }).status).toBe('optimal');
    expect((await compareStrategies(sc, { includePlans: false, timeLimitSeconds: 30 })).strategies.optimal.status).toBe('optimal');
  });
});
