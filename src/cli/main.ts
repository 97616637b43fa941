/**
 * `suanflow` command line: one module per command, each with its own `--help`. Exit codes: 0 ok,
 * 1 a solver outcome other than optimal or a solver fault, 2 bad input (usage, unreadable file,
 * invalid scenario). Output to a closed pipe (`suanflow scenario | head`) ends quietly with 0.
 */
import { readFileSync } from 'node:fs';
import { isQuiet, setQuiet } from './args.js';
import { benchCommand, BENCH_USAGE } from './bench.js';
import { calibrateCommand, CALIBRATE_USAGE } from './calibrate.js';
import { compareCommand, COMPARE_USAGE } from './compare.js';
import { EXPORT_USAGE, exportCommand, SCENARIO_USAGE, scenarioCommand, SCHEMA_USAGE, schemaCommand, VALIDATE_USAGE, validateCommand } from './inspect.js';
import { paretoCommand, PARETO_USAGE } from './pareto.js';
import { mcfCommand, MCF_USAGE } from './mcf.js';
import { simulateCommand, SIMULATE_USAGE } from './simulate.js';
import { solveCommand, SOLVE_USAGE } from './solve.js';
import { whatifCommand, WHATIF_USAGE } from './whatif.js';
import { explainCommand, EXPLAIN_USAGE } from './explain.js';
import { expandCommand, EXPAND_USAGE } from './expand.js';
import { sweepCommand, SWEEP_USAGE } from './sweep.js';
import { mergeCommand, MERGE_USAGE } from './merge.js';
import { workerCommand, WORKER_USAGE } from './worker.js';
import { summarizeCommand, SUMMARIZE_USAGE } from './summarize.js';

interface Command {
  readonly summary: string;
  readonly usage: string;
  readonly run: (argv: string[]) => Promise<number>;
}

const COMMANDS: Readonly<Record<string, Command>> = {
  solve: { summary: 'solve a scenario (the built-in nationwide one when no file) and print the plan', usage: SOLVE_USAGE, run: solveCommand },
  compare: { summary: 'the same demand placed three ways: nearest site, cost-only, suanflow\'s optimum', usage: COMPARE_USAGE, run: (a) => compareCommand(a) },
  pareto: { summary: 'cost–carbon frontier with the marginal abatement cost between points', usage: PARETO_USAGE, run: paretoCommand },
  simulate: { summary: 'rolling-horizon simulation with forecast errors vs perfect foresight', usage: SIMULATE_USAGE, run: simulateCommand },
  whatif: { summary: 'N-1 analysis: each site (or hub) out in turn, ranked by unmet work and extra cost', usage: WHATIF_USAGE, run: whatifCommand },
  expand: { summary: 'capacity expansion under uncertainty: modules to build (MILP), with the VSS', usage: EXPAND_USAGE, run: expandCommand },
  explain: { summary: 'why hard rules have no plan: an irreducible set of conflicting rules', usage: EXPLAIN_USAGE, run: explainCommand },
  validate: { summary: 'check a scenario file and list every problem', usage: VALIDATE_USAGE, run: validateCommand },
  export: { summary: 'print the placement LP in CPLEX LP format', usage: EXPORT_USAGE, run: exportCommand },
  scenario: { summary: 'print a built-in scenario as JSON (eastDataWestComputing, greenHubs, dataGravity)', usage: SCENARIO_USAGE, run: scenarioCommand },
  schema: { summary: 'print the JSON Schema of scenario files', usage: SCHEMA_USAGE, run: schemaCommand },
  calibrate: { summary: 'measure compute throughput (WebGPU matmul, wasm SIMD) and optionally apply it', usage: CALIBRATE_USAGE, run: calibrateCommand },
  mcf: { summary: 'solve a DIMACS min-cost-flow file (network simplex, exact on integers)', usage: MCF_USAGE, run: (a) => mcfCommand(a) },
  bench: { summary: 'placement benchmark: flow (wasm) vs its TS twin vs glpk.js (and HiGHS)', usage: BENCH_USAGE, run: benchCommand },
  sweep: { summary: 'run a sweep spec\'s cases (worker threads, shards or a BullMQ queue) to JSON lines', usage: SWEEP_USAGE, run: sweepCommand },
  merge: { summary: 'merge the results files of a sweep\'s shards; report missing and duplicate cases', usage: MERGE_USAGE, run: mergeCommand },
  worker: { summary: 'serve sweep cases from a BullMQ queue (redis://host:port)', usage: WORKER_USAGE, run: workerCommand },
  summarize: { summary: 'per-axis p5/p50/p95 of a sweep\'s results, and an HTML/SVG chart', usage: SUMMARIZE_USAGE, run: summarizeCommand },
};

const USAGE = `usage: suanflow <command> [options]      (suanflow <command> --help for its flags)

commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(10)}${c.summary}`)
  .join('\n')}

options of every command:
  -h, --help       the command's help
  -q, --quiet      no progress lines or usage hints on stderr
  -v, --version    print the version

examples:
  suanflow solve                       the built-in "East Data, West Computing" day
  suanflow scenario > mine.json        a starting point for your own scenario
  suanflow solve mine.json --json      the plan as JSON

exit codes: 0 ok, 1 not optimal or solver fault, 2 bad input`;

/** The package's version, from the package.json next to the built bin (dist/../package.json). */
function version(): string {
  for (const rel of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'suanflow' && pkg.version) return pkg.version;
    } catch {
      // try the next location
    }
  }
  return 'unknown';
}

async function run(argv: string[]): Promise<number> {
  // --quiet is global: strip it wherever it stands.
  const rest = argv.filter((a) => a !== '--quiet' && a !== '-q');
  setQuiet(rest.length !== argv.length);
  const [name, ...args] = rest;
  if (name === '--version' || name === '-v') {
    process.stdout.write(`suanflow ${version()}\n`);
    return 0;
  }
  if (name === undefined || name === '--help' || name === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return name === undefined ? 2 : 0;
  }
  if (name === 'help') {
    const topic = args[0];
    const c = topic === undefined ? undefined : COMMANDS[topic];
    if (topic !== undefined && c === undefined) return unknown(topic);
    process.stdout.write(`${c?.usage ?? USAGE}\n`);
    return 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command === undefined) return unknown(name);
  return command.run(args);
}

function unknown(name: string): number {
  process.stderr.write(`suanflow: unknown command "${name}" (commands: ${Object.keys(COMMANDS).join(', ')})\n`);
  if (!isQuiet()) process.stderr.write('run "suanflow --help" for usage\n');
  return 2;
}

// A reader that stops early (`| head`) closes the pipe: that ends the output, not in an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    // Not bad input and not a solver fault: a bug. One line; the stack only when asked for.
    const err = e as Error;
    process.stderr.write(`suanflow: unexpected error: ${err?.message ?? String(e)} (please report it${process.env['SUANFLOW_DEBUG'] ? '' : '; SUANFLOW_DEBUG=1 prints the stack'})\n`);
    if (process.env['SUANFLOW_DEBUG']) process.stderr.write(`${err?.stack ?? ''}\n`);
    process.exitCode = 1;
  },
);
