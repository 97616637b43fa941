/**
 * `suanflow pareto [file]`: the cost–carbon frontier of a scenario. Exit codes: 0 every solve
 * optimal, 1 a solve ended otherwise (time limit, abort) or a solver fault, 2 bad input (printed as
 * one line).
 */
import { parseArgs } from 'node:util';
import { readScenario, UsageError } from './args.js';
import { OptionsError, ScenarioError, SuanflowError } from '../errors.js';
import { formatPareto } from '../pareto/format.js';
import { paretoFrontier } from '../pareto/frontier.js';
import type { ParetoAbatement, ParetoMethod, ParetoOptions } from '../pareto/types.js';
import type { Scenario } from '../scenario/types.js';

/** Help text of `suanflow pareto`. */
export const PARETO_USAGE = `usage: suanflow pareto [file] [options]

  The cost–carbon frontier: least-cost plans from the min-cost plan down to the least carbon, with
  the marginal abatement cost (MAC) between them. Without a file: the built-in nationwide scenario.

  --points N             points per frontier, both ends included (integer ≥ 2, default 5)
  --method M             cap (default: carbon caps evenly spaced) | price (carbon prices from 0)
  --latency-scale F,…    one frontier per factor on every demand's latency limit, e.g. 1,1.5,2
  --abatement A          relocate (default: the least-carbon end serves what the min-cost plan
                         serves) | any (it may also leave work unmet)
  --time-limit S         time limit of each solve, seconds (default 300)
  --json                 print the result as JSON (plans left out unless --plans)
  --plans                with --json: include each point's Plan
  -h, --help             this text

exit codes: 0 ok, 1 a solve not optimal or solver fault, 2 bad input`;

/** Flags by the option names the library's errors use. */
const FLAG: Readonly<Record<string, string>> = { points: '--points', method: '--method', abatement: '--abatement', timeLimitSeconds: '--time-limit', latencyScale: '--latency-scale' };

function numberFlag(flag: string, value: string): number {
  const x = Number(value);
  if (value.trim() === '' || !Number.isFinite(x)) throw new UsageError(`${flag} must be a number, got "${value}"`);
  return x;
}

/** Options from the command line; the library checks ranges and names the option on a bad one. */
function parse(argv: string[]): { file: string | undefined; json: boolean; help: boolean; options: ParetoOptions } {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      points: { type: 'string' },
      method: { type: 'string' },
      'latency-scale': { type: 'string' },
      abatement: { type: 'string' },
      'time-limit': { type: 'string' },
      json: { type: 'boolean' },
      plans: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
  if (values.plans && !values.json) throw new UsageError('--plans needs --json');
  const scale = values['latency-scale'];
  const options: ParetoOptions = {
    points: values.points === undefined ? 5 : numberFlag('--points', values.points),
    ...(values.method !== undefined ? { method: values.method as ParetoMethod } : {}),
    ...(values.abatement !== undefined ? { abatement: values.abatement as ParetoAbatement } : {}),
    ...(scale !== undefined ? { latencyScale: scale.split(',').map((f) => numberFlag('--latency-scale', f)) } : {}),
    ...(values['time-limit'] !== undefined ? { timeLimitSeconds: numberFlag('--time-limit', values['time-limit']) } : {}),
    includePlans: values.plans === true,
  };
  return { file: positionals[0], json: values.json === true, help: values.help === true, options };
}

/** One line for bad input: flags named as typed, a scenario's first problem with a pointer to all. */
function badInput(e: unknown): string | undefined {
  if (e instanceof UsageError) return e.message;
  if ((e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) return (e as Error).message;
  if (e instanceof OptionsError) {
    const base = e.option.replace(/\[\d+\]$/, '');
    const flag = FLAG[base];
    return flag ? `${flag}: ${e.message.replace(/^option \S+: /, '')}` : e.message;
  }
  if (e instanceof ScenarioError) {
    const first = e.issues[0];
    const more = e.issues.length > 1 ? ` (and ${e.issues.length - 1} more; "suanflow validate <file>" lists all)` : '';
    return `invalid scenario: ${first ? `${first.path}: ${first.message}` : e.message}${more}`;
  }
  return undefined;
}

/**
 * Runs `suanflow pareto` with the arguments after `pareto`; writes the table (or JSON) to stdout
 * and problems to stderr, and resolves to the exit code (never throws for bad input).
 */
export async function paretoCommand(argv: string[]): Promise<number> {
  try {
    const { file, json, help, options } = parse(argv);
    if (help) {
      process.stdout.write(`${PARETO_USAGE}\n`);
      return 0;
    }
    // Any shape: paretoFrontier validates it and reports every problem as a ScenarioError.
    const result = await paretoFrontier(readScenario(file) as Scenario, options);
    process.stdout.write(json ? `${JSON.stringify(result, null, 2)}\n` : `${formatPareto(result)}\n`);
    return result.frontiers.every((f) => f.status === 'optimal') ? 0 : 1;
  } catch (e) {
    const line = badInput(e);
    if (line !== undefined) {
      process.stderr.write(`suanflow pareto: ${line}\n`);
      return 2;
    }
    if (e instanceof SuanflowError) {
      process.stderr.write(`suanflow pareto: ${e.name}: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}
