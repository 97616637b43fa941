/**
 * The commands that read or print scenarios without solving: `validate`, `export`, `scenario`,
 * `schema`. Exit codes: 0 ok, 2 bad input (an invalid scenario included).
 */
import { readScenario, runCommand, UsageError } from './args.js';
import { atMost, parseFlags } from './parse.js';
import { ScenarioError } from '../errors.js';
import { exportModel } from '../export/export-model.js';
import { scenarios } from '../datasets/index.js';
import { scenarioJsonSchema } from '../scenario/schema.js';
import { validateScenario } from '../scenario/validate.js';

const NAMES = Object.keys(scenarios).join(', ');

export const VALIDATE_USAGE = `usage: suanflow validate <file> [--json]

Checks a scenario file against every rule (structure, references, hourly lengths, latency
reachability, numerical limits) and lists every problem with its JSON path and rule.

  --json        print { "valid": bool, "issues": [{ path, rule, message }] } (every issue)
  -h, --help    this text

example:
  suanflow validate my-scenario.json

exit codes: 0 valid, 2 invalid or unreadable`;

export const EXPORT_USAGE = `usage: suanflow export [file] --lp

Prints the placement LP of the scenario in CPLEX LP format (for glpsol, HiGHS, CLP, …).
Without a file: the built-in nationwide scenario.

  --lp          CPLEX LP format (the only format today)
  -h, --help    this text

example:
  suanflow export my-scenario.json --lp > model.lp && glpsol --lp model.lp

exit codes: 0 ok, 2 bad input`;

export const SCENARIO_USAGE = `usage: suanflow scenario [name]

Prints a built-in scenario as JSON, a starting point for your own (built-in: ${NAMES};
default eastDataWestComputing).

  -h, --help    this text

example:
  suanflow scenario greenHubs > green-hubs.json && suanflow solve green-hubs.json

exit codes: 0 ok, 2 unknown name`;

export const SCHEMA_USAGE = `usage: suanflow schema

Prints the JSON Schema (draft 2020-12) of scenario files, for editors ("$schema" in a file).

  -h, --help    this text

example:
  suanflow schema > scenario.schema.json

exit codes: 0 ok`;

const help = { help: { type: 'boolean', short: 'h' } } as const;

/** `suanflow validate`. */
export function validateCommand(argv: string[]): Promise<number> {
  return runCommand('validate', async () => {
    const { values, positionals } = parseFlags(argv, { ...help, json: { type: 'boolean' } });
    if (values.help) return (process.stdout.write(`${VALIDATE_USAGE}\n`), 0);
    atMost(positionals, 1);
    const file = positionals[0];
    if (file === undefined) throw new UsageError('validate needs a scenario file');
    const raw = readScenario(file);
    if (values.json) {
      try {
        validateScenario(raw);
        process.stdout.write(`${JSON.stringify({ valid: true, issues: [] }, null, 2)}\n`);
        return 0;
      } catch (e) {
        if (!(e instanceof ScenarioError)) throw e;
        process.stdout.write(`${JSON.stringify({ valid: false, issues: e.issues }, null, 2)}\n`);
        return 2;
      }
    }
    const sc = validateScenario(raw);
    process.stdout.write(`${file}: valid (${sc.sites.length} sites, ${sc.origins.length} origins, ${sc.demands.length} demands, ${sc.horizonHours} h)\n`);
    return 0;
  });
}

/** `suanflow export`. */
export function exportCommand(argv: string[]): Promise<number> {
  return runCommand('export', async () => {
    const { values, positionals } = parseFlags(argv, { ...help, lp: { type: 'boolean' } });
    if (values.help) return (process.stdout.write(`${EXPORT_USAGE}\n`), 0);
    atMost(positionals, 1);
    if (!values.lp) throw new UsageError('export needs a format: --lp');
    process.stdout.write(await exportModel(validateScenario(readScenario(positionals[0])), 'lp'));
    return 0;
  });
}

/** `suanflow scenario`. */
export function scenarioCommand(argv: string[]): Promise<number> {
  return runCommand('scenario', async () => {
    const { values, positionals } = parseFlags(argv, help);
    if (values.help) return (process.stdout.write(`${SCENARIO_USAGE}\n`), 0);
    atMost(positionals, 1);
    // Here the positional is a built-in scenario's name, not a file.
    const name = positionals[0] ?? 'eastDataWestComputing';
    if (!Object.hasOwn(scenarios, name)) throw new UsageError(`unknown built-in scenario "${name}" (built-in: ${NAMES})`);
    process.stdout.write(`${JSON.stringify(scenarios[name as keyof typeof scenarios], null, 2)}\n`);
    return 0;
  });
}

/** `suanflow schema`. */
export function schemaCommand(argv: string[]): Promise<number> {
  return runCommand('schema', async () => {
    const { values, positionals } = parseFlags(argv, help);
    if (values.help) return (process.stdout.write(`${SCHEMA_USAGE}\n`), 0);
    atMost(positionals, 0);
    process.stdout.write(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
    return 0;
  });
}
