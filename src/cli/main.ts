/**
 * `suanflow` command line. Exit codes: 0 ok, 1 solver outcome other than optimal or a solver
 * fault, 2 bad input (usage, unreadable file, invalid scenario).
 */
import { parseArgs } from 'node:util';
import { ScenarioError, SuanflowError } from '../errors.js';
import { calibrateCommand } from '../calibrate/cli.js';
import { numberOption, readScenario, UsageError } from './args.js';
import { benchCommand } from './bench.js';
import { loadProfilesFile } from './profiles-option.js';
import { ProfileError } from '../profiles/errors.js';
import { compareCommand } from './compare.js';
import { paretoCommand } from './pareto.js';
import { simulateCommand } from './simulate.js';
import { exportModel } from '../export/export-model.js';
import { formatPlan } from '../plan/report.js';
import { scenarios } from '../scenario/builtin/index.js';
import { scenarioJsonSchema } from '../scenario/schema.js';
import { validateScenario } from '../scenario/validate.js';
import { solve, type SolveOptions } from '../solve/solve.js';

const USAGE = `usage: suanflow <command> [options]

commands:
  solve [file]      solve a scenario (the built-in nationwide one when no file) and print the plan
      --json              print the Plan as JSON
      --carbon-price N    carbon price, CNY per tonne (replaces prices.carbonPerTonne)
      --time-limit S      solver time limit, seconds (default 300)
      --backend B         auto (default) | glpk | flow | highs (needs the highs package) | decompose
      --profiles F.csv    hourly green supply, prices, grid factors, demand from a CSV (see README)
  compare [file]    the same demand placed three ways: nearest site, cost-optimal ignoring carbon, suanflow's optimum
      [--json] [--carbon-price N] [--time-limit S]   (suanflow compare --help for details)
  pareto [file]     cost–carbon frontier with the marginal abatement cost between points
      [--points N] [--method cap|price] [--latency-scale 1,1.5,2] [--json]   (suanflow pareto --help)
  simulate [file]   rolling-horizon simulation vs perfect foresight (built-in day, or --week)
      [--week [--days N]] [--lookahead H] [--seed N] [--demand-error x] [--green-error x]
      [--noisy-now] [--backend B] [--time-limit S] [--no-compare] [--json]
  validate <file>   check a scenario file and list every problem
  export [file] --lp  print the placement LP in CPLEX LP format
  scenario [name]   print a built-in scenario as JSON (eastDataWestComputing, the default, or greenHubs)
  schema            print the JSON Schema of scenario files
  calibrate         measure compute throughput (WebGPU matmul, wasm SIMD) and optionally apply it
      [--json] [--sizes 256,512,…] [--apply scenario.json --site ID --class C --devices N]
      (suanflow calibrate --help for all options)
  bench             placement benchmark: flow (wasm) vs its TS twin vs glpk.js (and HiGHS if installed)
      [--size 1000x30,5000x50x24] [--samples N] [--limit S] [--json]

exit codes: 0 ok, 1 not optimal or solver fault, 2 bad input`;

async function run(argv: string[]): Promise<number> {
  if (argv[0] === 'calibrate') return calibrateCommand(argv.slice(1));
  if (argv[0] === 'bench') return benchCommand(argv.slice(1));
  if (argv[0] === 'compare') return compareCommand(argv.slice(1));
  if (argv[0] === 'pareto') return paretoCommand(argv.slice(1));
  if (argv[0] === 'simulate') return simulateCommand(argv.slice(1));
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      json: { type: 'boolean' },
      'carbon-price': { type: 'string' },
      'time-limit': { type: 'string' },
      backend: { type: 'string' },
      profiles: { type: 'string' },
      lp: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, file, ...extra] = positionals;
  if (values.help || command === undefined || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return command === undefined && !values.help ? 2 : 0;
  }
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);

  switch (command) {
    case 'solve': {
      const carbonPrice = numberOption('carbon-price', values['carbon-price'], (x) => x >= 0, 'a number ≥ 0');
      const timeLimit = numberOption('time-limit', values['time-limit'], (x) => x > 0, 'a number of seconds > 0');
      let sc = values.profiles !== undefined ? loadProfilesFile(values.profiles, readScenario(file)) : validateScenario(readScenario(file));
      if (carbonPrice !== undefined) sc = { ...sc, prices: { ...sc.prices, carbonPerTonne: carbonPrice } };
      const backend = values.backend as SolveOptions['backend'];
      const plan = await solve(sc, { ...(timeLimit !== undefined ? { timeLimitSeconds: timeLimit } : {}), ...(backend !== undefined ? { backend } : {}) });
      process.stdout.write(values.json ? `${JSON.stringify(plan, null, 2)}\n` : `${formatPlan(sc, plan)}\n`);
      return plan.status === 'optimal' ? 0 : 1;
    }
    case 'validate': {
      if (file === undefined) throw new UsageError('validate needs a scenario file');
      const sc = validateScenario(readScenario(file));
      process.stdout.write(`${file}: valid (${sc.sites.length} sites, ${sc.origins.length} origins, ${sc.demands.length} demands, ${sc.horizonHours} h)\n`);
      return 0;
    }
    case 'export': {
      if (!values.lp) throw new UsageError('export needs a format: --lp');
      process.stdout.write(await exportModel(validateScenario(readScenario(file)), 'lp'));
      return 0;
    }
    case 'scenario': {
      // Here the positional is a built-in scenario's name, not a file.
      const name = file ?? 'eastDataWestComputing';
      if (!Object.hasOwn(scenarios, name)) throw new UsageError(`unknown built-in scenario "${name}" (built-in: ${Object.keys(scenarios).join(', ')})`);
      process.stdout.write(`${JSON.stringify(scenarios[name as keyof typeof scenarios], null, 2)}\n`);
      return 0;
    }
    case 'schema':
      process.stdout.write(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
      return 0;
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof ScenarioError || e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`suanflow: ${(e as Error).message}\n`);
      if (e instanceof UsageError || !(e instanceof ScenarioError)) process.stderr.write('run "suanflow --help" for usage\n');
      process.exitCode = 2;
    } else if (e instanceof SuanflowError) {
      process.stderr.write(`suanflow: ${e.name}: ${e.message}\n`);
      process.exitCode = e.name === 'OptionsError' || e instanceof ProfileError ? 2 : 1;
    } else {
      process.stderr.write(`suanflow: unexpected error: ${(e as Error)?.stack ?? String(e)}\n`);
      process.exitCode = 1;
    }
  },
);
