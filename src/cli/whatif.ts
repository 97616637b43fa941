/**
 * `suanflow whatif [file] [--each-site | --each-hub | --outage SITES…] [--backend B] [--workers N]
 * [--time-limit S] [--top N] [--json]`: N-1 outage analysis, cases ranked by criticality. Exit
 * codes: 0 the base and every case optimal, 1 otherwise or a solver fault, 2 bad input.
 */
import { isQuiet, numberOption, readScenario, runCommand, UsageError } from './args.js';
import { atMost, parseFlags } from './parse.js';
import { validateScenario } from '../scenario/validate.js';
import { formatWhatIf } from '../safety/whatif-format.js';
import { whatIf } from '../safety/whatif.js';
import type { OutageSpec } from '../safety/whatif-types.js';
import type { BackendName } from '../solve/solve.js';

export const WHATIF_USAGE = `usage: suanflow whatif [file] [--each-site | --each-hub | --outage SITES ...] [options]

N-1 analysis: takes each cluster (or each hub, or the given sets of sites) out in turn, re-solves,
and ranks the outages by criticality: unmet work by class (and its penalty), extra cost, extra
carbon (market / location), and which sites absorbed the load. No file: the built-in day.

  --each-site        one case per site (default)
  --each-hub         one case per hub: all its sites out at once
  --outage SITES     one case with these sites out (comma-separated ids); repeat for more cases
  --backend B        auto (default) | glpk | flow | highs | decompose (warm from the base multipliers)
  --workers N        worker threads for the cases (default: the cores; 1: in this thread)
  --time-limit S     time limit of each solve, seconds (default 300)
  --top N            print only the N most critical cases (the JSON has all)
  --json             print { base, cases, ranking, parallel, warm, ms } as JSON
  -q, --quiet        no progress line on stderr (shown only on a terminal; NO_COLOR or
                     TERM=dumb print it without cursor codes)
  -h, --help         this text

ranking: cases without a plan first, then by unmet penalty (CNY), then by extra cost, then by id.

example:
  suanflow whatif --each-hub --backend decompose --top 5

exit codes: 0 the base and every case optimal, 1 otherwise or a solver fault, 2 bad input`;

/** Runs `suanflow whatif` with the arguments after the command name; resolves to the exit code. */
export async function whatifCommand(argv: string[]): Promise<number> {
  return runCommand('whatif', () => run(argv));
}

async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    'each-site': { type: 'boolean' },
    'each-hub': { type: 'boolean' },
    outage: { type: 'string', multiple: true },
    backend: { type: 'string' },
    workers: { type: 'string' },
    'time-limit': { type: 'string' },
    top: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(`${WHATIF_USAGE}\n`);
    return 0;
  }
  atMost(positionals, 1);
  const modes = [values['each-site'], values['each-hub'], values.outage !== undefined].filter(Boolean).length;
  if (modes > 1) throw new UsageError('give one of --each-site, --each-hub and --outage');
  const workers = numberOption('workers', values.workers, (x) => Number.isInteger(x) && x >= 1, 'an integer ≥ 1');
  const timeLimit = numberOption('time-limit', values['time-limit'], (x) => x > 0, 'a number of seconds > 0');
  const top = numberOption('top', values.top, (x) => Number.isInteger(x) && x >= 1, 'an integer ≥ 1');
  const outage: OutageSpec = values['each-hub']
    ? 'each-hub'
    : values.outage !== undefined
      ? values.outage.map((s) => {
          const ids = s.split(',').map((x) => x.trim());
          if (ids.some((x) => x === '')) throw new UsageError(`--outage must be comma-separated site ids, got "${s}"`);
          return ids;
        })
      : 'each-site';
  const sc = validateScenario(readScenario(positionals[0]));
  const progress = process.stderr.isTTY === true && !isQuiet();
  const plain = process.env['NO_COLOR'] !== undefined || process.env['TERM'] === 'dumb';
  const show = (text: string) => process.stderr.write(plain ? `${text}\n` : `\r\x1b[K${text}`);
  const r = await whatIf(sc, {
    outage,
    ...(values.backend !== undefined ? { backend: values.backend as BackendName } : {}),
    ...(workers !== undefined ? { workers } : {}),
    ...(timeLimit !== undefined ? { timeLimitSeconds: timeLimit } : {}),
    ...(progress ? { onProgress: (p) => show(p.done === 0 ? `base solved; ${p.total} cases…` : `case ${p.done}/${p.total} (${p.outage.join(', ')})`) } : {}),
  });
  if (progress && !plain) process.stderr.write('\r\x1b[K');
  process.stdout.write(values.json ? `${JSON.stringify(r, null, 2)}\n` : `${formatWhatIf(r, sc.name ?? 'scenario', top)}\n`);
  return r.base.status === 'optimal' && r.cases.every((c) => c.status === 'optimal') ? 0 : 1;
}
