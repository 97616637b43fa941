// npm run bench:sweep-runner     (needs the build: dist/sweep-worker.js; the queue parts need redis-server)
//
// The sweep runner: (1) worker-pool speed-up at 2 workers on 500 cases of the built-in day under
// location accounting (network cases, tens of ms each), every line verified and both runs'
// objectives equal; (2) queue overhead per case: the same 100 cases through BullMQ on a local
// redis-server (one worker in this process) against the in-process run, and the Redis commands
// per case (INFO commandstats); (3) peak memory of a 100,000-case sweep (streamed to disk) with a
// trivial case function, so the runner's own memory is measured, not a solver's; (4) redis-benchmark
// ops/s here; (5) a paper estimate of throughput at 100 workers. Reports the load average: the
// machine is shared. Markdown on stdout, JSON in bench/results/sweep-runner.json.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { scenarios } from '../src/datasets/index.js';
import type { Scenario } from '../src/scenario/types.js';
import { runSweepOnQueue, serveQueue } from '../src/sweep/queue.js';
import { caseGrid, cases } from '../src/sweep/cases.js';
import { runSweepCase } from '../src/sweep/case-run.js';
import { poolRunner, workerFile } from '../src/sweep/pool.js';
import { runOrdered } from '../src/sweep/runner.js';
import { adaptiveBatch, caseContext, runSweep } from '../src/sweep/run-sweep.js';
import type { SweepLine, SweepSpec } from '../src/sweep/spec-types.js';
import { validateSweepSpec } from '../src/sweep/spec.js';

const dir = mkdtempSync(join(tmpdir(), 'suanflow-sweep-bench-'));
const sc0 = scenarios.eastDataWestComputing;
const base: Scenario = { ...sc0, name: 'day (location accounting)', policy: { ...sc0.policy, carbonAccounting: 'location' } };
const TARGET = 1.7;
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
const out: Record<string, unknown> = { loadBefore: load() };
const lines = (f: string) => readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as SweepLine);

const prices = Array.from({ length: 25 }, (_, i) => i * 40);
const spec500Json = { version: 1, base: 'x', axes: { carbonPrice: prices, demandScale: [0.8, 1, 1.1, 1.2], outage: [['guian'], ['qingyang'], ['helingeer'], ['shaoguan'], ['wuhu', 'yrd-demo-zone']] } };
const spec500 = validateSweepSpec(spec500Json);

// CPU time of this process (all threads) and of the main thread alone (Linux /proc; NaN elsewhere).
const cpuMs = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
function mainThreadCpuMs(): number {
  try {
    const f = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // utime + stime in USER_HZ (100) ticks
  } catch {
    return NaN;
  }
}

async function timedRun(spec: SweepSpec, workers: number, name: string, batchSize?: number) {
  const f = join(dir, `${name}.jsonl`);
  const c0 = cpuMs();
  const m0 = mainThreadCpuMs();
  const t0 = performance.now();
  const r = await runSweep(spec, { out: f, base, workers, ...(batchSize !== undefined ? { batchSize } : {}) });
  return { ms: performance.now() - t0, cpuMs: cpuMs() - c0, mainCpuMs: mainThreadCpuMs() - m0, r, f };
}

