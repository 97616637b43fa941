/**
 * The placement benchmark shipped with the package (`suanflow bench`): seeded scenarios solved in
 * one process by the flow backend end to end, the network simplex alone in wasm and in its TS
 * twin, glpk.js, and HiGHS where the optional package is installed. Every plan is verified and
 * every objective compared with the flow plan's (relative 1e-7) before a time is reported; a
 * solver past the per-case limit is reported as such. The researchers' suite in bench/ adds
 * YALPS and native LEMON on the same generator.
 */
import { NetworkSimplexTS } from '../flow/network-simplex.js';
import { NetworkSimplexWasm } from '../flow/network-simplex-wasm.js';
import { modelToNetwork } from '../formulate/to-network.js';
import { verifyPlan } from '../plan/verify.js';
import { buildModel, solve } from '../solve/solve.js';
import { highsAvailable } from '../solve/highs-backend.js';
import { SolverError } from '../errors.js';
import { optionNames, rejectUnknownOptions } from '../options.js';
import { loadKernels } from '../wasm/kernels.js';
import { generateScenario } from './generate.js';

/** One benchmark case: demands × sites × hours of the seeded generator. */
export interface BenchSize {
  readonly demands: number;
  readonly sites: number;
  readonly hours: number;
}

/** The sizes: 1,000 × 30, 5,000 × 50, 20,000 × 100 at one hour and 5,000 × 50 at 24 hours. */
export const BENCH_SIZES: readonly BenchSize[] = [
  { demands: 1_000, sites: 30, hours: 1 },
  { demands: 5_000, sites: 50, hours: 1 },
  { demands: 20_000, sites: 100, hours: 1 },
  { demands: 5_000, sites: 50, hours: 24 },
];

/** Options of {@link runBench}. */
export interface BenchOptions {
  /** @default BENCH_SIZES */
  readonly sizes?: readonly BenchSize[];
  /** Timed runs per fast peer (after one warm-up); the LP solvers run once. @default 5 */
  readonly samples?: number;
  /** Per-case limit of each LP solver, seconds. @default 60 */
  readonly limitSeconds?: number;
  /** Generator seed. @default 42 */
  readonly seed?: number;
  /** Called with one line per step (progress). */
  readonly progress?: (line: string) => void;
}

/** One peer on one case. */
export interface BenchRow {
  readonly case: string;
  readonly peer: string;
  /** `optimal`, `past limit (60 s)`, `not installed`, … */
  readonly status: string;
  readonly medianMs: number | null;
  readonly p75Ms: number | null;
  readonly samples: number;
  readonly objective: number | null;
  /** glpk.js median / this median, where both finished. */
  readonly ratioVsGlpk: number | null;
  /** JS heap used after the peer ran, MB. */
  readonly heapMB: number;
}

/** Everything {@link runBench} measured. */
export interface BenchReport {
  readonly node: string;
  readonly date: string;
  readonly limitSeconds: number;
  readonly rows: readonly BenchRow[];
}

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(a), Math.abs(b));
const heapMB = () => (typeof process !== 'undefined' ? process.memoryUsage().heapUsed / 2 ** 20 : 0);

/** Median and 75th percentile of `samples` timed runs after one untimed warm-up. */
async function timed(samples: number, fn: () => unknown): Promise<{ p50: number; p75: number; n: number }> {
  await fn();
  const t: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    await fn();
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  const at = (q: number) => t[Math.min(t.length - 1, Math.floor(q * t.length))]!;
  return { p50: at(0.5), p75: at(0.75), n: t.length };
}

/** Runs the benchmark; throws SolverError when a peer disagrees with the verified flow plan. */
const OPTION_NAMES = optionNames<BenchOptions>()('sizes', 'samples', 'limitSeconds', 'seed', 'progress');

