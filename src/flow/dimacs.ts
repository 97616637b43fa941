/**
 * The DIMACS min-cost-flow formats: problem files (`c` comments, one `p min NODES ARCS` line,
 * `n ID SUPPLY` node lines, `a TAIL HEAD LOW CAP COST` arc lines; nodes 1-based) and solution files
 * (`s OBJECTIVE`, then `f TAIL HEAD FLOW` per arc). A read file becomes a {@link McfNetwork}
 * (0-based nodes, arcs in file order, lower bounds kept).
 */
import { SuanflowError } from '../errors.js';
import type { McfNetwork, McfResult } from './mcf-types.js';

/** A DIMACS text broke the format; `line` is 1-based. The message starts with "line N: ". */
export class DimacsError extends SuanflowError {
  override readonly name = 'DimacsError';
  readonly line: number;
  constructor(line: number, rule: string) {
    super(`line ${line}: ${rule}`);
    this.line = line;
  }
}

const SPACE = 32;
const TAB = 9;
const CR = 13;
const LF = 10;

/** Splits text[pos, end) at blanks into fields (the first 16 as [start, end) offsets in fs, fe); returns the field count. */
function splitFields(text: string, pos: number, end: number, fs: Int32Array, fe: Int32Array): number {
  let nf = 0;
  let i = pos;
  while (i < end) {
    let c = text.charCodeAt(i);
    while (i < end && (c === SPACE || c === TAB || c === CR)) c = text.charCodeAt(++i);
    if (i >= end) break;
    const s = i;
    while (i < end && c !== SPACE && c !== TAB && c !== CR) c = text.charCodeAt(++i);
    if (nf < 16) {
      fs[nf] = s;
      fe[nf] = i;
    }
    nf++;
  }
  return nf;
}

/**
 * Reads a DIMACS min-cost-flow problem. Capacities may be any number ≥ the lower bound (a
 * capacity of 2^53 or more, or `inf`, means uncapacitated); costs, supplies and bounds may be
 * fractional (integers keep `minCostFlow` exact).
 * @throws DimacsError naming the line: not DIMACS, a missing or second `p` line, wrong field
 *   counts, a node id out of range, a negative capacity, lower > capacity, more or fewer arcs than
 *   declared, supplies that do not sum to 0.
 */
