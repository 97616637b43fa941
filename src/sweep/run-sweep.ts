/**
 * `runSweep(spec, options)`: every case of a spec (or of one shard) solved and appended to a JSON
 * lines file in case order, in this thread or on a tinypool pool. Cases whose ids the file already
 * holds are skipped (resume); a torn last line is cut and redone; an abort writes only whole lines
 * of a prefix of the case order, so a re-run completes the file to what an uninterrupted run gives.
 */
import { OptionsError } from '../errors.js';
import { optionNames, rejectUnknownOptions } from '../options.js';
import type { Scenario } from '../scenario/types.js';
import { caseGrid, cases, shardSize, type CaseGrid, type Shard } from './cases.js';
import { runSweepCase, type CaseContext } from './case-run.js';
import { LineWriter, readExisting } from './jsonl.js';
import { defaultWorkers, poolRunner, workerFile } from './pool.js';
import { inProcessRunner, runOrdered, type CaseRunner } from './runner.js';
import type { SweepCase, SweepLine, SweepSpec } from './spec-types.js';
import { validateSweepSpec } from './spec.js';
import type { CaseBatch } from './worker.js';

/** Options of `runSweep`. */
export interface RunSweepOptions {
  /** The results file (JSON lines; appended to, ids already present skipped). */
  readonly out: string;
  /** The base scenario, validated (see `loadBase`). */
  readonly base: Scenario;
  /** Worker threads; 1 runs in this thread. @default the cores available */
  readonly workers?: number;
  /** Run one slice: shard `index` of `count` (cases with index ≡ `index` mod `count`). */
  readonly shard?: Shard;
  /**
   * Cases per task sent to a worker thread (fixed). By default the size adapts: a task takes
   * ⌈left / (4 × threads)⌉ of the cases left, between 1 and 32, so tasks are large while many cases
   * are left (few round trips) and small at the end (the threads finish together).
   */
  readonly batchSize?: number;
  /** Stops the sweep: cases in flight are dropped, the file keeps whole lines of a prefix. */
  readonly signal?: AbortSignal;
  /** After each case written. */
  readonly onProgress?: (p: { readonly done: number; readonly total: number; readonly line: SweepLine }) => void;
  /**
   * Runs each case instead of `runSweepCase` (in this thread only, so `workers` must be 1): for
   * runners that reuse the file handling, resume and shards with another kind of case.
   */
  readonly caseFn?: (c: SweepCase, ctx: CaseContext, signal?: AbortSignal) => Promise<SweepLine>;
  /** Once the cases to run are known (after the resume skip). */
  readonly onStart?: (p: { readonly total: number; readonly skipped: number; readonly tornBytes: number; readonly reason: string }) => void;
}

/** Every option name of `runSweep`. */
export const RUN_SWEEP_OPTION_NAMES = optionNames<RunSweepOptions>()('out', 'base', 'workers', 'shard', 'batchSize', 'signal', 'onProgress', 'onStart', 'caseFn');

/** What a sweep run did. */
export interface RunSweepResult {
  /** Cases of the spec (of the shard). */
  readonly cases: number;
  /** Skipped: already in the file. */
  readonly skipped: number;
  /** Written by this run. */
  readonly written: number;
  /** Written lines by status. */
  readonly statuses: Readonly<Record<string, number>>;
  /** Written lines whose plan `verifyPlan` did not pass. */
  readonly unverified: number;
  /** Bytes of a torn last line cut before resuming. */
  readonly tornBytes: number;
  readonly aborted: boolean;
  readonly workers: number;
  readonly reason: string;
  readonly ms: number;
}

/** The case context of a spec. */
export function caseContext(spec: SweepSpec, base: Scenario): CaseContext {
  return {
    base,
    ...(spec.backend !== undefined ? { backend: spec.backend } : {}),
    ...(spec.timeLimitSeconds !== undefined ? { timeLimitSeconds: spec.timeLimitSeconds } : {}),
    ...(spec.simulate !== undefined ? { simulate: spec.simulate } : {}),
  };
}

/** A shard checked: 0 ≤ index < count, integers. */
export function checkShard(shard: Shard | undefined): Shard {
  if (shard === undefined) return { index: 0, count: 1 };
  const { index, count } = shard;
  if (!(Number.isInteger(count) && count >= 1)) throw new OptionsError('shard.count', `must be an integer ≥ 1, got ${String(count)}`);
  if (!(Number.isInteger(index) && index >= 0 && index < count)) throw new OptionsError('shard.index', `must be an integer in 0 … ${count - 1}, got ${String(index)}`);
  return shard;
}

/** Largest adaptive batch. */
const MAX_BATCH = 32;

/** Size of the next adaptive batch: guided self-scheduling, ⌈left / (4 × threads)⌉ in 1 … 32. */
export function adaptiveBatch(left: number, threads: number): number {
  return Math.max(1, Math.min(MAX_BATCH, Math.ceil(left / (4 * Math.max(1, threads)))));
}

