/**
 * `suanflow pareto [file]`: the cost–carbon frontier of a scenario. Exit codes: 0 every solve
 * optimal, 1 a solve ended otherwise (time limit, abort) or a solver fault, 2 bad input (printed as
 * one line).
 */
import { readScenario, runCommand, UsageError } from './args.js';
import { atMost, parseFlags } from './parse.js';
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
  -q, --quiet            no usage hints on stderr
  -h, --help             this text

example:
  suanflow pareto my-scenario.json --points 7 --method price --latency-scale 1,1.5

exit codes: 0 ok, 1 a solve not optimal or solver fault, 2 bad input`;

function numberFlag(flag: string, value: string): number {
  const x = Number(value);
  if (value.trim() === '' || !Number.isFinite(x)) throw new UsageError(`${flag} must be a number, got "${value}"`);
  return x;
}

/** Options from the command line; the library checks ranges and names the option on a bad one. */
function parse(argv: string[]): { file: string | undefined; json: boolean; help: boolean; options: ParetoOptions } {
  const { values, positionals } = parseFlags(argv, {
      points: { type: 'string' },
      method: { type: 'string' },
      'latency-scale': { type: 'string' },
      abatement: { type: 'string' },
      'time-limit': { type: 'string' },
      json: { type: 'boolean' },
      plans: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
  });
  atMost(positionals, 1);
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

/**
 * Runs `suanflow pareto` with the arguments after `pareto`; writes the table (or JSON) to stdout
 * and problems to stderr, and resolves to the exit code (never throws for bad input).
 */
export function paretoCommand(argv: string[]): Promise<number> {
  return runCommand('pareto', async () => {
    const { file, json, help, options } = parse(argv);
    if (help) {
      process.stdout.write(`${PARETO_USAGE}\n`);
      return 0;
    }
    // Any shape: paretoFrontier validates it and reports every problem as a ScenarioError.
    const result = await paretoFrontier(readScenario(file) as Scenario, options);
    process.stdout.write(json ? `${JSON.stringify(result, null, 2)}\n` : `${formatPareto(result)}\n`);
    return result.frontiers.every((f) => f.status === 'optimal') ? 0 : 1;
  });
}