export function parseDimacsMin(text: string): McfNetwork {
  let nodes = -1;
  let declaredArcs = 0;
  let pLine = 0;
  let source = new Int32Array(0);
  let target = new Int32Array(0);
  let lower = new Float64Array(0);
  let capacity = new Float64Array(0);
  let cost = new Float64Array(0);
  let supply = new Float64Array(0);
  let arcs = 0;
  let anyLower = false;
  const len = text.length;
  let pos = 0;
  let line = 0;
  // Fields of the current line as [start, end) offsets.
  const fs = new Int32Array(16);
  const fe = new Int32Array(16);
  // Field readers of the current line (made once, not per line: closures per line were most of the time).
  const field = (k: number) => text.slice(fs[k]!, fe[k]!);
  const num = (k: number, what: string): number => {
    // Fast path: a plain (optionally negative) integer of up to 15 digits.
    let p = fs[k]!;
    const e = fe[k]!;
    let neg = false;
    if (text.charCodeAt(p) === 45) {
      neg = true;
      p++;
    }
    if (e - p > 0 && e - p <= 15) {
      let v = 0;
      let q = p;
      for (; q < e; q++) {
        const d = text.charCodeAt(q) - 48;
        if (d < 0 || d > 9) break;
        v = v * 10 + d;
      }
      if (q === e) return neg ? -v : v;
    }
    const f = field(k);
    const v = f === 'inf' || f === 'Infinity' ? Infinity : Number(f);
    if (Number.isNaN(v) || f === '') throw new DimacsError(line, `${what} must be a number, got "${f}"`);
    return v;
  };
  const int = (k: number, what: string): number => {
    const v = num(k, what);
    if (!Number.isInteger(v)) throw new DimacsError(line, `${what} must be an integer, got "${field(k)}"`);
    return v;
  };
  const nodeId = (k: number, what: string): number => {
    const v = int(k, what);
    if (v < 1 || v > nodes) throw new DimacsError(line, `${what} ${v} is not a node (1 … ${nodes})`);
    return v - 1;
  };
  while (pos < len) {
    line++;
    let end = text.indexOf('\n', pos);
    if (end < 0) end = len;
    const nf = splitFields(text, pos, end, fs, fe);
    const start = pos;
    pos = end + 1;
    if (nf === 0) continue;
    const kind = fe[0]! - fs[0]! === 1 ? text.charCodeAt(fs[0]!) : -1;
    if (kind === 99 /* c */) continue;
    if (kind === 112 /* p */) {
      if (pLine > 0) throw new DimacsError(line, `a second problem line (the first is line ${pLine})`);
      if (nf !== 4 || field(1) !== 'min') throw new DimacsError(line, `expected "p min NODES ARCS", got "${text.slice(start, end).trim()}"`);
      nodes = int(2, 'NODES');
      declaredArcs = int(3, 'ARCS');
      if (nodes < 0 || nodes >= 2 ** 30) throw new DimacsError(line, `NODES must be in [0, 2^30), got ${nodes}`);
      if (declaredArcs < 0 || declaredArcs >= 2 ** 30) throw new DimacsError(line, `ARCS must be in [0, 2^30), got ${declaredArcs}`);
      pLine = line;
      source = new Int32Array(declaredArcs);
      target = new Int32Array(declaredArcs);
      capacity = new Float64Array(declaredArcs);
      cost = new Float64Array(declaredArcs);
      supply = new Float64Array(nodes);
      continue;
    }
    if (kind !== 110 /* n */ && kind !== 97 /* a */) {
      throw new DimacsError(line, `not a DIMACS min-cost-flow line (expected c, p, n or a): "${text.slice(start, Math.min(end, start + 40)).trim()}"`);
    }
    if (pLine === 0) throw new DimacsError(line, `"${String.fromCharCode(kind)}" line before the problem line "p min NODES ARCS"`);
    if (kind === 110) {
      if (nf !== 3) throw new DimacsError(line, `expected "n ID SUPPLY", got ${nf} fields`);
      const v = nodeId(1, 'node id');
      const b = num(2, 'SUPPLY');
      if (!Number.isFinite(b)) throw new DimacsError(line, `SUPPLY must be finite, got "${field(2)}"`);
      supply[v] = supply[v]! + b;
      continue;
    }
    if (nf !== 6) throw new DimacsError(line, `expected "a TAIL HEAD LOW CAP COST", got ${nf} fields`);
    if (arcs >= declaredArcs) throw new DimacsError(line, `more arc lines than the ${declaredArcs} declared on line ${pLine}`);
    const u = nodeId(1, 'TAIL');
    const v = nodeId(2, 'HEAD');
    const lo = num(3, 'LOW');
    let cap = num(4, 'CAP');
    const c = num(5, 'COST');
    if (!Number.isFinite(lo)) throw new DimacsError(line, `LOW must be finite, got "${field(3)}"`);
    if (cap < 0) throw new DimacsError(line, `CAP must be ≥ 0, got ${cap} (arc ${arcs + 1})`);
    if (lo > cap) throw new DimacsError(line, `LOW ${lo} > CAP ${cap} (arc ${arcs + 1})`);
    if (!Number.isFinite(c)) throw new DimacsError(line, `COST must be finite, got "${field(5)}"`);
    if (cap >= 2 ** 53) cap = Infinity;
    source[arcs] = u;
    target[arcs] = v;
    capacity[arcs] = cap;
    cost[arcs] = c;
    if (lo !== 0 && !anyLower) {
      // Lower bounds take memory only once a file has one.
      anyLower = true;
      lower = new Float64Array(declaredArcs);
    }
    if (anyLower) lower[arcs] = lo;
    arcs++;
  }
  if (pLine === 0) throw new DimacsError(Math.max(1, line), 'no problem line "p min NODES ARCS": not a DIMACS min-cost-flow file');
  if (arcs !== declaredArcs) throw new DimacsError(line, `${arcs} arc lines, but line ${pLine} declares ${declaredArcs}`);
  let sum = 0;
  for (let v = 0; v < nodes; v++) sum += supply[v]!;
  if (sum !== 0) {
    let abs = 0;
    for (let v = 0; v < nodes; v++) abs += Math.abs(supply[v]!);
    if (Math.abs(sum) > 1e-9 * Math.max(1, abs)) throw new DimacsError(pLine, `supplies sum to ${sum}, not 0 (the n lines must balance)`);
  }
  return { nodes, source, target, capacity, cost, supply, ...(anyLower ? { lower } : {}) };
}

/** A number as DIMACS writes it (integers without a fraction, infinite capacity as 2^53). */
function n(x: number): string {
  return x === Infinity ? String(2 ** 53) : String(x);
}

/** The network as a DIMACS min-cost-flow problem (1-based nodes; `n` lines only for nonzero supplies). */
export function formatDimacsMin(net: McfNetwork, comment?: string): string {
  const m = net.source.length;
  const parts: string[] = [];
  if (comment !== undefined) for (const l of comment.split('\n')) parts.push(`c ${l}`);
  parts.push(`p min ${net.nodes} ${m}`);
  for (let v = 0; v < net.nodes; v++) if (net.supply[v] !== 0) parts.push(`n ${v + 1} ${n(net.supply[v]!)}`);
  const lo = net.lower;
  for (let a = 0; a < m; a++) parts.push(`a ${net.source[a]! + 1} ${net.target[a]! + 1} ${lo ? n(lo[a]!) : '0'} ${n(net.capacity[a]!)} ${n(net.cost[a]!)}`);
  parts.push('');
  return parts.join('\n');
}

/**
 * A solution in the DIMACS format: `s OBJECTIVE`, then `f TAIL HEAD FLOW` for every arc in order
 * (1-based nodes). Only an optimal result has one.
 * @throws RangeError when `result.status` is not `optimal`.
 */
export function formatDimacsFlow(result: McfResult, net: McfNetwork): string {
  if (result.status !== 'optimal') throw new RangeError(`no DIMACS solution for status "${result.status}"`);
  const m = net.source.length;
  const parts: string[] = [`s ${n(result.objective)}`];
  for (let a = 0; a < m; a++) parts.push(`f ${net.source[a]! + 1} ${net.target[a]! + 1} ${n(result.flow[a]!)}`);
  parts.push('');
  return parts.join('\n');
}