/** Batches of consecutive cases not in `skip`, lazily; `size(left)` cases each (`left`: cases not yet batched). */
function* batches(grid: CaseGrid, shard: Shard, skip: Set<string>, todo: number, size: (left: number) => number): Generator<SweepCase[]> {
  let b: SweepCase[] = [];
  let left = todo;
  let k = size(left);
  for (const c of cases(grid, shard)) {
    if (skip.has(c.id)) continue;
    b.push(c);
    if (b.length === k) {
      left -= k;
      k = size(left);
      yield b;
      b = [];
    }
  }
  if (b.length > 0) yield b;
}

/**
 * Runs the spec's cases into `options.out`. Throws `SweepSpecError` for a bad spec (paths named),
 * `OptionsError` for bad options, `ResultsFileError` when `out` is not a results file.
 *
 * @example
 * const r = await runSweep(spec, { out: 'results.jsonl', base: loadBase(spec, '.'), workers: 2 });
 */
export async function runSweep(spec: SweepSpec, options: RunSweepOptions): Promise<RunSweepResult> {
  const t0 = performance.now();
  rejectUnknownOptions('runSweep', options, RUN_SWEEP_OPTION_NAMES);
  const s = validateSweepSpec(spec);
  const shard = checkShard(options.shard);
  const w = options.workers ?? (options.caseFn ? 1 : await defaultWorkers());
  if (options.caseFn !== undefined && typeof options.caseFn !== 'function') throw new OptionsError('caseFn', 'must be a function');
  if (options.caseFn && w !== 1) throw new OptionsError('workers', 'must be 1 with caseFn (a function cannot be sent to worker threads)');
  if (!(Number.isInteger(w) && w >= 1)) throw new OptionsError('workers', `must be an integer ≥ 1, got ${String(w)}`);
  const fixed = options.batchSize;
  if (fixed !== undefined && !(Number.isInteger(fixed) && fixed >= 1)) throw new OptionsError('batchSize', `must be an integer ≥ 1, got ${String(fixed)}`);
  const grid = caseGrid(s, options.base);
  const ctx = caseContext(s, options.base);
  const inShard = shardSize(grid, shard);
  const existing = readExisting(options.out);
  // Only ids of this spec's shard count as skipped (the file may hold other lines: they stay).
  let skipped = 0;
  if (existing.ids.size > 0) for (const c of cases(grid, shard)) if (existing.ids.has(c.id)) skipped++;
  const todo = inShard - skipped;
  const signal = options.signal;

  let runner: CaseRunner<SweepCase[], SweepLine[]>;
  // A pool when there are several threads' worth of work (more than one fixed batch).
  const poolable = w > 1 && todo > (fixed ?? 1);
  const file = poolable ? await workerFile('sweep-worker.js') : undefined;
  if (poolable && file) {
    // The context goes once to each thread (workerData); batches carry only their cases.
    const pool = await poolRunner<CaseBatch, SweepLine[]>(file, Math.min(w, Math.ceil(todo / (fixed ?? 1))), { warm: { warm: true }, workerData: ctx });
    runner = { ...pool, run: (b: SweepCase[], sig?: AbortSignal) => pool.run({ cases: b }, sig) };
  } else {
    const why = w <= 1 ? 'in this thread: workers is 1' : !poolable ? 'in this thread: one batch of cases' : 'in this thread: the built worker module (dist/sweep-worker.js) was not found; run the build';
    runner = inProcessRunner(async (b: SweepCase[], sig?: AbortSignal) => {
      const out: SweepLine[] = [];
      for (const c of b) {
        if (sig?.aborted) break;
        out.push(await (options.caseFn ?? runSweepCase)(c, ctx, sig));
      }
      return out;
    }, why);
  }
  const threads = runner.threads;
  const size = fixed !== undefined ? () => fixed : threads === 0 ? () => 4 : (left: number) => adaptiveBatch(left, threads);
  options.onStart?.({ total: todo, skipped, tornBytes: existing.tornBytes, reason: runner.reason });
  const writer = new LineWriter(options.out);
  const statuses: Record<string, number> = {};
  let written = 0;
  let unverified = 0;
  try {
    await runOrdered(batches(grid, shard, existing.ids, todo, size), runner, {
      // Two tasks per thread keep each thread busy across a round trip; one in this thread.
      concurrency: threads === 0 ? 1 : threads * 2,
      ...(signal ? { signal } : {}),
      onResult: (lines) => {
        writer.write(lines.map((l) => JSON.stringify(l)));
        for (const l of lines) {
          written++;
          statuses[l.status] = (statuses[l.status] ?? 0) + 1;
          if (!l.verified) unverified++;
          options.onProgress?.({ done: written, total: todo, line: l });
        }
      },
    });
  } finally {
    writer.close();
    await runner.close();
  }
  return { cases: inShard, skipped, written, statuses, unverified, tornBytes: existing.tornBytes, aborted: signal?.aborted === true, workers: runner.threads, reason: runner.reason, ms: performance.now() - t0 };
}
