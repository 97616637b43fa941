/**
 * `suanflow merge a.jsonl b.jsonl … --spec spec.json --out merged.jsonl`: shard files into one, in
 * the spec's case order; reports missing, duplicate and foreign cases. Exit codes: 0 complete, 1
 * some case missing, conflicting duplicates or lines of another sweep, 2 bad input.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { isQuiet, runCommand, UsageError } from './args.js';
import { parseFlags } from './parse.js';
import { isSweepBadInput, readSpec } from './sweep-args.js';
import { mergeResults } from '../sweep/merge.js';

export const MERGE_USAGE = `usage: suanflow merge FILE… --spec spec.json [--out merged.jsonl] [--json]

Combines results files of a sweep's shards (suanflow sweep --shard i/n) into one, one line per
case in the spec's case order, and reports the cases no file has (missing), cases found more
than once (duplicates: the first is kept; "conflicting" when the copies differ beyond ms) and
lines that are not cases of the spec. Without --out it only reports.

  --spec FILE   the sweep spec the shards ran (required)
  --out FILE    the merged results file (overwritten)
  --json        print the report as JSON
  -q, --quiet   no usage hints on stderr
  -h, --help    this text

example:
  suanflow merge part-*.jsonl --spec spec.json --out results.jsonl

exit codes: 0 complete, 1 cases missing, conflicting duplicates or foreign lines, 2 bad input`;

/** Runs `suanflow merge`; resolves to the exit code. */
export async function mergeCommand(argv: string[]): Promise<number> {
  return runCommand('merge', () => run(argv), undefined, isSweepBadInput);
}

async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, { spec: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } });
  if (values.help) {
    process.stdout.write(`${MERGE_USAGE}\n`);
    return 0;
  }
  if (values.spec === undefined) throw new UsageError('--spec spec.json is required (the sweep the shards ran)');
  if (positionals.length === 0) throw new UsageError('give the results files to merge');
  for (const f of positionals) if (!existsSync(f)) throw new UsageError(`cannot read ${f}: ENOENT`);
  if (values.out !== undefined && positionals.some((f) => resolve(f) === resolve(values.out!))) throw new UsageError(`--out ${values.out} is one of the inputs`);
  const { spec, base } = readSpec(values.spec);
  const r = mergeResults(spec, base, positionals, values.out ?? null);
  const conflicting = r.duplicates.filter((d) => d.conflicting).length;
  if (values.json) process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
  else {
    const lines = [`${r.written} of ${r.cases} cases${values.out !== undefined ? ` written to ${values.out}` : ''}`];
    if (r.missingCount) lines.push(`missing: ${r.missingCount} case${r.missingCount === 1 ? '' : 's'} (${r.missing.slice(0, 10).join(', ')}${r.missingCount > 10 ? ', …' : ''})`);
    if (r.duplicates.length) lines.push(`duplicates: ${r.duplicates.length} case${r.duplicates.length === 1 ? '' : 's'} found more than once (first kept${conflicting ? `; ${conflicting} with different results` : ', identical but ms'}): ${r.duplicates.slice(0, 10).map((d) => `${d.id}×${d.count}`).join(', ')}`);
    if (r.foreign.length) lines.push(`not cases of this spec: ${r.foreign.length} line${r.foreign.length === 1 ? '' : 's'} (${r.foreign.slice(0, 5).map((f) => `${f.file}:${f.line}`).join(', ')}), not written`);
    if (r.torn.length) lines.push(`torn last line ignored in: ${r.torn.join(', ')}`);
    process.stdout.write(`${lines.join('\n')}\n`);
    if (r.missingCount && !isQuiet()) process.stderr.write('suanflow merge: re-run the shards that lack cases (suanflow sweep resumes where a file stops)\n');
  }
  return r.missingCount > 0 || conflicting > 0 || r.foreign.length > 0 ? 1 : 0;
}
