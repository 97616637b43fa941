/**
 * `suanflow compare [file] [--json] [--carbon-price N] [--time-limit S]`: the nearest-site and
 * carbon-blind baselines against suanflow's optimum. Exit codes: 0 ok, 1 a solve ended other than
 * optimal or a solver fault, 2 bad input (usage, unreadable file, invalid scenario or option).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { compareStrategies } from '../compare/compare.js';
import { formatComparison } from '../compare/format.js';
import { ScenarioError, SuanflowError } from '../errors.js';
import { scenarios } from '../scenario/builtin/index.js';
import { validateScenario } from '../scenario/validate.js';

export const COMPARE_USAGE = `usage: suanflow compare [file] [--json] [--carbon-price N] [--time-limit S]

Places the same demand three ways and compares cost, carbon (market- and location-based),
latency, where work runs and utilization, every plan costed at the real prices and verified:
  (a) nearest    each unit at the least-latency feasible site with room, greedy, hour by hour
  (b) cost-only  least cost with carbon price 0 and no carbon cap or green shares
  (c) optimal    suanflow's optimum of the scenario as given
No file: the built-in nationwide scenario.

  --json            print the comparison as JSON (without the plans)
  --carbon-price N  carbon price, CNY per tonne (replaces prices.carbonPerTonne)
  --time-limit S    time limit of each solve, seconds (default 300)`;

/** Where the command writes; the process streams by default (tests pass their own). */
export interface CommandIO {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

const processIO: CommandIO = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** Bad input at the command line: one message, exit code 2. */
class Usage extends Error {}

function readScenario(file: string | undefined): unknown {
  if (file === undefined) return scenarios.eastDataWestComputing;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new Usage(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Usage(`${file} is not valid JSON: ${(e as Error).message}`);
  }
}

function numberOption(name: string, value: string | undefined, ok: (x: number) => boolean, rule: string): number | undefined {
  if (value === undefined) return undefined;
  const x = Number(value);
  if (value.trim() === '' || !Number.isFinite(x) || !ok(x)) throw new Usage(`--${name} must be ${rule}, got "${value}"`);
  return x;
}

async function run(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      json: { type: 'boolean' },
      'carbon-price': { type: 'string' },
      'time-limit': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(`${COMPARE_USAGE}\n`);
    return 0;
  }
  const [file, ...extra] = positionals;
  if (extra.length > 0) throw new Usage(`unexpected argument "${extra[0]}"`);
  const carbonPrice = numberOption('carbon-price', values['carbon-price'], (x) => x >= 0, 'a number ≥ 0');
  const timeLimit = numberOption('time-limit', values['time-limit'], (x) => x > 0, 'a number of seconds > 0');
  let sc = validateScenario(readScenario(file));
  if (carbonPrice !== undefined) sc = { ...sc, prices: { ...sc.prices, carbonPerTonne: carbonPrice } };
  const c = await compareStrategies(sc, { includePlans: false, ...(timeLimit !== undefined ? { timeLimitSeconds: timeLimit } : {}) });
  io.out(values.json ? `${JSON.stringify(c, null, 2)}\n` : `${formatComparison(c)}\n`);
  return c.strategies.costOnly.status === 'optimal' && c.strategies.optimal.status === 'optimal' ? 0 : 1;
}

/**
 * Runs `suanflow compare` with the arguments after the command name; resolves to the exit code.
 * Writes the report to `io.out` and error messages to `io.err`.
 */
export async function compareCommand(argv: string[], io: CommandIO = processIO): Promise<number> {
  try {
    return await run(argv, io);
  } catch (e) {
    const err = e as Error & { code?: string };
    if (e instanceof Usage || err.code?.startsWith('ERR_PARSE_ARGS') || e instanceof ScenarioError) {
      io.err(`suanflow compare: ${err.message}\n`);
      if (!(e instanceof ScenarioError)) io.err('run "suanflow compare --help" for usage\n');
      return 2;
    }
    if (e instanceof SuanflowError) {
      io.err(`suanflow compare: ${e.name}: ${e.message}\n`);
      return e.name === 'OptionsError' ? 2 : 1;
    }
    throw e;
  }
}
