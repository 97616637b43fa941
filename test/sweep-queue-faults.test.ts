// Faults of the queue: three `suanflow worker` processes on a local redis-server, one SIGKILLed
// mid-run (its case is found stalled and runs elsewhere): nothing lost, nothing duplicated; and an
// unreachable Redis is one clear message within the time-out, not a hang.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBase } from '../src/sweep/base.js';
import { runSweepOnQueue, serveQueue } from '../src/sweep/queue.js';
import { QueueError } from '../src/sweep/redis-url.js';
import { validateSweepSpec } from '../src/sweep/spec.js';
import { caseGrid, cases } from '../src/sweep/cases.js';
import { CLI, freePort, lines, redisGate, startRedis, stopChild, sweepDir } from './sweep-fixtures.js';

const SPEC = { version: 1, base: 'day-location.json', axes: { carbonPrice: [0, 40, 80, 120, 160, 200, 300, 400, 600, 800], outage: [['guian'], ['qingyang'], ['helingeer'], ['shaoguan'], ['zhangjiakou'], ['tianfu', 'chongqing']] } };

describe('unreachable Redis', () => {
  it('nothing listening: one QueueError naming the address, at once', async () => {
    const { dir } = sweepDir(SPEC);
    const spec = validateSweepSpec(SPEC);
    const port = await freePort();
    const t0 = performance.now();
    const e = await runSweepOnQueue(spec, { queue: `redis://127.0.0.1:${port}`, out: join(dir, 'x.jsonl'), base: loadBase(spec, dir) }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(QueueError);
    expect((e as Error).message).toBe(`cannot reach the queue at redis://127.0.0.1:${port}: connection refused (nothing listens on that port) (start Redis there, or check --queue)`);
    expect(performance.now() - t0).toBeLessThan(3000);
  });

  it('a port that accepts but never answers: the CLI says so after --connect-timeout and exits 1', async () => {
    const { dir, spec } = sweepDir(SPEC);
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as { port: number }).port;
    try {
      const p = spawn(process.execPath, [CLI, 'sweep', spec, '--out', join(dir, 'r.jsonl'), '--queue', `redis://127.0.0.1:${port}`, '--connect-timeout', '0.5'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      p.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const t0 = performance.now();
      const code = await new Promise<number | null>((r) => p.on('exit', r));
      expect(code).toBe(1);
      expect(err).toBe(`suanflow sweep: cannot reach the queue at redis://127.0.0.1:${port}: no answer within 0.5 s (start Redis there, or check --queue)\n`);
      expect(performance.now() - t0).toBeLessThan(8000);
    } finally {
      silent.close();
    }
  }, 20_000);
});

if (!redisGate('queue fault tests (SIGKILLed worker)')) {
  describe('three queue workers, one SIGKILLed mid-run', () => {
    let redis: Awaited<ReturnType<typeof startRedis>>;
    beforeAll(async () => void (redis = await startRedis()), 20_000);
    afterAll(async () => redis?.stop());

    it('every case exactly once in the output, each a verified optimum; the killed worker\'s case ran elsewhere', async () => {
      const { dir } = sweepDir(SPEC);
      const spec = validateSweepSpec(SPEC);
      const base = loadBase(spec, dir);
      const out = join(dir, 'queue.jsonl');
      const workers: ChildProcess[] = [];
      const logs: string[] = ['', '', ''];
      for (let i = 0; i < 3; i++) {
        const p = spawn(process.execPath, [CLI, 'worker', '--queue', redis.url, '--lock-duration', '1000', '--stalled-interval', '500'], { stdio: ['ignore', 'ignore', 'pipe'] });
        p.stderr!.on('data', (d: Buffer) => (logs[i] += d.toString()));
        workers.push(p);
      }
      let killed = false;
      const { QueueEvents } = await import('bullmq');
      const port = Number(new URL(redis.url).port);
      const events = new QueueEvents('suanflow-sweep', { connection: { host: '127.0.0.1', port } });
      const stalled: string[] = [];
      events.on('stalled', ({ jobId }) => stalled.push(jobId));
      await events.waitUntilReady();
      try {
        const r = await runSweepOnQueue(spec, {
          queue: redis.url,
          out,
          base,
          onProgress: ({ done }) => {
            // Once a third of the cases are in, kill worker 0 as soon as it takes a case (so it dies holding it).
            if (killed || done < 20) return;
            killed = true;
            const before = (logs[0]!.match(/^start /gm) ?? []).length;
            const t = setInterval(() => {
              if ((logs[0]!.match(/^start /gm) ?? []).length > before || workers[0]!.exitCode !== null) {
                clearInterval(t);
                workers[0]!.kill('SIGKILL');
              }
            }, 1);
          },
        });
        expect(r.written).toBe(60);
      } finally {
        await Promise.all(workers.map((w) => stopChild(w)));
        await events.close();
      }
      expect(killed).toBe(true);
      // BullMQ found the killed worker's case stalled and put it back for the others.
      expect(stalled.length).toBeGreaterThanOrEqual(1);
      expect(workers[0]!.signalCode).toBe('SIGKILL');
      const ls = lines(out);
      const expected = [...cases(caseGrid(spec, base))].map((c) => c.id);
      expect(ls.map((l) => l['id']).sort()).toEqual([...expected].sort());
      for (const l of ls) expect([l['status'], l['verified']]).toEqual(['optimal', true]);
      // The surviving workers ran the rest (and the killed worker's last case).
      const served = logs.map((t) => (t.match(/^case /gm) ?? []).length);
      expect(served[1]! + served[2]!).toBeGreaterThan(0);
    }, 120_000);

    it('a re-run of a finished queue sweep enqueues nothing (every id is in the file)', async () => {
      const { dir } = sweepDir({ version: 1, base: 'day-location.json', axes: { carbonPrice: [1, 2, 3] } });
      const spec = validateSweepSpec({ version: 1, base: 'day-location.json', axes: { carbonPrice: [1, 2, 3] } });
      const stop = new AbortController();
      const w = serveQueue({ queue: redis.url, signal: stop.signal });
      try {
        const r = await runSweepOnQueue(spec, { queue: redis.url, out: join(dir, 'q.jsonl'), base: loadBase(spec, dir) });
        expect([r.written, r.duplicates]).toEqual([3, 0]);
        // Re-running finds everything in the file: nothing enqueued.
        const again = await runSweepOnQueue(spec, { queue: redis.url, out: join(dir, 'q.jsonl'), base: loadBase(spec, dir) });
        expect([again.written, again.skipped]).toEqual([0, 3]);
      } finally {
        stop.abort();
        await w;
      }
    }, 60_000);
  });
}
