// The 200-case sweep of the built-in day (location accounting: every case a network):
// serial, worker pool, shards + merge, and the queue give the same ids with the same objectives.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBase } from '../src/sweep/base.js';
import { mergeResults } from '../src/sweep/merge.js';
import { runSweepOnQueue, serveQueue } from '../src/sweep/queue.js';
import { runSweep } from '../src/sweep/run-sweep.js';
import { validateSweepSpec } from '../src/sweep/spec.js';
import { lines, objectives, redisGate, SPEC_200, startRedis, sweepDir, withoutMs } from './sweep-fixtures.js';

const { dir } = sweepDir();
const spec = validateSweepSpec(SPEC_200);
const base = loadBase(spec, dir);
const serial = join(dir, 'serial.jsonl');

describe('a 200-case sweep, four ways', () => {
  beforeAll(async () => {
    const r = await runSweep(spec, { out: serial, base, workers: 1 });
    expect(r.written).toBe(200);
  }, 120_000);

  it('serial: 200 distinct ids, every case optimal and verified, stranded work counted as unmet', () => {
    const ls = lines(serial);
    expect(ls).toHaveLength(200);
    expect(new Set(ls.map((l) => l['id'])).size).toBe(200);
    for (const l of ls) expect([l['status'], l['verified'], l['backend']]).toEqual(['optimal', true, 'flow']);
    // Zhangjiakou (the only site of its hub) down: Beijing's interactive demand has no site left.
    const zjk = ls.filter((l) => JSON.stringify((l['params'] as { outage: string[] }).outage) === '["zhangjiakou"]');
    expect(zjk.every((l) => /had no site left/.test(String(l['message'])) && (l['unmet'] as number) > 0)).toBe(true);
  });

  it('worker pool (2 threads): the same lines, in the same order (but ms)', async () => {
    expect(existsSync(join(__dirname, '..', 'dist', 'sweep-worker.js')), 'run the build first').toBe(true);
    const out = join(dir, 'pool.jsonl');
    const r = await runSweep(spec, { out, base, workers: 2, batchSize: 5 });
    expect(r.workers).toBe(2);
    expect(withoutMs(out)).toEqual(withoutMs(serial));
  }, 120_000);

  it('worker pool with adaptive batches (the default) and the context sent once per thread: the same lines', async () => {
    const out = join(dir, 'pool-adaptive.jsonl');
    const r = await runSweep(spec, { out, base, workers: 2 });
    expect(r.workers).toBe(2);
    expect(withoutMs(out)).toEqual(withoutMs(serial));
  }, 120_000);

  it('three shards + merge: the same lines as serial; a duplicated shard is reported, a missing one too', async () => {
    const parts = [0, 1, 2].map((i) => join(dir, `shard-${i}.jsonl`));
    for (const [i, out] of parts.entries()) await runSweep(spec, { out, base, workers: 1, shard: { index: i, count: 3 } });
    expect(parts.map((p) => lines(p).length)).toEqual([67, 67, 66]);
    const merged = join(dir, 'merged.jsonl');
    const r = mergeResults(spec, base, [...parts, parts[1]!], merged);
    expect([r.written, r.missingCount, r.duplicates.length, r.duplicates.some((d) => d.conflicting)]).toEqual([200, 0, 66 + 1, false]);
    expect(withoutMs(merged)).toEqual(withoutMs(serial));
    const partial = mergeResults(spec, base, [parts[0]!, parts[2]!], null);
    expect(partial.missingCount).toBe(67);
    expect(new Set(partial.missing)).toEqual(new Set(lines(parts[1]!).map((l) => l['id'])));
  }, 120_000);

  if (!redisGate('sweep over the queue (BullMQ)')) {
    let redis: Awaited<ReturnType<typeof startRedis>>;
    beforeAll(async () => void (redis = await startRedis()), 20_000);
    afterAll(async () => redis?.stop());
    it('queue (two in-process workers): the same ids and objectives', async () => {
      const stop = new AbortController();
      const workers = [serveQueue({ queue: redis.url, signal: stop.signal }), serveQueue({ queue: redis.url, signal: stop.signal })];
      const out = join(dir, 'queue.jsonl');
      try {
        const r = await runSweepOnQueue(spec, { queue: redis.url, out, base });
        expect(r.written).toBe(200);
      } finally {
        stop.abort();
        await Promise.all(workers);
      }
      expect(objectives(out)).toEqual(objectives(serial));
      expect([...withoutMs(out)].sort()).toEqual([...withoutMs(serial)].sort());
    }, 120_000);
  }
});
