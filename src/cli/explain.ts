/**
 * `suanflow explain [file] [--json] [--time-limit S]`: why a scenario with hard rules has no plan,
 * as an irreducible set of its rules. Exit codes: 0 explained (or nothing to explain: feasible),
 * 1 the time limit cut the search (partial) or a solver fault, 2 bad input.
 */
import { numberOption, readScenario, runCommand } from './args.js';
import { atMost, parseFlags } from './parse.js';
import { validateScenario } from '../scenario/validate.js';
import { explain } from '../safety/iis.js';
import type { Explanation } from '../safety/iis-types.js';

export const EXPLAIN_USAGE = `usage: suanflow explain [file] [--json] [--time-limit S]

When hard demand (policy.allowUnmet: false) and the rules cannot all hold, names a smallest set of
rules that conflict: a demand's conservation over its hours, a site-class capacity over the hours,
a demand's latency limit, maxPerHour, a link's bandwidth, the carbon cap, a green share. Dropping
any one of them makes the rest feasible (irreducible, proved by re-solving). Network-shaped
scenarios (no policy or bandwidth rows): max flow and its min cut; others: Chinneck's elastic
filter, then the deletion filter. No file: the built-in day (which is feasible).

  --json            print the Explanation as JSON (rules in data and words, summary)
  --time-limit S    wall-clock limit of the search, seconds (default 60); a cut search is "partial"
  -q, --quiet       no usage hints on stderr
  -h, --help        this text

example:
  suanflow explain hard-demand.json

exit codes: 0 explained or feasible, 1 partial (time limit) or a solver fault, 2 bad input`;

/** The explanation as text. */
export function formatExplanation(e: Explanation): string {
  if (e.feasible) return e.summary;
  const lines = [e.summary, ''];
  lines.push(`${e.rules.length} rules${e.irreducible ? ', irreducible (dropping any one makes the rest feasible)' : ''}${e.partial ? ', partial: the time limit cut the search' : ''}:`);
  for (const r of e.rules) lines.push(`  - ${r.message}`);
  lines.push('', `method: ${e.method}, ${e.tests} feasibility tests, ${(e.ms / 1000).toFixed(2)} s`);
  return lines.join('\n');
}

/** Runs `suanflow explain` with the arguments after the command name; resolves to the exit code. */
export async function explainCommand(argv: string[]): Promise<number> {
  return runCommand('explain', async () => {
    const { values, positionals } = parseFlags(argv, {
      json: { type: 'boolean' },
      'time-limit': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      process.stdout.write(`${EXPLAIN_USAGE}\n`);
      return 0;
    }
    atMost(positionals, 1);
    const timeLimit = numberOption('time-limit', values['time-limit'], (x) => x > 0, 'a number of seconds > 0');
    const sc = validateScenario(readScenario(positionals[0]));
    const e = await explain(sc, timeLimit !== undefined ? { timeLimitSeconds: timeLimit } : {});
    process.stdout.write(values.json ? `${JSON.stringify(e, null, 2)}\n` : `${formatExplanation(e)}\n`);
    return e.partial ? 1 : 0;
  });
}
