/**
 * Sweeps across machines on BullMQ (Redis): `runSweepOnQueue` stores the case context once,
 * enqueues one job per case (job id = sweep key + case id, so a case is queued once), and collects
 * the lines the workers push to a results list, deduplicated by case id (a case retried after a
 * worker died may be pushed twice: the first line wins). `serveQueue` is the worker: any number of
 * processes on any machines; a job whose worker dies is found by BullMQ's stalled-job check
 * (`lockDuration`, `stalledInterval`) and runs again elsewhere; a failing job is retried with
 * exponential backoff.
 */
import { optionNames, rejectUnknownOptions } from '../options.js';
import type { Scenario } from '../scenario/types.js';
import { caseGrid, cases, shardSize, type Shard } from './cases.js';
import { runSweepCase, type CaseContext } from './case-run.js';
import { loadBullMQ } from './bullmq-load.js';
import { caseId } from './ids.js';
import { LineWriter, readExisting } from './jsonl.js';
import { parseRedisUrl, pingRedis, QueueError, type RedisAddress } from './redis-url.js';
import { caseContext, checkShard } from './run-sweep.js';
import type { SweepCase, SweepLine, SweepSpec } from './spec-types.js';
import { validateSweepSpec } from './spec.js';

/** The default BullMQ queue name. */
export const DEFAULT_QUEUE_NAME = 'suanflow-sweep';

/** What a job carries: the sweep's key (its context is stored once under it) and the case. */
interface JobData {
  readonly key: string;
  readonly case: SweepCase;
}

/** The Redis commands used beside BullMQ's (on its connections: ioredis). */
interface ListClient {
  lpop(key: string, count: number): Promise<string[] | null>;
  rpush(key: string, value: string): Promise<number>;
  set(key: string, value: string): Promise<unknown>;
  get(key: string): Promise<string | null>;
  del(...keys: string[]): Promise<number>;
}

const ctxKey = (name: string, key: string) => `suanflow:${name}:${key}:ctx`;
const resultsKey = (name: string, key: string) => `suanflow:${name}:${key}:results`;

function connection(addr: RedisAddress) {
  return {
    host: addr.host,
    port: addr.port,
    ...(addr.password !== undefined ? { password: addr.password } : {}),
    ...(addr.db !== undefined ? { db: addr.db } : {}),
    maxRetriesPerRequest: null,
  };
}

/** Options of `runSweepOnQueue`. */
export interface QueueSweepOptions {
  /** `redis://host:port`. */
  readonly queue: string;
  readonly out: string;
  readonly base: Scenario;
  readonly shard?: Shard;
  /** BullMQ queue name. @default "suanflow-sweep" */
  readonly queueName?: string;
  /** Attempts per case when a worker's processing throws. @default 5 */
  readonly attempts?: number;
  /** First retry delay, ms (doubling). @default 1000 */
  readonly backoffMs?: number;
  /** Time-out of the first contact with Redis, ms. @default 5000 */
  readonly connectTimeoutMs?: number;
  readonly signal?: AbortSignal;
  readonly onStart?: (p: { readonly total: number; readonly skipped: number; readonly tornBytes: number; readonly reason: string }) => void;
  readonly onProgress?: (p: { readonly done: number; readonly total: number; readonly line: SweepLine }) => void;
}

/** Every option name of `runSweepOnQueue`. */
export const QUEUE_SWEEP_OPTION_NAMES = optionNames<QueueSweepOptions>()('queue', 'out', 'base', 'shard', 'queueName', 'attempts', 'backoffMs', 'connectTimeoutMs', 'signal', 'onStart', 'onProgress');

/** What a queue sweep did. */
export interface QueueSweepResult {
  readonly cases: number;
  readonly skipped: number;
  readonly written: number;
  /** Lines pushed twice (a case re-run after its worker died) and dropped. */
  readonly duplicates: number;
  readonly statuses: Readonly<Record<string, number>>;
  readonly unverified: number;
  readonly tornBytes: number;
  readonly aborted: boolean;
  readonly ms: number;
}

