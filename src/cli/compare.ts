/**
 * `suanflow compare [file] [--json] [--carbon-price N] [--time-limit S]`: the nearest-site and
 * carbon-blind baselines against suanflow's optimum. Exit codes: 0 ok, 1 a solve ended other than
 * optimal or a solver fault, 2 bad input (usage, unreadable file, invalid scenario or option).
 */
import { numberOption, readScenario, runCommand } from './args.js';
import { atMost, parseFlags } from './parse.js';
import { compareStrategies } from '../compare/compare.js';
import { formatComparison } from '../compare/format.js';
import { validateScenario } from '../scenario/validate.js';
import { applyCarbonFlags, CARBON_FLAGS, CARBON_USAGE } from './carbon-option.js';

export const COMPARE_USAGE = `usage: suanflow compare [file] [--json] [--carbon-price N] [--time-limit S] [--carbon-csv F --carbon-map M]

Places the same demand three ways and compares cost, carbon (market- and location-based),
latency, where work runs and utilization, every plan costed at the real prices and verified:
  (a) nearest    each unit at the least-latency feasible site with room, greedy, hour by hour
  (b) cost-only  least cost with carbon price 0 and no carbon cap or green shares
  (c) optimal    suanflow's optimum of the scenario as given
No file: the built-in nationwide scenario. Where every site gives marginalCarbon it also ranks the
strategies by carbon and cost on the average and on the marginal signal, and says whether the
ranking changes between them.

  --json            print the comparison as JSON (without the plans)
  --carbon-price N  carbon price, CNY per tonne (replaces prices.carbonPerTonne)
  --time-limit S    time limit of each solve, seconds (default 300)
${CARBON_USAGE}
  -q, --quiet       no usage hints on stderr
  -h, --help        this text

example:
  suanflow compare my-scenario.json --carbon-price 200

exit codes: 0 ok, 1 a solve not optimal or a solver fault, 2 bad input`;

/** Where the command writes; the process streams by default (tests pass their own). */
export interface CommandIO {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

const processIO: CommandIO = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

async function run(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    json: { type: 'boolean' },
    'carbon-price': { type: 'string' },
    'time-limit': { type: 'string' },
    ...CARBON_FLAGS,
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.out(`${COMPARE_USAGE}\n`);
    return 0;
  }
  atMost(positionals, 1);
  const file = positionals[0];
  const carbonPrice = numberOption('carbon-price', values['carbon-price'], (x) => x >= 0, 'a number ≥ 0');
  const timeLimit = numberOption('time-limit', values['time-limit'], (x) => x > 0, 'a number of seconds > 0');
  let sc = applyCarbonFlags(values, validateScenario(readScenario(file)), io.err);
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
  return runCommand('compare', () => run(argv, io), io.err);
}