/** The user-facing comparison: `suanflow sweep spec.json --workers N` in a fresh (cold) process; wall ms and the child's CPU ms. */
const CLI = 'dist/cli.js';
function cliRun(workers: number, name: string, baseScenario: Scenario = base, tag = 'location'): { ms: number; cpuMs: number } {
  const specFile = join(dir, `spec500-${tag}.json`);
  if (!existsSync(specFile)) {
    writeFileSync(join(dir, `base-${tag}.json`), JSON.stringify(baseScenario));
    writeFileSync(specFile, JSON.stringify({ ...spec500Json, base: `./base-${tag}.json` }));
  }
  const f = join(dir, `${name}.jsonl`);
  const c0 = childrenCpuMs();
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [CLI, 'sweep', specFile, '--out', f, '--workers', String(workers)], { encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${CLI} sweep --workers ${workers} failed: ${r.stderr}`);
  if (lines(f).length !== 500 || lines(f).some((l) => !l.verified)) throw new Error(`${CLI} sweep --workers ${workers}: not 500 verified lines`);
  return { ms, cpuMs: childrenCpuMs() - c0 };
}
/** CPU ms of this process's waited-for children (Linux /proc cutime + cstime; NaN elsewhere). */
function childrenCpuMs(): number {
  try {
    const f = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    return ((Number(f[13]) + Number(f[14])) * 1000) / 100;
  } catch {
    return NaN;
  }
}
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[xs.length >> 1]!;

// (0) Control: what 2 threads of pure CPU work get on this machine now (shared with other sessions).
async function control(): Promise<number> {
  const { Worker } = await import('node:worker_threads');
  const code = `const { parentPort } = require('node:worker_threads'); let x = 0; for (let i = 0; i < 2e8; i++) x = (x + i * 7) % 1000003; parentPort.postMessage(x);`;
  const run = (n: number) => Promise.all(Array.from({ length: n }, () => new Promise((r) => new Worker(code, { eval: true }).on('message', r))));
  let t = performance.now();
  await run(1);
  await run(1);
  const one = performance.now() - t;
  t = performance.now();
  await run(2);
  return one / (performance.now() - t);
}
out['controlSpeedup'] = await control();

// (1) Pool speed-up. (a) The user-facing view: the CLI in fresh processes, both cold (medians of
// 3, alternating). (b) In this process: the one-thread run first (cold JIT in this thread), then the
// pool (cold threads); CPU time of the whole process and of the main thread, so the pool's total
// CPU can be set against the serial run's (on two free cores that ratio bounds the speed-up).
const cli1: number[] = [];
const cli2: number[] = [];
const cliCpu1: number[] = [];
const cliCpu2: number[] = [];
for (let i = 0; i < 3; i++) {
  const x = cliRun(1, `cli1-${i}`);
  const y = cliRun(2, `cli2-${i}`);
  cli1.push(x.ms);
  cliCpu1.push(x.cpuMs);
  cli2.push(y.ms);
  cliCpu2.push(y.cpuMs);
}
out['cli'] = { cases: 500, runs: 3, serialMs: median(cli1), poolMs: median(cli2), speedup: median(cli1) / median(cli2), serialCpuMs: median(cliCpu1), poolCpuMs: median(cliCpu2), all: { serialMs: cli1, poolMs: cli2 } };
const serial = await timedRun(spec500, 1, 'serial');
const pool = await timedRun(spec500, 2, 'pool');
const a = lines(serial.f);
const b = lines(pool.f);
if (a.length !== 500 || b.length !== 500 || a.some((l, i) => !l.verified || l.objective !== b[i]!.objective)) throw new Error('pool and serial runs differ');
out['pool'] = {
  cases: 500,
  serialMs: serial.ms,
  poolMs: pool.ms,
  workers: pool.r.workers,
  speedup: serial.ms / pool.ms,
  perCaseMsSerial: serial.ms / 500,
  serialCpuMs: serial.cpuMs,
  serialMainThreadCpuMs: serial.mainCpuMs,
  poolCpuMs: pool.cpuMs,
  poolMainThreadCpuMs: pool.mainCpuMs,
  poolMainThreadCpuPerCaseMs: pool.mainCpuMs / 500,
  // On two free cores the serial run takes about its main thread's CPU (JIT and GC helpers use the
  // other core) and the pool at least its whole CPU / 2: the speed-up those CPU times allow.
  cpuBoundSpeedup: serial.mainCpuMs / (pool.cpuMs / 2),
  loadAfter: load(),
};
// (1c) Both warm: a second pass over the same 500 cases in this (now JIT-warm) thread, against a
// second pass on 2 pool threads warmed by a first pass (results not written: the cases alone).
{
  const grid = caseGrid(spec500, base);
  const ctx = caseContext(spec500, base);
  const all = [...cases(grid, { index: 0, count: 1 })];
  const c0 = cpuMs();
  let t0 = performance.now();
  for (const c of all) await runSweepCase(c, ctx);
  const serialWarmMs = performance.now() - t0;
  const serialWarmCpuMs = cpuMs() - c0;
  const file = await workerFile('sweep-worker.js');
  if (!file) throw new Error('dist/sweep-worker.js is missing: run the build');
  const runner = await poolRunner<{ cases: typeof all }, SweepLine[]>(file, 2, { warm: { warm: true }, workerData: ctx });
  const pass = async () => {
    const tasks: (typeof all)[] = [];
    for (let i = 0; i < all.length; ) {
      const k = adaptiveBatch(all.length - i, 2);
      tasks.push(all.slice(i, i + k));
      i += k;
    }
    let n = 0;
    await runOrdered(tasks, { ...runner, run: (b, sig) => runner.run({ cases: b }, sig) }, { concurrency: 4, onResult: (r) => (n += r.length) });
    if (n !== all.length) throw new Error('warm pool pass incomplete');
  };
  t0 = performance.now();
  await pass();
  const poolColdMs = performance.now() - t0;
  const c1 = cpuMs();
  t0 = performance.now();
  await pass();
  const poolWarmMs = performance.now() - t0;
  const poolWarmCpuMs = cpuMs() - c1;
  await runner.close();
  out['warm'] = { cases: 500, serialWarmMs, serialWarmCpuMs, poolFirstPassMs: poolColdMs, poolWarmMs, poolWarmCpuMs, speedup: serialWarmMs / poolWarmMs, cpuBoundSpeedup: serialWarmCpuMs / (poolWarmCpuMs / 2) };
}

// (2)+(4) Queue overhead and redis-benchmark, when redis-server is here.
const REDIS = '/usr/bin/redis-server';
if (existsSync(REDIS)) {
  const port = await new Promise<number>((res) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => res(p));
    });
  });
  const redis = spawn(REDIS, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 500));
  const url = `redis://127.0.0.1:${port}`;
  const cli = (args: string[]) => spawnSync('redis-cli', ['-p', String(port), ...args], { encoding: 'utf8' }).stdout;
  const commands = () => Number(/total_commands_processed:(\d+)/.exec(cli(['INFO', 'stats']))?.[1] ?? NaN);
  try {
    const spec100 = validateSweepSpec({ version: 1, base: 'x', axes: { carbonPrice: prices.slice(0, 20), outage: [['guian'], ['qingyang'], ['helingeer'], ['shaoguan'], ['zhangjiakou']] } });
    const local = await timedRun(spec100, 1, 'local100');
    const stop = new AbortController();
    const w = serveQueue({ queue: url, signal: stop.signal });
    await new Promise((r) => setTimeout(r, 300));
    const c0 = commands();
    const t0 = performance.now();
    const qr = await runSweepOnQueue(spec100, { queue: url, out: join(dir, 'queue100.jsonl'), base });
    const qms = performance.now() - t0;
    const c1 = commands();
    stop.abort();
    await w;
    if (qr.written !== 100) throw new Error('queue run incomplete');
    const solveMs = lines(join(dir, 'queue100.jsonl')).reduce((t, l) => t + l.ms, 0);
    out['queue'] = { cases: 100, localMs: local.ms, queueMs: qms, caseMs: solveMs, overheadPerCaseMs: (qms - solveMs) / 100, redisCommandsPerCase: (c1 - c0) / 100, note: 'one worker in the collector\'s process: overhead = (wall − Σ case ms) / cases, i.e. enqueue, BullMQ fetch/lock/complete, the result push and the collector\'s polling (50 ms idle sleeps)' };
    const rb = spawnSync('redis-benchmark', ['-p', String(port), '-q', '-n', '50000', '-c', '50', '-t', 'set,get,lpush,lpop,rpush'], { encoding: 'utf8' }).stdout;
    const ops = Object.fromEntries([...rb.matchAll(/^"?([A-Z_]+)[^:]*"?:?\s*"?([\d.]+) requests per second/gm)].map((m) => [m[1]!, Number(m[2])]));
    const rb2 = [...rb.matchAll(/([A-Z]+)[^\n]*?([\d.]+) requests per second/g)].map((m) => [m[1]!, Number(m[2])] as const);
    out['redisBenchmark'] = Object.keys(ops).length ? ops : Object.fromEntries(rb2);
  } finally {
    redis.kill('SIGTERM');
  }
}

// (3) Peak memory of 100,000 cases, streamed (trivial case function: the runner's own memory).
{
  const spec = validateSweepSpec({ version: 1, base: 'x', axes: { carbonPrice: Array.from({ length: 1000 }, (_, i) => i), demandScale: Array.from({ length: 100 }, (_, i) => 0.5 + i / 100) } });
  const f = join(dir, 'memory.jsonl');
  (globalThis as { gc?: () => void }).gc?.();
  const rss0 = process.memoryUsage().rss;
  const heap0 = process.memoryUsage().heapUsed;
  let peakRss = rss0;
  let peakHeap = heap0;
  const t0 = performance.now();
  let n = 0;
  const liveHeap: number[] = [];
  await runSweep(spec, {
    out: f,
    base,
    workers: 1,
    batchSize: 50,
    caseFn: async (c) => {
      if (++n % 5000 === 0) {
        const m = process.memoryUsage();
        peakRss = Math.max(peakRss, m.rss);
        peakHeap = Math.max(peakHeap, m.heapUsed);
      }
      // Live heap after a full GC, at 20,000 and at 100,000 cases: flat when nothing accumulates.
      if (n % 20_000 === 0) {
        (globalThis as { gc?: () => void }).gc?.();
        liveHeap.push(process.memoryUsage().heapUsed / 2 ** 20);
      }
      return { id: c.id, params: c.params, status: 'optimal', objective: c.index, costs: { compute: 1, energy: 1, transfer: 0, carbon: 0, unmet: 0 }, carbon: { locationTonnes: 1, marketTonnes: 1 }, unmet: 0, backend: 'trivial', ms: 0, verified: true };
    },
  });
  const ms = performance.now() - t0;
  // Resume of the full file: reads 100,000 ids, runs nothing.
  const t1 = performance.now();
  const again = await runSweep(spec, { out: f, base, workers: 1, caseFn: async () => { throw new Error('nothing to run'); } });
  out['memory'] = { cases: 100_000, ms, peakRssMB: peakRss / 2 ** 20, rssBeforeMB: rss0 / 2 ** 20, peakHeapMB: peakHeap / 2 ** 20, heapBeforeMB: heap0 / 2 ** 20, liveHeapMBAt20kSteps: liveHeap, resumeSkipMs: performance.now() - t1, skipped: again.skipped };
}

// (1c) Optional (`--shipped`): the same 500 cases on the built-in day as shipped (market
// accounting, green supply: a coupled LP, glpk.js by `auto`, ~0.4–0.6 s a case), CLI, fresh
// processes, one run each (about 5 minutes). Here the per-thread warm-up is a small share of
// each worker's work, unlike the 9 ms network cases above.
if (process.argv.includes('--shipped')) {
  const one = cliRun(1, 'shipped-w1', sc0, 'shipped');
  const two = cliRun(2, 'shipped-w2', sc0, 'shipped');
  out['shipped'] = { serialMs: one.ms, poolMs: two.ms, serialCpuMs: one.cpuMs, poolCpuMs: two.cpuMs, speedup: one.ms / two.ms };
}

// (5) Paper estimate at 100 workers.
{
  const perCase = (out['pool'] as { perCaseMsSerial: number }).perCaseMsSerial;
  const q = out['queue'] as { redisCommandsPerCase: number; overheadPerCaseMs: number } | undefined;
  const rb = out['redisBenchmark'] as Record<string, number> | undefined;
  const opsPerS = rb ? Math.min(...Object.values(rb).filter((x) => x > 0)) : NaN;
  const workersBound = 100 / (perCase / 1000);
  const redisBound = q && rb ? opsPerS / q.redisCommandsPerCase : NaN;
  out['estimate100'] = { perCaseMs: perCase, workersBoundCasesPerS: workersBound, redisOpsPerS: opsPerS, redisCommandsPerCase: q?.redisCommandsPerCase, redisBoundCasesPerS: redisBound, casesPerS: Math.min(workersBound, redisBound || Infinity), note: 'workers bound: 100 / per-case time of one core (solve + verify); Redis bound: the slowest simple-command rate of redis-benchmark over the commands per case (BullMQ Lua scripts count as one command each, though they do more work: an upper bound)' };
}
out['loadAfter'] = load();

const p = out['pool'] as { serialMs: number; poolMs: number; speedup: number; perCaseMsSerial: number; loadAfter: string };
console.log(`# sweep runner (load average before: ${out['loadBefore']}, after: ${out['loadAfter']})\n`);
console.log('| measure | value |\n|---|---|');
const cl = out['cli'] as { serialMs: number; poolMs: number; speedup: number; serialCpuMs: number; poolCpuMs: number };
const pp = out['pool'] as { serialCpuMs: number; serialMainThreadCpuMs: number; poolCpuMs: number; poolMainThreadCpuMs: number; cpuBoundSpeedup: number };
const verdict = (x: number) => (x >= TARGET ? `PASS (≥ ${TARGET}×)` : `FAIL (< ${TARGET}×)`);
console.log(`| CLI, 500 cases, \`--workers 1\` (fresh process, cold) | ${(cl.serialMs / 1000).toFixed(2)} s median of 3, CPU ${(cl.serialCpuMs / 1000).toFixed(2)} s |`);
console.log(`| CLI, 500 cases, \`--workers 2\` (fresh process, cold) | ${(cl.poolMs / 1000).toFixed(2)} s median of 3, CPU ${(cl.poolCpuMs / 1000).toFixed(2)} s: speed-up ${cl.speedup.toFixed(2)}× ${verdict(cl.speedup)} |`);
console.log(`| in process, 500 cases, 1 thread (cold) | ${(p.serialMs / 1000).toFixed(2)} s (${p.perCaseMsSerial.toFixed(1)} ms/case); CPU ${(pp.serialCpuMs / 1000).toFixed(2)} s, of it the main thread ${(pp.serialMainThreadCpuMs / 1000).toFixed(2)} s |`);
console.log(`| in process, 500 cases, 2 workers (cold threads) | ${(p.poolMs / 1000).toFixed(2)} s, speed-up ${p.speedup.toFixed(2)}× ${verdict(p.speedup)}; CPU ${(pp.poolCpuMs / 1000).toFixed(2)} s (${(pp.poolCpuMs / pp.serialCpuMs).toFixed(2)}× the serial CPU), main thread ${(pp.poolMainThreadCpuMs / 1000).toFixed(2)} s (${(pp.poolMainThreadCpuMs / 500).toFixed(2)} ms/case) |`);
const wv = out['warm'] as { serialWarmMs: number; serialWarmCpuMs: number; poolFirstPassMs: number; poolWarmMs: number; poolWarmCpuMs: number; speedup: number; cpuBoundSpeedup: number };
console.log(`| both warm: 500 cases again, this thread vs 2 warmed pool threads | ${(wv.serialWarmMs / 1000).toFixed(2)} s (CPU ${(wv.serialWarmCpuMs / 1000).toFixed(2)} s) vs ${(wv.poolWarmMs / 1000).toFixed(2)} s (CPU ${(wv.poolWarmCpuMs / 1000).toFixed(2)} s; the pool's first, cold pass ${(wv.poolFirstPassMs / 1000).toFixed(2)} s): speed-up ${wv.speedup.toFixed(2)}× ${verdict(wv.speedup)} |`);
const sh = out['shipped'] as { serialMs: number; poolMs: number; serialCpuMs: number; poolCpuMs: number; speedup: number } | undefined;
if (sh) console.log(`| CLI, 500 cases of the built-in day as shipped (coupled, glpk.js), \`--workers 1\` vs \`--workers 2\` (fresh processes, one run each) | ${(sh.serialMs / 1000).toFixed(1)} s (CPU ${(sh.serialCpuMs / 1000).toFixed(1)} s) vs ${(sh.poolMs / 1000).toFixed(1)} s (CPU ${(sh.poolCpuMs / 1000).toFixed(1)} s): speed-up ${sh.speedup.toFixed(2)}× ${verdict(sh.speedup)} |`);
console.log(`| bound on two free cores from CPU times: cold, serial main-thread CPU / (pool CPU / 2) | ${pp.cpuBoundSpeedup.toFixed(2)}× ${verdict(pp.cpuBoundSpeedup)} |`);
console.log(`| the same, both warm: serial CPU / (pool CPU / 2) | ${wv.cpuBoundSpeedup.toFixed(2)}× ${verdict(wv.cpuBoundSpeedup)} |`);
console.log(`| control: 2 threads of pure CPU work | speed-up ${(out['controlSpeedup'] as number).toFixed(2)}× (the most 2 workers can get here now) |`);
const q = out['queue'] as { localMs: number; queueMs: number; caseMs: number; overheadPerCaseMs: number; redisCommandsPerCase: number } | undefined;
if (q) console.log(`| queue, 100 cases, 1 worker | ${(q.queueMs / 1000).toFixed(2)} s (local run ${(q.localMs / 1000).toFixed(2)} s): ${q.overheadPerCaseMs.toFixed(2)} ms/case beyond the cases' own time, ${q.redisCommandsPerCase.toFixed(1)} Redis commands/case |`);
if (out['redisBenchmark']) console.log(`| redis-benchmark (ops/s) | ${Object.entries(out['redisBenchmark'] as Record<string, number>).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')} |`);
const m = out['memory'] as { ms: number; peakRssMB: number; rssBeforeMB: number; peakHeapMB: number; heapBeforeMB: number; resumeSkipMs: number; liveHeapMBAt20kSteps: number[] };
console.log(`| 100,000 cases streamed (trivial cases) | ${(m.ms / 1000).toFixed(1)} s; peak RSS ${m.peakRssMB.toFixed(0)} MB (before ${m.rssBeforeMB.toFixed(0)}), peak heap ${m.peakHeapMB.toFixed(0)} MB (before ${m.heapBeforeMB.toFixed(0)}), live heap after GC at 20k…100k cases ${m.liveHeapMBAt20kSteps.map((x) => x.toFixed(1)).join(' / ')} MB; resume over the full file ${(m.resumeSkipMs / 1000).toFixed(1)} s |`);
const e = out['estimate100'] as { casesPerS: number; workersBoundCasesPerS: number; redisBoundCasesPerS: number };
console.log(`| estimate, 100 workers | ${e.casesPerS.toFixed(0)} cases/s (workers bound ${e.workersBoundCasesPerS.toFixed(0)}, Redis bound ${Number.isFinite(e.redisBoundCasesPerS) ? e.redisBoundCasesPerS.toFixed(0) : 'n/a'}) |`);
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/sweep-runner.json', `${JSON.stringify(out, null, 2)}\n`);
