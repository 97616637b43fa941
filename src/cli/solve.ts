/**
 * `suanflow solve [file]`: solve a scenario and print the plan. Exit codes: 0 optimal, 1 another
 * outcome (infeasible, time limit, aborted, numerical error) or a solver fault, 2 bad input.
 */
import { numberOption, readScenario, runCommand } from './args.js';
import { atMost, parseFlags } from './parse.js';
import { loadProfilesFile } from './profiles-option.js';
import { applyCarbonFlags, CARBON_FLAGS, CARBON_USAGE } from './carbon-option.js';
import { formatPlan } from '../plan/report.js';
import { validateScenario } from '../scenario/validate.js';
import { solve, type SolveOptions } from '../solve/solve.js';

export const SOLVE_USAGE = `usage: suanflow solve [file] [options]

Places every demand of the scenario at the least total cost (compute + energy + transfer + carbon
+ unmet penalty) within its latency, capacity and policy rules, and prints the plan: costs, both
carbon accountings, load per cluster, east→west flows, unmet demand and the shadow price of
capacity. Without a file: the built-in nationwide scenario (suanflow scenario prints it).
With residency, datasets, served models or a backbone it also prints the work kept in place,
dataset copies, model replicas and the TB moved per backbone link and east→west corridor (copy and
replica choices make a MILP, solved by glpk.js).

  --json               print the Plan as JSON (every assignment, utilization and energy row)
  --carbon-price N     carbon price, CNY per tonne, ≥ 0 (replaces prices.carbonPerTonne)
  --time-limit S       limit of the whole solve, seconds (default 300)
  --backend B          auto (default) | glpk | flow | highs (needs the highs package) | decompose
  --profiles F.csv     hourly green supply, prices, grid and marginal factors, demand from a CSV (see README)
${CARBON_USAGE}
  --max-memory MB      refuse models whose estimate exceeds this (default: 75% of the JS heap limit)
  -q, --quiet          no usage hints on stderr
  -h, --help           this text

example:
  suanflow solve my-scenario.json --carbon-price 150 --backend glpk
  suanflow scenario dataGravity > day.json && suanflow solve day.json

exit codes: 0 optimal, 1 another outcome or a solver fault, 2 bad input (a model too large
for --max-memory included)`;

async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    json: { type: 'boolean' },
    'carbon-price': { type: 'string' },
    'time-limit': { type: 'string' },
    backend: { type: 'string' },
    profiles: { type: 'string' },
    ...CARBON_FLAGS,
    'max-memory': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(`${SOLVE_USAGE}\n`);
    return 0;
  }
  atMost(positionals, 1);
  const file = positionals[0];
  const carbonPrice = numberOption('carbon-price', values['carbon-price'], (x) => x >= 0, 'a number ≥ 0');
  const timeLimit = numberOption('time-limit', values['time-limit'], (x) => x > 0, 'a number of seconds > 0');
  const maxMemory = numberOption('max-memory', values['max-memory'], (x) => x > 0, 'a number of megabytes > 0');
  let sc = values.profiles !== undefined ? loadProfilesFile(values.profiles, readScenario(file)) : validateScenario(readScenario(file));
  sc = applyCarbonFlags(values, sc, (t) => process.stderr.write(t));
  if (carbonPrice !== undefined) sc = { ...sc, prices: { ...sc.prices, carbonPerTonne: carbonPrice } };
  const options: SolveOptions = {
    ...(timeLimit !== undefined ? { timeLimitSeconds: timeLimit } : {}),
    ...(values.backend !== undefined ? { backend: values.backend as SolveOptions['backend'] } : {}),
    ...(maxMemory !== undefined ? { maxMemoryMB: maxMemory } : {}),
  };
  const plan = await solve(sc, options);
  process.stdout.write(values.json ? `${JSON.stringify(plan, null, 2)}\n` : `${formatPlan(sc, plan)}\n`);
  return plan.status === 'optimal' ? 0 : 1;
}

/** Runs `suanflow solve` with the arguments after the command name; resolves to the exit code. */
export function solveCommand(argv: string[]): Promise<number> {
  return runCommand('solve', () => run(argv));
}
