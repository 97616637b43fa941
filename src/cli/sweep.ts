/**
 * `suanflow sweep spec.json --out results.jsonl [--workers N] [--shard i/n] [--queue redis://…]`:
 * runs every case of a sweep spec, one JSON line per case, resuming from what the file holds.
 * Exit codes: 0 every case optimal and verified, 1 otherwise (or a queue fault), 2 bad input,
 * 130 interrupted (the file holds whole lines; run the command again to resume).
 */
import { isQuiet, numberOption, runCommand, UsageError } from './args.js';
import { atMost, parseFlags } from './parse.js';
import { isSweepBadInput, onInterrupt, readSpec, shardOf } from './sweep-args.js';
import { ProgressBar } from '../sweep/progress.js';
import { runSweepOnQueue } from '../sweep/queue.js';
import { runSweep } from '../sweep/run-sweep.js';

export const SWEEP_USAGE = `usage: suanflow sweep spec.json --out results.jsonl [options]

Runs every case of a sweep spec (a base scenario and axes: carbonPrice, demandScale, carbonCap,
minGreenShare, outage, seeds, backend; JSON Schema: schema/sweep-spec.schema.json of the package)
and appends one JSON line
per case to the results file: id, params, status, objective, costs, carbon, unmet, backend, ms,
verified. Cases already in the file are skipped (a torn last line is cut and redone), so an
interrupted sweep resumes with the same command.

  --out FILE          the results file (JSON lines), required
  --workers N         worker threads (default: the cores available; 1: this thread)
  --shard i/n         run only shard i of n (0 ≤ i < n: cases whose index ≡ i mod n); without it
                      JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID give i, with n from --shards
                      or SUANFLOW_SHARDS
  --shards N          the number of shards, with --shard i or the batch engine's index
  --queue URL         enqueue the cases on BullMQ at redis://host:port and collect the results
                      (serve them with "suanflow worker --queue URL" on any machines)
  --queue-name NAME   BullMQ queue name (default suanflow-sweep)
  --connect-timeout S seconds to wait for Redis before giving up (default 5)
  --batch K           cases per task sent to a worker thread (default: adaptive, ⌈left / (4 × threads)⌉ in 1 … 32)
  --json              print the run's summary as JSON
  -q, --quiet         no progress bar on stderr (shown only on a terminal; NO_COLOR or
                      TERM=dumb print plain lines)
  -h, --help          this text

examples:
  suanflow sweep spec.json --out results.jsonl --workers 8
  suanflow sweep spec.json --out part-3.jsonl --shard 3/10
  suanflow sweep spec.json --out results.jsonl --queue redis://10.0.0.5:6379

exit codes: 0 every case optimal and verified, 1 otherwise, 2 bad input, 130 interrupted`;

/** Runs `suanflow sweep`; resolves to the exit code. */
export async function sweepCommand(argv: string[]): Promise<number> {
  return runCommand('sweep', () => run(argv), undefined, isSweepBadInput);
}

async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    out: { type: 'string' },
    workers: { type: 'string' },
    shard: { type: 'string' },
    shards: { type: 'string' },
    queue: { type: 'string' },
    'queue-name': { type: 'string' },
    'connect-timeout': { type: 'string' },
    batch: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(`${SWEEP_USAGE}\n`);
    return 0;
  }
  atMost(positionals, 1);
  const file = positionals[0];
  if (file === undefined) throw new UsageError('give the sweep spec file: suanflow sweep spec.json --out results.jsonl');
  if (values.out === undefined) throw new UsageError('--out FILE is required (the results file, JSON lines)');
  const workers = numberOption('workers', values.workers, (x) => Number.isInteger(x) && x >= 1, 'an integer ≥ 1');
  const batch = numberOption('batch', values.batch, (x) => Number.isInteger(x) && x >= 1, 'an integer ≥ 1');
  const timeout = numberOption('connect-timeout', values['connect-timeout'], (x) => x > 0, 'a number of seconds > 0');
  if (values.queue !== undefined && (workers !== undefined || batch !== undefined)) throw new UsageError('--workers and --batch are for local runs; with --queue, start "suanflow worker" processes');
  if (values.queue === undefined && (values['queue-name'] !== undefined || timeout !== undefined)) throw new UsageError('--queue-name and --connect-timeout need --queue');
  const shard = shardOf(values.shard, values.shards);
  const { spec, base } = readSpec(file);

  const controller = new AbortController();
  const off = onInterrupt(controller, 'suanflow sweep');
  let bar: ProgressBar | undefined;
  const onStart = (p: { total: number; skipped: number; tornBytes: number; reason: string }) => {
    if (!isQuiet()) {
      const torn = p.tornBytes > 0 ? `; cut a torn last line (${p.tornBytes} bytes), its case runs again` : '';
      process.stderr.write(`suanflow sweep: ${p.total} cases to run${p.skipped ? `, ${p.skipped} already in ${values.out}` : ''}${shard ? ` (shard ${shard.index}/${shard.count})` : ''}; ${p.reason}${torn}\n`);
    }
    bar = new ProgressBar(process.stderr, 'sweep', p.total, isQuiet());
  };
  const onProgress = () => bar?.tick();
  try {
    const r =
      values.queue !== undefined
        ? await runSweepOnQueue(spec, { queue: values.queue, out: values.out, base, ...(shard ? { shard } : {}), ...(values['queue-name'] !== undefined ? { queueName: values['queue-name'] } : {}), ...(timeout !== undefined ? { connectTimeoutMs: timeout * 1000 } : {}), signal: controller.signal, onStart, onProgress })
        : await runSweep(spec, { out: values.out, base, ...(workers !== undefined ? { workers } : {}), ...(shard ? { shard } : {}), ...(batch !== undefined ? { batchSize: batch } : {}), signal: controller.signal, onStart, onProgress });
    bar?.end();
    const notOk = Object.entries(r.statuses).filter(([k]) => k !== 'optimal').reduce((s, [, v]) => s + v, 0);
    if (values.json) process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
    else {
      const st = Object.entries(r.statuses).map(([k, v]) => `${v} ${k}`).join(', ') || 'nothing new';
      process.stdout.write(`${r.written} cases written to ${values.out} (${st})${r.skipped ? `, ${r.skipped} were already there` : ''}${r.unverified ? `; ${r.unverified} not verified` : ''}${'duplicates' in r && r.duplicates ? `; ${r.duplicates} duplicate results dropped` : ''} in ${(r.ms / 1000).toFixed(1)} s\n`);
    }
    if (r.aborted) {
      if (!isQuiet()) process.stderr.write(`suanflow sweep: interrupted; ${values.out} holds whole lines: run the same command again to resume\n`);
      return 130;
    }
    return notOk > 0 || r.unverified > 0 ? 1 : 0;
  } finally {
    off();
  }
}