/** The key of a sweep: a hash of its context and axes (two sweeps on one queue never mix). */
export function sweepKey(spec: SweepSpec, ctx: CaseContext): string {
  return caseId({ axes: spec.axes, ctx });
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((res) => {
    const stop = () => (clearTimeout(t), res());
    const t = setTimeout(() => (signal?.removeEventListener('abort', stop), res()), ms);
    signal?.addEventListener('abort', stop, { once: true });
  });

/**
 * Enqueues the spec's cases (of one shard) not yet in `out`, and appends the workers' lines to
 * `out` as they arrive until every case has one. Throws `QueueError` (within `connectTimeoutMs`)
 * when Redis cannot be reached, or when bullmq is not installed.
 */
export async function runSweepOnQueue(spec: SweepSpec, options: QueueSweepOptions): Promise<QueueSweepResult> {
  const t0 = performance.now();
  rejectUnknownOptions('runSweepOnQueue', options, QUEUE_SWEEP_OPTION_NAMES);
  const s = validateSweepSpec(spec);
  const shard = checkShard(options.shard);
  const addr = parseRedisUrl(options.queue);
  const { Queue } = await loadBullMQ();
  await pingRedis(addr, options.connectTimeoutMs ?? 5000);
  const name = options.queueName ?? DEFAULT_QUEUE_NAME;
  const grid = caseGrid(s, options.base);
  const ctx = caseContext(s, options.base);
  const key = sweepKey(s, ctx);
  const existing = readExisting(options.out);
  const inShard = shardSize(grid, shard);
  const expected = new Set<string>();
  for (const c of cases(grid, shard)) if (!existing.ids.has(c.id)) expected.add(c.id);
  const skipped = inShard - expected.size;
  const queue = new Queue<JobData>(name, { connection: connection(addr) });
  const client = (await queue.client) as unknown as ListClient;
  const signal = options.signal;
  const writer = new LineWriter(options.out);
  const statuses: Record<string, number> = {};
  let written = 0;
  let unverified = 0;
  let duplicates = 0;
  try {
    await client.set(ctxKey(name, key), JSON.stringify(ctx));
    options.onStart?.({ total: expected.size, skipped, tornBytes: existing.tornBytes, reason: `queue ${addr.shown} (${name}), sweep ${key}` });
    const opts = { attempts: options.attempts ?? 5, backoff: { type: 'exponential' as const, delay: options.backoffMs ?? 1000 }, removeOnComplete: true, removeOnFail: false };
    let bulk: { name: string; data: JobData; opts: typeof opts & { jobId: string } }[] = [];
    for (const c of cases(grid, shard)) {
      if (!expected.has(c.id)) continue;
      bulk.push({ name: 'case', data: { key, case: c }, opts: { ...opts, jobId: `${key}-${c.id}` } });
      if (bulk.length === 500) {
        await queue.addBulk(bulk);
        bulk = [];
      }
      if (signal?.aborted) break;
    }
    if (bulk.length > 0) await queue.addBulk(bulk);
    const seen = new Set<string>();
    let lastFailedCheck = 0;
    while (seen.size < expected.size && !signal?.aborted) {
      const got = await client.lpop(resultsKey(name, key), 200);
      if (!got || got.length === 0) {
        // Jobs that failed for good (every attempt, or stalled too often) get an error line: nothing is lost silently.
        if (performance.now() - lastFailedCheck > 2000) {
          lastFailedCheck = performance.now();
          for (const job of await queue.getFailed(0, 999)) {
            if (job.data?.key !== key || seen.has(job.data.case.id) || !expected.has(job.data.case.id)) continue;
            const c = job.data.case;
            const line: SweepLine = { id: c.id, params: c.params, status: 'error', objective: null, costs: null, carbon: null, unmet: null, backend: ctx.backend ?? 'auto', ms: 0, verified: false, message: `failed on the queue after ${job.attemptsMade} attempts: ${job.failedReason}` };
            await client.rpush(resultsKey(name, key), JSON.stringify(line));
            await job.remove();
          }
        }
        await sleep(50, signal);
        continue;
      }
      const lines: string[] = [];
      for (const text of got) {
        const line = JSON.parse(text) as SweepLine;
        if (seen.has(line.id) || !expected.has(line.id)) {
          duplicates++;
          continue;
        }
        seen.add(line.id);
        lines.push(text);
        written++;
        statuses[line.status] = (statuses[line.status] ?? 0) + 1;
        if (!line.verified) unverified++;
        options.onProgress?.({ done: written, total: expected.size, line });
      }
      writer.write(lines);
    }
    if (!signal?.aborted) await client.del(ctxKey(name, key), resultsKey(name, key));
  } finally {
    writer.close();
    await queue.close();
  }
  return { cases: inShard, skipped, written, duplicates, statuses, unverified, tornBytes: existing.tornBytes, aborted: signal?.aborted === true, ms: performance.now() - t0 };
}

/** Options of `serveQueue`. */
export interface ServeQueueOptions {
  readonly queue: string;
  readonly queueName?: string;
  /** Cases at a time in this process. @default 1 */
  readonly concurrency?: number;
  /** How long a job's lock lasts without renewal, ms (BullMQ lockDuration). @default 30000 */
  readonly lockDurationMs?: number;
  /** How often stalled jobs (of dead workers) are looked for, ms. @default 30000 */
  readonly stalledIntervalMs?: number;
  /** Stalls a job may have before it fails. @default 3 */
  readonly maxStalledCount?: number;
  readonly connectTimeoutMs?: number;
  /** Stops the worker (jobs in progress finish first). */
  readonly signal?: AbortSignal;
  readonly onCase?: (line: SweepLine) => void;
  /** When a case is taken from the queue, before it runs (its id). */
  readonly onStart?: (id: string) => void;
  /** Once connected and serving. */
  readonly onReady?: () => void;
}

/** Every option name of `serveQueue`. */
export const SERVE_QUEUE_OPTION_NAMES = optionNames<ServeQueueOptions>()('queue', 'queueName', 'concurrency', 'lockDurationMs', 'stalledIntervalMs', 'maxStalledCount', 'connectTimeoutMs', 'signal', 'onCase', 'onStart', 'onReady');

/** Serves sweep cases from the queue until `signal` fires; resolves to the number of cases run. */
export async function serveQueue(options: ServeQueueOptions): Promise<number> {
  rejectUnknownOptions('serveQueue', options, SERVE_QUEUE_OPTION_NAMES);
  const addr = parseRedisUrl(options.queue);
  const { Worker } = await loadBullMQ();
  await pingRedis(addr, options.connectTimeoutMs ?? 5000);
  const name = options.queueName ?? DEFAULT_QUEUE_NAME;
  const contexts = new Map<string, CaseContext>();
  let n = 0;
  const worker = new Worker<JobData>(
    name,
    async (job) => {
      const { key } = job.data;
      const client = (await worker.client) as unknown as ListClient;
      let ctx = contexts.get(key);
      if (!ctx) {
        const text = await client.get(ctxKey(name, key));
        if (text === null) throw new QueueError(`sweep ${key}: its context is gone from the queue (the sweep ended?)`);
        ctx = JSON.parse(text) as CaseContext;
        contexts.set(key, ctx);
      }
      options.onStart?.(job.data.case.id);
      const line = await runSweepCase(job.data.case, ctx);
      await client.rpush(resultsKey(name, key), JSON.stringify(line));
      n++;
      options.onCase?.(line);
      return line.status;
    },
    {
      connection: connection(addr),
      concurrency: options.concurrency ?? 1,
      lockDuration: options.lockDurationMs ?? 30_000,
      stalledInterval: options.stalledIntervalMs ?? 30_000,
      maxStalledCount: options.maxStalledCount ?? 3,
      autorun: true,
    },
  );
  await worker.waitUntilReady();
  options.onReady?.();
  await new Promise<void>((res) => {
    if (options.signal?.aborted) return res();
    options.signal?.addEventListener('abort', () => res(), { once: true });
  });
  await worker.close();
  return n;
}