export async function runBench(options: BenchOptions = {}): Promise<BenchReport> {
  rejectUnknownOptions('runBench', options, OPTION_NAMES);
  const sizes = options.sizes ?? BENCH_SIZES;
  const samples = options.samples ?? 5;
  const limit = options.limitSeconds ?? 60;
  const progress = options.progress ?? (() => {});
  const kernels = await loadKernels();
  const wasm = new NetworkSimplexWasm(kernels);
  const ts = new NetworkSimplexTS();
  const hasHighs = await highsAvailable();
  const rows: BenchRow[] = [];

  for (const size of sizes) {
    const label = `${size.demands.toLocaleString('en-US')} × ${size.sites} × ${size.hours} h`;
    const sc = generateScenario({ ...size, seed: options.seed ?? 42 });
    const model = await buildModel(sc);
    const mn = modelToNetwork(model);
    progress(`${label}: ${model.cols.length.toLocaleString('en-US')} columns, ${mn.net.source.length.toLocaleString('en-US')} arcs`);
    const caseRows: Omit<BenchRow, 'ratioVsGlpk'>[] = [];
    const fail = (what: string) => {
      throw new SolverError(`bench ${label}: ${what}`);
    };

    let plan = await solve(sc, { backend: 'flow' });
    const v = verifyPlan(sc, plan);
    if (plan.status !== 'optimal' || !v.ok) fail(`flow plan ${plan.status}, ${v.violations[0]?.message ?? ''}`);
    const ref = plan.objective!;
    const e2e = await timed(samples, async () => (plan = await solve(sc, { backend: 'flow' })));
    caseRows.push({ case: label, peer: 'suanflow flow (wasm), end to end', status: 'optimal', medianMs: e2e.p50, p75Ms: e2e.p75, samples: e2e.n, objective: ref, heapMB: heapMB() });
    progress(`${label}: flow end to end ${e2e.p50.toFixed(1)} ms`);

    for (const [peer, solver, n] of [
      ['network simplex wasm (solver only)', wasm, samples],
      ['network simplex TS twin (solver only)', ts, Math.min(samples, 3)],
    ] as const) {
      let z = NaN;
      const t = await timed(n, () => (z = solver.solve(mn.net).objective));
      if (rel(z, ref) > 1e-7) fail(`${peer} objective ${z} vs ${ref}`);
      caseRows.push({ case: label, peer, status: 'optimal', medianMs: t.p50, p75Ms: t.p75, samples: t.n, objective: z, heapMB: heapMB() });
      progress(`${label}: ${peer} ${t.p50.toFixed(1)} ms`);
    }

    const lpPeers = [['glpk.js (simplex), end to end', 'glpk'] as const, ...(hasHighs ? [['HiGHS (simplex), end to end', 'highs'] as const] : [])];
    for (const [peer, backend] of lpPeers) {
      const t0 = performance.now();
      const p = await solve(sc, { backend, timeLimitSeconds: limit });
      const ms = performance.now() - t0;
      if (p.status === 'optimal') {
        if (!verifyPlan(sc, p).ok || rel(p.objective!, ref) > 1e-7) fail(`${peer} objective ${p.objective} vs ${ref}`);
        caseRows.push({ case: label, peer, status: 'optimal', medianMs: ms, p75Ms: ms, samples: 1, objective: p.objective, heapMB: heapMB() });
      } else {
        caseRows.push({ case: label, peer, status: `past limit (${limit} s)`, medianMs: null, p75Ms: null, samples: 1, objective: null, heapMB: heapMB() });
      }
      progress(`${label}: ${peer} ${p.status} ${ms.toFixed(0)} ms`);
    }
    if (!hasHighs) caseRows.push({ case: label, peer: 'HiGHS', status: 'not installed (npm install highs)', medianMs: null, p75Ms: null, samples: 0, objective: null, heapMB: heapMB() });

    const glpkMs = caseRows.find((r) => r.peer.startsWith('glpk'))?.medianMs ?? null;
    for (const r of caseRows) rows.push({ ...r, ratioVsGlpk: glpkMs !== null && r.medianMs !== null ? glpkMs / r.medianMs : null });
  }
  return { node: typeof process !== 'undefined' ? process.version : 'unknown', date: new Date().toISOString(), limitSeconds: limit, rows };
}

/** The report as a markdown table. */
export function formatBench(report: BenchReport): string {
  const f = (x: number | null, d = 1) => (x === null ? '—' : x.toLocaleString('en-US', { maximumFractionDigits: d }));
  const lines = [
    `Placement benchmark, Node ${report.node}, LP solvers limited to ${report.limitSeconds} s per case`,
    '',
    '| case | peer | status | median ms | p75 ms | samples | objective | × faster than glpk.js | heap MB |',
    '|---|---|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of report.rows) {
    lines.push(`| ${r.case} | ${r.peer} | ${r.status} | ${f(r.medianMs)} | ${f(r.p75Ms)} | ${r.samples} | ${f(r.objective, 2)} | ${f(r.ratioVsGlpk)} | ${f(r.heapMB, 0)} |`);
  }
  return lines.join('\n');
}
