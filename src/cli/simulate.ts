/**
 * `suanflow simulate [file] [--week [--days N]] [--lookahead H] [--seed N] [--demand-error x]
 *  [--green-error x] [--noisy-now] [--backend B] [--time-limit S] [--no-compare] [--json]`:
 * rolling-horizon simulation of a scenario (the built-in one-day scenario without a file, the
 * built-in week with --week), summary beside perfect foresight. Exit codes: 0 every re-plan
 * optimal, 1 otherwise or a solver fault, 2 bad input.
 */
import { isQuiet, numberOption, readScenario, runCommand, UsageError } from './args.js';
import { atMost, parseFlags } from './parse.js';
import { eastDataWestComputingWeek } from '../datasets/week.js';
import type { Scenario } from '../scenario/types.js';
import { validateScenario } from '../scenario/validate.js';
import { applyCarbonFlags, CARBON_FLAGS, CARBON_USAGE } from './carbon-option.js';
import { formatSimulation } from '../simulate/format.js';
import { simulate } from '../simulate/simulate.js';
import type { SimulateOptions } from '../simulate/types.js';
import type { BackendName } from '../solve/solve.js';

export const SIMULATE_USAGE = `usage: suanflow simulate [file] [options]

Rolling-horizon operation: every hour re-plan the next H hours from forecasts, commit the first
hour against the actual values, carry unfinished deferrable work forward; compare with perfect
foresight (one solve of the whole horizon). Without a file: the built-in one-day scenario.

  --week                 the built-in week (168 h: daily weather on green supply, weekends, daily windows)
  --days N               with --week: number of days (default 7)
  --lookahead H          hours each re-plan sees, the current one included (default 24)
  --seed N               seed of the forecast errors (and of --week's weather; default 1)
  --demand-error x       relative std of demand forecasts, 0 … 1 (default 0)
  --green-error x        relative std of green-supply forecasts, 0 … 1 (default 0)
  --noisy-now            forecast the current hour too (default: observed exactly)
  --backend B            auto (default) | glpk | flow | highs | decompose (fast with green supply)
  --time-limit S         solver time limit of each re-plan and of the reference solve, seconds
  --no-compare           skip the perfect-foresight solve
${CARBON_USAGE}
  --json                 print the SimulationResult as JSON
  -q, --quiet            no progress line on stderr (shown only on a terminal; NO_COLOR or
                         TERM=dumb print it without cursor codes)
  -h, --help             this text

example:
  suanflow simulate --week --lookahead 12 --demand-error 0.1 --backend decompose

exit codes: 0 every re-plan optimal, 1 otherwise or a solver fault, 2 bad input`;

/** Runs `suanflow simulate` with the arguments after the command name; resolves to the exit code. */
export async function simulateCommand(argv: string[]): Promise<number> {
  return runCommand('simulate', () => run(argv));
}

async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
      week: { type: 'boolean' },
      days: { type: 'string' },
      lookahead: { type: 'string' },
      seed: { type: 'string' },
      'demand-error': { type: 'string' },
      'green-error': { type: 'string' },
      'noisy-now': { type: 'boolean' },
      backend: { type: 'string' },
      'time-limit': { type: 'string' },
      'no-compare': { type: 'boolean' },
      ...CARBON_FLAGS,
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(`${SIMULATE_USAGE}\n`);
    return 0;
  }
  atMost(positionals, 1);
  const file = positionals[0];
  if (file !== undefined && values.week) throw new UsageError('give either a scenario file or --week, not both');
  if (values.days !== undefined && !values.week) throw new UsageError('--days needs --week');

  const int = (x: number) => Number.isInteger(x);
  const days = numberOption('days', values.days, (x) => int(x) && x >= 1 && x <= 365, 'an integer in 1 … 365');
  const lookahead = numberOption('lookahead', values.lookahead, (x) => int(x) && x >= 1, 'an integer number of hours ≥ 1') ?? 24;
  const seed = numberOption('seed', values.seed, (x) => int(x) && x >= 0 && x <= 0xffffffff, 'an integer in 0 … 4294967295');
  const demandError = numberOption('demand-error', values['demand-error'], (x) => x >= 0 && x <= 1, 'a number in 0 … 1');
  const greenError = numberOption('green-error', values['green-error'], (x) => x >= 0 && x <= 1, 'a number in 0 … 1');
  const timeLimit = numberOption('time-limit', values['time-limit'], (x) => x > 0, 'a number of seconds > 0');

  const sc: Scenario = applyCarbonFlags(
    values,
    values.week ? eastDataWestComputingWeek({ ...(days !== undefined ? { days } : {}), ...(seed !== undefined ? { seed } : {}) }) : validateScenario(readScenario(file)),
    (t) => process.stderr.write(t),
  );
  // Progress on a terminal only, so pipes and --json stay clean; cursor codes only where allowed.
  const progress = process.stderr.isTTY === true && !isQuiet();
  const plain = process.env['NO_COLOR'] !== undefined || process.env['TERM'] === 'dumb';
  const show = (text: string) => process.stderr.write(plain ? `${text}\n` : `\r\x1b[K${text}`);
  const options: SimulateOptions = {
    lookaheadHours: lookahead,
    ...(seed !== undefined ? { seed } : {}),
    forecastError: { ...(demandError !== undefined ? { demand: demandError } : {}), ...(greenError !== undefined ? { green: greenError } : {}) },
    ...(values['noisy-now'] ? { noisyCurrentHour: true } : {}),
    ...(values.backend !== undefined ? { backend: values.backend as BackendName } : {}),
    ...(timeLimit !== undefined ? { timeLimitSeconds: timeLimit } : {}),
    ...(values['no-compare'] ? { perfectForesight: false } : {}),
    ...(progress
      ? {
          onStep: (s) =>
            show(s.hour + 1 < sc.horizonHours || values['no-compare'] ? `hour ${s.hour + 1}/${sc.horizonHours}` : 'perfect-foresight solve…'),
        }
      : {}),
  };
  const r = await simulate(sc, options);
  if (progress && !plain) process.stderr.write('\r\x1b[K');
  process.stdout.write(values.json ? `${JSON.stringify(r, null, 2)}\n` : `${formatSimulation(r)}\n`);
  return r.status === 'optimal' ? 0 : 1;
}
