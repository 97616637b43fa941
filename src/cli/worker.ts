/**
 * `suanflow worker --queue redis://host:port`: serves sweep cases from BullMQ until SIGINT/SIGTERM.
 * Exit codes: 0 stopped, 1 the queue cannot be reached (one message, after --connect-timeout),
 * 2 bad input.
 */
import { isQuiet, numberOption, runCommand, UsageError } from './args.js';
import { atMost, parseFlags } from './parse.js';
import { isSweepBadInput, onInterrupt } from './sweep-args.js';
import { serveQueue } from '../sweep/queue.js';

export const WORKER_USAGE = `usage: suanflow worker --queue redis://host:port [options]

Serves the cases of "suanflow sweep --queue" from BullMQ on Redis: run one per core on any
number of machines. A worker that dies holds its case only until its lock runs out: another
worker then runs it (BullMQ's stalled-job check). Stops on Ctrl-C or SIGTERM after the cases in
progress.

  --queue URL           redis://host:port (required)
  --queue-name NAME     BullMQ queue name (default suanflow-sweep)
  --concurrency N       cases at a time in this process (default 1)
  --lock-duration MS    lock of a running case, renewed while it runs (default 30000)
  --stalled-interval MS how often cases of dead workers are looked for (default 30000)
  --connect-timeout S   seconds to wait for Redis before giving up (default 5)
  -q, --quiet           no line per case on stderr
  -h, --help            this text

example:
  suanflow worker --queue redis://10.0.0.5:6379

exit codes: 0 stopped, 1 queue unreachable, 2 bad input`;

/** Runs `suanflow worker`; resolves to the exit code. */
export async function workerCommand(argv: string[]): Promise<number> {
  return runCommand('worker', () => run(argv), undefined, isSweepBadInput);
}

async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    queue: { type: 'string' },
    'queue-name': { type: 'string' },
    concurrency: { type: 'string' },
    'lock-duration': { type: 'string' },
    'stalled-interval': { type: 'string' },
    'connect-timeout': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(`${WORKER_USAGE}\n`);
    return 0;
  }
  atMost(positionals, 0);
  if (values.queue === undefined) throw new UsageError('--queue redis://host:port is required');
  const int = (x: number) => Number.isInteger(x) && x >= 1;
  const concurrency = numberOption('concurrency', values.concurrency, int, 'an integer ≥ 1');
  const lock = numberOption('lock-duration', values['lock-duration'], (x) => int(x) && x >= 100, 'an integer number of ms ≥ 100');
  const stalled = numberOption('stalled-interval', values['stalled-interval'], (x) => int(x) && x >= 100, 'an integer number of ms ≥ 100');
  const timeout = numberOption('connect-timeout', values['connect-timeout'], (x) => x > 0, 'a number of seconds > 0');
  const controller = new AbortController();
  const off = onInterrupt(controller, 'suanflow worker');
  try {
    const n = await serveQueue({
      queue: values.queue,
      ...(values['queue-name'] !== undefined ? { queueName: values['queue-name'] } : {}),
      ...(concurrency !== undefined ? { concurrency } : {}),
      ...(lock !== undefined ? { lockDurationMs: lock } : {}),
      ...(stalled !== undefined ? { stalledIntervalMs: stalled } : {}),
      ...(timeout !== undefined ? { connectTimeoutMs: timeout * 1000 } : {}),
      signal: controller.signal,
      onReady: () => {
        if (!isQuiet()) process.stderr.write(`suanflow worker: serving ${values.queue} (pid ${process.pid})\n`);
      },
      onStart: (id) => {
        if (!isQuiet()) process.stderr.write(`start ${id}\n`);
      },
      onCase: (l) => {
        if (!isQuiet()) process.stderr.write(`case ${l.id} ${l.status} ${l.ms.toFixed(0)} ms\n`);
      },
    });
    if (!isQuiet()) process.stderr.write(`suanflow worker: stopped after ${n} cases\n`);
    return 0;
  } finally {
    off();
  }
}
