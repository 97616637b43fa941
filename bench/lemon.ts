/**
 * Native reference for the min-cost-flow benchmark (Node only): LEMON's `NetworkSimplex` (block
 * search, int64 data) run by bench/lemon/driver.cpp on a DIMACS file written from a
 * {@link FlowNetwork}. Needs Debian's liblemon-dev and g++ (see {@link lemonAvailable}).
 *
 * LEMON works on integers (its simplex may cycle on float costs), so costs are multiplied by
 * `costScale` and rounded, as DIMACS tools do; flows and supplies must already be integers after
 * scaling. Rounding each cost by at most δ = 0.5 / costScale moves the optimum by at most
 * δ · Σ|flow| of an optimal flow: |LEMON objective − f64 optimum| ≤ δ · max(Σ flow of the f64
 * optimum, Σ flow of LEMON's optimum); {@link lemonObjectiveBound} computes it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FLOW_INFINITE_CAPACITY, type FlowNetwork } from '../src/flow/types.js';

/** The repository root: the first folder up from here holding the driver (this module is also bundled into build/bench/). */
function repoRoot(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'bench', 'lemon', 'driver.cpp'))) return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}
const ROOT = repoRoot();
const HEADER = '/usr/include/lemon/network_simplex.h';
const DRIVER_SOURCE = join(ROOT, 'bench', 'lemon', 'driver.cpp');
const DRIVER_BINARY = join(ROOT, 'build', 'bench', 'lemon-driver');
/** int64 headroom: LEMON's big-M cost is (max cost + 1) · nodes; potentials and reduced costs reach a few times it. */
const BIG_M_MAX = 2 ** 60;

/** Whether the native reference can be built here; `reason` names what is missing. */
export function lemonAvailable(): { ok: true } | { ok: false; reason: string } {
  if (!existsSync(HEADER)) return { ok: false, reason: `liblemon-dev is not installed (apt-get install liblemon-dev): ${HEADER} is missing` };
  try {
    execFileSync('g++', ['--version'], { stdio: 'ignore' });
  } catch {
    return { ok: false, reason: 'g++ is not installed (apt-get install g++)' };
  }
  return { ok: true };
}

