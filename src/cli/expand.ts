/**
 * `suanflow expand [file] [--json] [--time-limit S] [--no-vss]`: two-stage stochastic capacity
 * expansion from the scenario's `expansion` block. Exit codes: 0 optimal, 1 time limit (with or
 * without a plan), infeasible or a solver fault, 2 bad input (no expansion block included).
 */
import { numberOption, readScenario, runCommand, UsageError } from './args.js';
import { atMost, parseFlags } from './parse.js';
import { validateScenario } from '../scenario/validate.js';
import { expand } from '../safety/expansion.js';
import type { ExpansionResult } from '../safety/expansion-types.js';

export const EXPAND_USAGE = `usage: suanflow expand [file] [--json] [--time-limit S] [--no-vss]

Capacity expansion under uncertainty (a MILP on glpk.js): chooses how many modules of each
candidate in the scenario's "expansion" block to build, once, so that build cost plus the
expected operating cost over the demand scenarios is least; plans every scenario with them and
reports the value of the stochastic solution (VSS: building for the mean demand instead).

  --json            print { status, objective, gap, modules, scenarios, vss, ... } as JSON
  --time-limit S    limit of the MILP search, seconds (default 60); then status time_limit with
                    the best integer plan and its gap
  --no-vss          skip the mean-scenario build (one MILP and one LP fewer)
  -q, --quiet       no usage hints on stderr
  -h, --help        this text

example:
  suanflow expand growth.json --time-limit 120

exit codes: 0 optimal, 1 time limit, infeasible or a solver fault, 2 bad input`;

const num = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 0 });

/** The result as text. */
export function formatExpansion(r: ExpansionResult): string {
  const lines = [`expansion: ${r.status} — ${r.message}`];
  if (r.objective !== null) {
    lines.push(`objective ${num(r.objective)} CNY = build ${num(r.buildCost!)} + expected operations ${num(r.objective - r.buildCost!)}; gap ${r.gap === null ? '—' : `${(100 * r.gap).toPrecision(3)}%`}`);
    lines.push('', r.modules.length === 0 ? 'modules: none worth building' : 'modules:');
    for (const m of r.modules) lines.push(`  ${String(m.count).padStart(4)} × ${m.name} (${m.site}, ${m.class}): +${num(m.capacity)} units/h, ${num(m.cost)} CNY`);
    lines.push('', 'scenarios:');
    for (const s of r.scenarios) lines.push(`  ${s.name.padEnd(16)} p = ${s.probability}  ${s.objective === null ? '—' : `${num(s.objective)} CNY`}`);
    if (r.vss) lines.push('', `value of the stochastic solution: ${num(r.vss.value)} CNY (building for the mean demand costs ${num(r.vss.expectedCostOfMeanBuild)} in expectation)`);
  }
  for (const x of r.excluded) lines.push(`excluded candidate ${x.candidate}: ${x.reason}`);
  lines.push(`MILP: ${r.size.columns} columns (${r.size.integers} integer), ${r.size.rows} rows, ${(r.ms / 1000).toFixed(2)} s`);
  return lines.join('\n');
}

/** Runs `suanflow expand` with the arguments after the command name; resolves to the exit code. */
export async function expandCommand(argv: string[]): Promise<number> {
  return runCommand('expand', async () => {
    const { values, positionals } = parseFlags(argv, {
      json: { type: 'boolean' },
      'time-limit': { type: 'string' },
      'no-vss': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      process.stdout.write(`${EXPAND_USAGE}\n`);
      return 0;
    }
    atMost(positionals, 1);
    const timeLimit = numberOption('time-limit', values['time-limit'], (x) => x > 0, 'a number of seconds > 0');
    const sc = validateScenario(readScenario(positionals[0]));
    if (!sc.expansion) throw new UsageError(`${positionals[0] ?? 'the built-in scenario'} has no "expansion" block (candidates and scenarios); see the README`);
    const r = await expand(sc, { ...(timeLimit !== undefined ? { timeLimitSeconds: timeLimit } : {}), ...(values['no-vss'] ? { vss: false } : {}) });
    process.stdout.write(values.json ? `${JSON.stringify(r, null, 2)}\n` : `${formatExpansion(r)}\n`);
    return r.status === 'optimal' ? 0 : 1;
  });
}
