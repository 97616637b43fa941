// npm run bench:limits   (-- --samples N, default 3; -- --quick: one sample, the two smaller cases)
//
// How far past a deadline or an abort `solve` returns control, at the sizes of the reliability
// issue (5,000 × 50 × 24, 20,000 × 100, the built-in week) and for the glpk, flow and decompose
// backends. Each run either sets `timeLimitSeconds` (overshoot = wall − limit, when the status is
// `time_limit`) or fires an AbortSignal after a delay (overshoot = wall − delay, when `aborted`).
// The target is max(10% of the limit, 250 ms). Runs that end `optimal` before the limit or the
// abort have no overshoot and are listed as such. Every returned plan is verified. Markdown on
// stdout (medians), JSON with every run in bench/results/limits.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { generateScenario } from '../src/bench/generate.js';
import { verifyPlan } from '../src/plan/verify.js';
import { eastDataWestComputingWeek } from '../src/datasets/week.js';
import type { Scenario } from '../src/scenario/types.js';
import { solve, type BackendName } from '../src/solve/solve.js';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const quick = process.argv.includes('--quick');
const samples = Number(arg('--samples') ?? (quick ? 1 : 3));
const gc = (globalThis as { gc?: () => void }).gc;

interface Size {
  readonly name: string;
  /** The scenario for glpk and flow (a network), and for decompose (green supply under a carbon price). */
  readonly plain: () => Scenario;
  readonly green: () => Scenario;
}
const SIZES: Size[] = [
  { name: '5,000 × 50 × 24', plain: () => generateScenario({ demands: 5000, sites: 50, hours: 24 }), green: () => generateScenario({ demands: 5000, sites: 50, hours: 24, green: true }) },
  { name: '20,000 × 100', plain: () => generateScenario({ demands: 20_000, sites: 100 }), green: () => generateScenario({ demands: 20_000, sites: 100, green: true }) },
  ...(quick ? [] : [{ name: 'built-in week', plain: () => eastDataWestComputingWeek(), green: () => eastDataWestComputingWeek() }]),
];
const BACKENDS: BackendName[] = ['glpk', 'flow', 'decompose'];
/** Each trial: a time limit (s) or an abort after a delay (s). */
const TRIALS: { kind: 'limit' | 'abort'; s: number }[] = [
  { kind: 'limit', s: 0.5 },
  { kind: 'limit', s: 2 },
  { kind: 'abort', s: 0.2 },
  { kind: 'abort', s: 1 },
];

interface Run {
  readonly size: string;
  readonly backend: BackendName;
  readonly trial: string;
  readonly status: string;
  readonly stage: string | null;
  readonly wallMs: number;
  /** ms past the deadline or the abort; null when the solve ended before it. */
  readonly overshootMs: number | null;
  readonly boundMs: number;
  readonly verified: boolean;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const runs: Run[] = [];
const rows: string[] = [];
for (const size of SIZES) {
  const plain = size.plain();
  const green = size.green();
  for (const backend of BACKENDS) {
    const sc = backend === 'decompose' ? green : plain;
    if (backend === 'flow' && size.name === 'built-in week') {
      rows.push(`| ${size.name} | flow | – | – | – | the week couples classes through green supply: "flow" is an OptionsError |`);
      continue;
    }
    for (const trial of TRIALS) {
      const label = trial.kind === 'limit' ? `limit ${trial.s} s` : `abort at ${trial.s} s`;
      const over: number[] = [];
      const statuses = new Set<string>();
      const stages = new Set<string>();
      const bound = Math.max(100 * trial.s, 250);
      for (let k = 0; k < samples; k++) {
        gc?.();
        const ac = new AbortController();
        const t0 = performance.now();
        const timer = trial.kind === 'abort' ? setTimeout(() => ac.abort(), 1000 * trial.s) : undefined;
        const plan = await solve(sc, trial.kind === 'limit' ? { backend, timeLimitSeconds: trial.s } : { backend, signal: ac.signal, timeLimitSeconds: 300 });
        const wall = performance.now() - t0;
        clearTimeout(timer);
        const hit = trial.kind === 'limit' ? plan.status === 'time_limit' : plan.status === 'aborted';
        const overshoot = hit ? wall - 1000 * trial.s : null;
        const verified = verifyPlan(sc, plan).ok;
        if (!verified) throw new Error(`${size.name} ${backend} ${label}: the returned plan fails verification`);
        runs.push({ size: size.name, backend, trial: label, status: plan.status, stage: plan.solver.stage ?? null, wallMs: wall, overshootMs: overshoot, boundMs: bound, verified });
        statuses.add(plan.status);
        if (plan.solver.stage) stages.add(plan.solver.stage);
        if (overshoot !== null) over.push(overshoot);
        console.error(`${size.name} ${backend} ${label}: ${plan.status}${plan.solver.stage ? ` (${plan.solver.stage})` : ''} after ${wall.toFixed(0)} ms`);
      }
      const m = median(over);
      const ok = over.every((o) => o <= bound);
      rows.push(`| ${size.name} | ${backend} | ${label} | ${over.length ? `${m.toFixed(0)} ms` : '–'} | ${over.length ? `${Math.max(...over).toFixed(0)} ms` : '–'} | ${[...statuses].join(', ')}${stages.size ? ` in ${[...stages].join(', ')}` : ''}${over.length ? (ok ? `; within ${bound} ms` : `; OVER ${bound} ms`) : ''} |`);
    }
  }
}

console.log(`control back past a deadline or an abort (Node ${process.version}, ${samples} sample${samples === 1 ? '' : 's'} each; target max(10% of the limit, 250 ms))\n`);
console.log('| size | backend | trial | overshoot median | max | statuses |');
console.log('|---|---|---|---:|---:|---|');
for (const r of rows) console.log(r);
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/limits.json', `${JSON.stringify({ node: process.version, date: new Date().toISOString(), samples, runs }, null, 2)}\n`);