/** Compiles the driver to build/bench/lemon-driver unless the binary is newer than its source. */
export function buildLemonDriver(): string {
  if (existsSync(DRIVER_BINARY) && statSync(DRIVER_BINARY).mtimeMs > statSync(DRIVER_SOURCE).mtimeMs) return DRIVER_BINARY;
  mkdirSync(dirname(DRIVER_BINARY), { recursive: true });
  // Compile to a private name, then rename: parallel test workers never see a half-written binary.
  const tmp = `${DRIVER_BINARY}.${process.pid}.tmp`;
  try {
    execFileSync('g++', ['-O2', '-std=c++17', '-o', tmp, DRIVER_SOURCE], { stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    rmSync(tmp, { force: true });
    const stderr = (e as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`compiling ${DRIVER_SOURCE} failed:\n${stderr}`);
  }
  renameSync(tmp, DRIVER_BINARY);
  return DRIVER_BINARY;
}

/**
 * Integer DIMACS min-cost-flow text (`p min`, `n id supply`, `a u v 0 cap cost`, 1-based nodes).
 * Costs are rounded after multiplying by `scale.cost`; capacities and supplies are multiplied by
 * `scale.flow` and must then be integers. Uncapacitated arcs (≥ FLOW_INFINITE_CAPACITY) get
 * Σ positive supply, which no optimal flow exceeds unless the network has a negative-cost cycle
 * of uncapacitated arcs (suanflow then says `unbounded`, LEMON a finite optimum).
 * @throws RangeError when a flow value is not an integer after scaling, supplies do not sum to 0,
 *   or scaled costs could overflow LEMON's int64 potentials (the driver sums the objective in 128 bits).
 */
export function toDimacs(net: FlowNetwork, scale: { cost: number; flow: number }): string {
  const { nodes, source, target, capacity, cost, supply } = net;
  const m = source.length;
  const integer = (what: string, x: number): number => {
    const v = x * scale.flow;
    if (Math.round(v) !== v || !Number.isSafeInteger(v)) throw new RangeError(`${what} = ${x} is not an integer after scaling by ${scale.flow}`);
    return v;
  };
  const lines: string[] = [`p min ${nodes} ${m}`];
  let total = 0;
  let balance = 0;
  for (let v = 0; v < nodes; v++) {
    const b = integer(`supply[${v}]`, supply[v]!);
    if (b > 0) total += b;
    balance += b;
    if (b !== 0) lines.push(`n ${v + 1} ${b}`);
  }
  if (balance !== 0) throw new RangeError(`supplies sum to ${balance / scale.flow}, not 0`);
  let maxCost = 0;
  for (let a = 0; a < m; a++) {
    const u = capacity[a]!;
    const cap = u >= FLOW_INFINITE_CAPACITY ? total : integer(`capacity[${a}]`, u);
    const c = Math.round(cost[a]! * scale.cost);
    if (!Number.isSafeInteger(c)) throw new RangeError(`cost[${a}] = ${cost[a]} overflows after scaling by ${scale.cost}`);
    maxCost = Math.max(maxCost, Math.abs(c));
    lines.push(`a ${source[a]! + 1} ${target[a]! + 1} 0 ${cap} ${c}`);
  }
  if ((maxCost + 1) * (nodes + 1) > BIG_M_MAX) {
    throw new RangeError(`scaled costs (max ${maxCost}) × ${nodes} nodes may overflow LEMON's int64 potentials: lower scale.cost`);
  }
  lines.push('');
  return lines.join('\n');
}

export interface LemonResult {
  readonly status: 'optimal' | 'infeasible' | 'unbounded';
  /** Σ cost·flow in the network's units (divided back by the scales); ±Infinity unless optimal. */
  readonly objective: number;
  /** Σ flow over arcs of LEMON's optimum (network units); NaN unless optimal. */
  readonly flowSum: number;
  /** Median of `samples`. */
  readonly medianMs: number;
  /** Median process CPU time of a run (std::clock), ms. */
  readonly cpuMs: number;
  /** `run()` times in ms, one per repeat (fresh NetworkSimplex each time, same graph). */
  readonly samples: number[];
  /** Time to build the LEMON graph and maps (not parsing). */
  readonly buildMs: number;
}

/**
 * Solves `net` with the native driver (compiled on first use). The objective is that of the
 * rounded costs: compare it with an f64 optimum within {@link lemonObjectiveBound}.
 */
export function runLemon(net: FlowNetwork, { costScale = 1e4, flowScale = 1, repeats = 5, algorithm = 'ns' as 'ns' | 'cs' } = {}): LemonResult {
  const driver = buildLemonDriver();
  const dir = mkdtempSync(join(tmpdir(), 'suanflow-lemon-'));
  try {
    const file = join(dir, 'net.min');
    writeFileSync(file, toDimacs(net, { cost: costScale, flow: flowScale }));
    const out = execFileSync(driver, [file, String(repeats), algorithm], { encoding: 'utf8', maxBuffer: 16 << 20 });
    const r = JSON.parse(out.trim()) as {
      status: LemonResult['status'];
      objective: number | null;
      flowSum: number | null;
      solveMs: number;
      cpuMs: number;
      buildMs: number;
      samples: number[];
    };
    const optimal = r.status === 'optimal' && r.objective !== null && r.flowSum !== null;
    return {
      status: r.status,
      objective: optimal ? r.objective! / (costScale * flowScale) : r.status === 'unbounded' ? -Infinity : Infinity,
      flowSum: optimal ? r.flowSum! / flowScale : NaN,
      medianMs: r.solveMs,
      cpuMs: r.cpuMs,
      samples: r.samples,
      buildMs: r.buildMs,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Largest |LEMON objective − f64 optimum| that cost rounding allows: 0.5 / costScale times the
 * larger Σ|flow| of the two optima (pass LEMON's `flowSum` and Σ|flow| of the f64 solution).
 */
export function lemonObjectiveBound(costScale: number, ...flowSums: number[]): number {
  return (0.5 / costScale) * Math.max(0, ...flowSums);
}
