// npm run bench:mcf-ab -- [--wasm a.wasm,b.wasm] [--family transportation,netgen-like] [--log2 12,14] [--runs 7]
// (variants: npx asc assembly/index.ts --target release --outFile build/ab/NAME.wasm on an edited assembly/mcf.ts)
//
// A/B of network-simplex kernel builds on the bench:mcf generators: each wasm file (default: the
// embedded release kernel) solves each network `runs` times, the variants taking turns call by call
// so that the machine's load falls on all of them alike; LEMON NetworkSimplex (native) on the same
// network once with `runs` repeats. Prints the median process CPU ms of each, the ratio to LEMON and
// to the first variant, and checks that every variant reports the same objective and pivots.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { NetworkSimplexWasm } from '../src/flow/network-simplex-wasm.js';
import type { FlowNetwork } from '../src/flow/types.js';
import { instantiateKernels, loadKernels } from '../src/wasm/kernels.js';
import { gridgenLike, gridTorus, netgenLike, transportation } from './mcf-generators.js';
import { lemonAvailable, runLemon } from './lemon.js';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const files = (arg('--wasm') ?? '').split(',').filter((x) => x !== '');
const families = (arg('--family') ?? 'transportation').split(',');
const sizes = (arg('--log2') ?? '12,14').split(',').map(Number);
const RUNS = Number(arg('--runs') ?? 7);
const generators: Record<string, (n: number, seed: number) => FlowNetwork> = { transportation, 'netgen-like': netgenLike, 'grid-torus': gridTorus, 'gridgen-like': gridgenLike };

const variants = files.length === 0 ? [{ name: 'embedded', kernels: await loadKernels() }] : await Promise.all(files.map(async (f) => ({ name: f, kernels: await instantiateKernels(new Uint8Array(readFileSync(f))) })));
const solvers = variants.map((v) => new NetworkSimplexWasm(v.kernels));
const cpuNow = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const lemon = lemonAvailable().ok;

console.log(`load average at start ${loadavg().map((x) => x.toFixed(2)).join(' ')}; ${RUNS} runs per variant, medians of process CPU ms`);
for (const family of families) {
  for (const log2 of sizes) {
    const net = generators[family]!(2 ** log2, log2);
    const cpu: number[][] = variants.map(() => []);
    const seen: { objective: number; pivots: number }[] = [];
    for (let r = 0; r <= RUNS; r++) {
      solvers.forEach((s, i) => {
        const c0 = cpuNow();
        const res = s.solve(net);
        const c = cpuNow() - c0;
        if (res.status !== 'optimal') throw new Error(`${variants[i]!.name}: ${res.status}`);
        if (r > 0) cpu[i]!.push(c); // the first call of each is a warm-up
        const prev = seen[i];
        if (prev && (prev.objective !== res.objective || prev.pivots !== res.iterations)) throw new Error('not deterministic');
        seen[i] = { objective: res.objective, pivots: res.iterations };
      });
    }
    const l = lemon ? runLemon(net, { costScale: 1, repeats: RUNS, algorithm: 'ns' }) : null;
    if (l && l.objective !== seen[0]!.objective) throw new Error(`LEMON ${l.objective} ≠ ${seen[0]!.objective}`);
    const base = median(cpu[0]!);
    console.log(`\n${family} 2^${log2}: ${net.source.length} arcs; LEMON NS ${l ? `${l.cpuMs.toFixed(2)} CPU ms` : 'not available'}`);
    variants.forEach((v, i) => {
      const med = median(cpu[i]!);
      const same = seen[i]!.objective === seen[0]!.objective && seen[i]!.pivots === seen[0]!.pivots;
      console.log(`  ${v.name}: ${med.toFixed(2)} ms, pivots ${seen[i]!.pivots}${same ? '' : ' (differs from the first)'}, ÷ first ${(med / base).toFixed(3)}${l ? `, ÷ LEMON ${(med / l.cpuMs).toFixed(3)}` : ''}`);
    });
  }
}
console.log(`\nload average at end ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
