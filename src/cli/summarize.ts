/**
 * `suanflow summarize results.jsonl [--html chart.html] [--json]`: per-axis p5/p50/p95 of cost,
 * carbon and unmet. Exit codes: 0 ok, 2 bad input.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { runCommand, UsageError } from './args.js';
import { atMost, parseFlags } from './parse.js';
import { isSweepBadInput } from './sweep-args.js';
import { formatSummary, summarizeResults, summaryHtml } from '../sweep/summarize.js';

export const SUMMARIZE_USAGE = `usage: suanflow summarize results.jsonl [--html FILE] [--json]

Per axis of the sweep and per value: the p5, p50 and p95 (linear between order statistics) of
cost (CNY), carbon (market- and location-based tonnes) and unmet work (unit-hours), over the
cases with a plan; and a self-contained HTML page with one SVG chart per axis and metric.

  --html FILE   write the chart page (default: results file name with .html)
  --no-html     no chart page
  --json        print the summary as JSON
  -h, --help    this text

example:
  suanflow summarize results.jsonl --html results.html

exit codes: 0 ok, 2 bad input`;

/** Runs `suanflow summarize`; resolves to the exit code. */
export async function summarizeCommand(argv: string[]): Promise<number> {
  return runCommand('summarize', () => run(argv), undefined, isSweepBadInput);
}

async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, { html: { type: 'string' }, 'no-html': { type: 'boolean' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } });
  if (values.help) {
    process.stdout.write(`${SUMMARIZE_USAGE}\n`);
    return 0;
  }
  atMost(positionals, 1);
  const file = positionals[0];
  if (file === undefined) throw new UsageError('give the results file: suanflow summarize results.jsonl');
  if (!existsSync(file)) throw new UsageError(`cannot read ${file}: ENOENT`);
  if (values.html !== undefined && values['no-html']) throw new UsageError('give --html FILE or --no-html, not both');
  const s = summarizeResults(file);
  const html = values['no-html'] ? undefined : (values.html ?? file.replace(/\.jsonl?$/i, '') + '.html');
  if (html !== undefined) writeFileSync(html, summaryHtml(s, `suanflow sweep: ${file}`));
  process.stdout.write(values.json ? `${JSON.stringify(s, null, 2)}\n` : `${formatSummary(s)}${html !== undefined ? `\n\nchart: ${html}` : ''}\n`);
  return 0;
}
