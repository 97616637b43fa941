// Min-cost flow by the primal network simplex method: the wasm twin of src/flow/network-simplex.ts
// (same algorithm, same f64 operations in the same order, same pivots; read that file's header
// for the design, including what differs from LEMON's: potentials updated on the smaller side of
// the tree, nodes periodically renumbered in thread order, and a branch-predicted thread walk).
// Raw exports only: numbers and byte offsets. The caller lays out every array in wasm memory
// (mcfWorkBytes tells how much scratch the kernel needs) and copies inputs in and outputs out.

import { gf, gi, sf, si } from './memory';

// Arc states: the multiplier of the reduced cost in pricing.
const STATE_UPPER: i32 = -1;
const STATE_TREE: i32 = 0;
const STATE_LOWER: i32 = 1;
// Direction of a node's predecessor arc: UP when the node is the arc's source.
const DIR_UP: i32 = 1;
const DIR_DOWN: i32 = -1;

// Status codes (src/flow/network-simplex.ts MCF_*).
const MCF_OPTIMAL: i32 = 0;
const MCF_INFEASIBLE: i32 = 1;
const MCF_UNBOUNDED: i32 = 2;
const MCF_ITERATION_LIMIT: i32 = 3;
const MCF_PAUSED: i32 = 4;

// Tolerances (src/flow/types.ts FLOW_*).
const COST_TOL: f64 = 1e-9;
const COST_TOL_FINE: f64 = 1e-12;
const WIDE_COST_RANGE: f64 = 1e4;
const INFINITE_CAPACITY: f64 = 1e15;
const SNAP_TOL: f64 = 1e-12;
const FEASIBILITY_TOL: f64 = 1e-9;


// Working arrays inside the scratch block (set by layout()): M = m + n arcs, N = n + 1 nodes.
let wCap: usize = 0; // f64[M]
let wCost: usize = 0; // f64[M]
let wFlow: usize = 0; // f64[M]
let wPi: usize = 0; // f64[N]
let wSrc: usize = 0; // i32[M]
let wTgt: usize = 0; // i32[M]
let wState: usize = 0; // i32[M]
let wParent: usize = 0; // i32[N]
let wPred: usize = 0; // i32[N]
let wPredDir: usize = 0; // i32[N]
let wThread: usize = 0; // i32[N]
let wRevThread: usize = 0; // i32[N]
let wSuccNum: usize = 0; // i32[N]
let wLastSucc: usize = 0; // i32[N]
let wDirty: usize = 0; // i32[N]
let wLabel: usize = 0; // i32[N]: current number of input node u
let wNewId: usize = 0; // i32[N]: relabel scratch
let wTmpF: usize = 0; // f64[N]: relabel scratch
let lastIterations: i32 = 0;
let lastWarm: bool = false; // whether the last simplex() kept the previous tree

/** Bytes of scratch mcfSolve needs for n nodes and m arcs (f64, as it may exceed 2^32). */
export function mcfWorkBytes(n: i32, m: i32): f64 {
  const arcs = <f64>m + <f64>n;
  const nodes = <f64>n + 1;
  return 8 * (3 * arcs + 2 * nodes) + 4 * (3 * arcs + 10 * nodes);
}

function layout(work: usize, n: i32, m: i32): void {
  const M = <usize>(m + n);
  const N = <usize>(n + 1);
  wCap = work;
  wCost = wCap + (M << 3);
  wFlow = wCost + (M << 3);
  wPi = wFlow + (M << 3);
  wTmpF = wPi + (N << 3);
  wSrc = wTmpF + (N << 3);
  wTgt = wSrc + (M << 2);
  wState = wTgt + (M << 2);
  wParent = wState + (M << 2);
  wPred = wParent + (N << 2);
  wPredDir = wPred + (N << 2);
  wThread = wPredDir + (N << 2);
  wRevThread = wThread + (N << 2);
  wSuccNum = wRevThread + (N << 2);
  wLastSucc = wSuccNum + (N << 2);
  wDirty = wLastSucc + (N << 2);
  wLabel = wDirty + (N << 2);
  wNewId = wLabel + (N << 2);
}

/** LEMON's arc mixing stride: input arc k is stored at k·stride (mod m, then the next residue). */
@inline function mixingStride(n: i32, m: i32): i32 {
  return n > 1 ? max<i32>(m / n, 3) : 1;
}

/** Pivot limit, a guard against numerical cycling only: max(10^6, 100·(n + m)), at most 2^31 − 1. */
function maxIterations(n: i32, m: i32): i32 {
  return <i32>Math.min(2147483647, Math.max(1e6, 100 * (<f64>n + <f64>m)));
}

/**
 * Solves min Σ cost·flow s.t. flow conservation with the given supplies, 0 ≤ flow ≤ capacity.
 * Inputs (read only): src/tgt i32[m], cap/cost f64[m], supply f64[n]. Outputs: flow f64[m] (input
 * arc order), pot f64[n] (reduced cost cost + pot[src] − pot[tgt]), info f64[3] = [pivots,
 * Σ cost·flow, 1 if the last tree was kept]. `work` is mcfWorkBytes(n, m) bytes, 8-aligned. The input must be valid (the JS
 * wrapper checks it). `warm` ≠ 0: `work` still holds the tree of the last optimal solve of a network
 * with the same arcs (the JS wrapper checks that); that tree is kept when it is still a strongly
 * feasible basis for the new capacities and supplies (always after a cost-only change). Returns 0 optimal, 1 infeasible, 2 unbounded, 3 iteration
 * limit, 4 paused: `budget` pivots ran out (the tree is kept; a warm call resumes).
 */
export function mcfSolve(
  n: i32,
  m: i32,
  srcIn: usize,
  tgtIn: usize,
  capIn: usize,
  costIn: usize,
  supplyIn: usize,
  flowOut: usize,
  potOut: usize,
  work: usize,
  info: usize,
  warm: i32,
  budget: f64,
): i32 {
  store<f64>(info, 0);
  store<f64>(info, 0, 8);
  store<f64>(info, 0, 16);
  if (n <= 0) return MCF_OPTIMAL;
  layout(work, n, m);
  let status = simplex(n, m, srcIn, tgtIn, capIn, costIn, supplyIn, false, warm != 0, budget);
  if (status == MCF_ITERATION_LIMIT && budget < <f64>maxIterations(n, m)) status = MCF_PAUSED;
  let iterations = <f64>lastIterations;
  if (status == MCF_UNBOUNDED) {
    // Unbounded only if feasible: phase 1 (real costs 0) decides, and its flow is reported.
    status = simplex(n, m, srcIn, tgtIn, capIn, costIn, supplyIn, true, false, Infinity);
    iterations += <f64>lastIterations;
    if (status == MCF_OPTIMAL) status = MCF_UNBOUNDED;
  }

  // Outputs in the input's arc order.
  const flow = wFlow;
  const skip = mixingStride(n, m);
  let objective: f64 = 0;
  for (let k = 0, i = 0, j = 0; k < m; k++) {
    const f = gf(flow, i);
    sf(flowOut, k, f);
    objective += gf(costIn, k) * f;
    i += skip;
    if (i >= m) i = ++j;
  }
  const pi = wPi;
  const label = wLabel;
  for (let u = 0; u < n; u++) sf(potOut, u, gf(pi, gi(label, u)));
  store<f64>(info, iterations);
  store<f64>(info, objective, 8);
  store<f64>(info, lastWarm ? 1 : 0, 16);
  return status;
}

function simplex(
  n: i32,
  m: i32,
  srcIn: usize,
  tgtIn: usize,
  capIn: usize,
  costIn: usize,
  supplyIn: usize,
  phase1: bool,
  warm: bool,
  budget: f64,
): i32 {
  const N = n + 1;
  const M = m + n;
  const root = n;
  const src = wSrc;
  const tgt = wTgt;
  const state = wState;
  const cap = wCap;
  const cost = wCost;
  const flow = wFlow;
  const pi = wPi;
  const parent = wParent;
  const pred = wPred;
  const predDir = wPredDir;
  const thread = wThread;
  const revThread = wRevThread;
  const succNum = wSuccNum;
  const lastSucc = wLastSucc;
  const dirty = wDirty;

  // Scales and tolerances.
  let maxCost: f64 = 0;
  let minCost: f64 = Infinity;
  if (!phase1) {
    for (let k = 0; k < m; k++) {
      const a = Math.abs(gf(costIn, k));
      if (a > maxCost) maxCost = a;
      if (a > 0 && a < minCost) minCost = a;
    }
  }
  let maxSupply: f64 = 0;
  let sumAbs: f64 = 0;
  for (let u = 0; u < n; u++) {
    const a = Math.abs(gf(supplyIn, u));
    if (a > maxSupply) maxSupply = a;
    sumAbs += a;
  }
  // Costs spanning more than WIDE_COST_RANGE: the fine tolerance, so that one dear arc does not
  // blur the differences between cheap ones (src/flow/types.ts FLOW_COST_TOL).
  const epsCost = (maxCost > WIDE_COST_RANGE * minCost ? COST_TOL_FINE : COST_TOL) * Math.max(1, maxCost);
  const tolSnap = SNAP_TOL * Math.max(1, maxSupply);
  const tolFeas = FEASIBILITY_TOL * Math.max(1, sumAbs);
  const art = (maxCost + 1) * (<f64>n + 1);

  // A warm start keeps the last tree when it is still a strongly feasible basis for the new data.
  lastWarm = warm && !phase1 && warmBasis(n, m, capIn, costIn, supplyIn, art, tolSnap);
  if (lastWarm) {
    treePotentials(root);
  } else {
    // Real arcs in mixed order: input arc k goes to position i.
    const skip = mixingStride(n, m);
    for (let k = 0, i = 0, j = 0; k < m; k++) {
      si(src, i, gi(srcIn, k));
      si(tgt, i, gi(tgtIn, k));
      const c = gf(capIn, k);
      sf(cap, i, c >= INFINITE_CAPACITY ? Infinity : c);
      sf(cost, i, phase1 ? 0 : gf(costIn, k));
      sf(flow, i, 0);
      si(state, i, STATE_LOWER);
      i += skip;
      if (i >= m) i = ++j;
    }

    // Root and artificial arcs: the initial tree is a star around the root.
    for (let u = 0; u < N; u++) si(wLabel, u, u);
    si(parent, root, -1);
    si(pred, root, -1);
    si(predDir, root, 0);
    si(thread, root, 0);
    si(revThread, 0, root);
    si(succNum, root, N);
    si(lastSucc, root, root - 1);
    sf(pi, root, 0);
    for (let u = 0, e = m; u < n; u++, e++) {
      si(parent, u, root);
      si(pred, u, e);
      si(thread, u, u + 1);
      si(revThread, u + 1, u);
      si(succNum, u, 1);
      si(lastSucc, u, u);
      sf(cap, e, Infinity);
      si(state, e, STATE_TREE);
      const b = gf(supplyIn, u);
      if (b >= 0) {
        si(predDir, u, DIR_UP);
        sf(pi, u, 0);
        si(src, e, u);
        si(tgt, e, root);
        sf(flow, e, b);
        sf(cost, e, 0);
      } else {
        si(predDir, u, DIR_DOWN);
        sf(pi, u, art);
        si(src, e, root);
        si(tgt, e, u);
        sf(flow, e, -b);
        sf(cost, e, art);
      }
    }
  }

  pBlockSize = max<i32>(10, <i32>Math.floor(Math.sqrt(<f64>m)));
  pMaxIter = <i32>Math.min(<f64>maxIterations(n, m), budget);
  pEpsCost = epsCost;
  pTolSnap = tolSnap;
  pArt = art;
  const relabelEvery = max<i32>(max<i32>(1000, N / 2), M / 64);
  pNextArc = 0;
  pIter = 0;
  pSupply = supplyIn;
  cGroup = CRASH_DONE;
  if (!lastWarm && !phase1 && crashWanted(n, supplyIn)) {
    cGroup = 0;
    crashCandidates(n, m, 0);
  }
  let status = MCF_OPTIMAL;
  let searching = true;
  while (searching) {
    // Pivot until pricing finds no arc with reduced cost below −eps.
    while (true) {
      if (pIter > 0 && pIter % relabelEvery == 0 && cGroup == CRASH_DONE) relabel(n, M);
      const r = pivot(n, m);
      if (r == PIVOT_DONE) continue;
      if (r != PIVOT_NONE) status = r;
      break;
    }
    if (status != MCF_OPTIMAL) break;

    // Recompute potentials from the tree (root at 0), dropping drift, then re-check optimality.
    treePotentials(root);
    searching = false;
    for (let e = 0; e < m; e++) {
      if (<f64>gi(state, e) * (gf(cost, e) + gf(pi, gi(src, e)) - gf(pi, gi(tgt, e))) < -epsCost) {
        searching = true;
        break;
      }
    }
  }

  if (status == MCF_OPTIMAL) {
    for (let e = m; e < M; e++) {
      if (gf(flow, e) > tolFeas) {
        status = MCF_INFEASIBLE;
        break;
      }
    }
  }

  lastIterations = pIter;
  return status;
}

// Pivot parameters and counters, set by simplex() for pivot().
let pSupply: usize = 0;
let pBlockSize: i32 = 0;
let pMaxIter: i32 = 0;
let pNextArc: i32 = 0;
let pIter: i32 = 0;
let pEpsCost: f64 = 0;
let pTolSnap: f64 = 0;
let pArt: f64 = 0;
/** pivot() results besides a status code. */
const PIVOT_DONE: i32 = -1;
const PIVOT_NONE: i32 = -2;

/**
 * One pivot: prices a block for the entering arc, finds the leaving arc, augments and updates the
 * tree and potentials. Returns PIVOT_DONE, PIVOT_NONE (no arc prices below −eps) or a status
 * (iteration limit, unbounded). A function of its own, called once per pivot, on purpose: V8
 * compiles wasm first with its baseline compiler (Liftoff) and swaps in the optimized code
 * only at a function's next call, so a loop over all pivots inside one call would run the whole
 * first solve on baseline code (≈ 2× slower).
 */
function pivot(n: i32, m: i32): i32 {
  const N = n + 1;
  const root = n;
  const src = wSrc;
  const tgt = wTgt;
  const state = wState;
  const cap = wCap;
  const cost = wCost;
  const flow = wFlow;
  const pi = wPi;
  const parent = wParent;
  const pred = wPred;
  const predDir = wPredDir;
  const thread = wThread;
  const revThread = wRevThread;
  const succNum = wSuccNum;
  const lastSucc = wLastSucc;
  const dirty = wDirty;
  let inArc = -1;
  // Crash start (placement-like networks): the nodes' candidates, group by group, while they
  // still price below −eps.
  while (cGroup != CRASH_DONE) {
    if (cU >= n) {
      if (++cGroup != CRASH_DONE) crashCandidates(n, m, cGroup);
      continue;
    }
    const a = gi(wNewId, cU++);
    if (a >= 0 && <f64>gi(state, a) * (gf(cost, a) + gf(pi, gi(src, a)) - gf(pi, gi(tgt, a))) < -pEpsCost) {
      inArc = a;
      break;
    }
  }
  // Block search for the entering arc.
  let best = -pEpsCost;
  let e = pNextArc;
  let remaining = inArc < 0 ? m : 0;
  while (remaining > 0) {
    let len = remaining < pBlockSize ? remaining : pBlockSize;
    remaining -= len;
    while (len > 0) {
      const stop = m - e < len ? m : e + len;
      len -= stop - e;
      for (; e < stop; e++) {
        const c = <f64>gi(state, e) * (gf(cost, e) + gf(pi, gi(src, e)) - gf(pi, gi(tgt, e)));
        if (c < best) {
          best = c;
          inArc = e;
        }
      }
      if (e == m) e = 0;
    }
    if (inArc >= 0) break;
  }
  if (inArc < 0) return PIVOT_NONE;
  pNextArc = e; // unchanged when the crash chose the arc
  if (++pIter > pMaxIter) {
    pIter--; // this pivot was not done
    return MCF_ITERATION_LIMIT;
  }

  // Join node: where the two tree paths from the entering arc's ends meet.
  let u = gi(src, inArc);
  let v = gi(tgt, inArc);
  while (u != v) {
    if (gi(succNum, u) < gi(succNum, v)) u = gi(parent, u);
    else v = gi(parent, v);
  }
  const join = u;

  // Leaving arc: the last blocking arc from the join in the direction of the cycle.
  const st = gi(state, inArc);
  let first: i32;
  let second: i32;
  if (st == STATE_LOWER) {
    first = gi(src, inArc);
    second = gi(tgt, inArc);
  } else {
    first = gi(tgt, inArc);
    second = gi(src, inArc);
  }
  let delta = gf(cap, inArc);
  let result = 0;
  let uOut = -1;
  for (u = first; u != join; u = gi(parent, u)) {
    const a = gi(pred, u);
    let d = gf(flow, a);
    if (gi(predDir, u) == DIR_DOWN) d = gf(cap, a) - d;
    if (d < delta) {
      delta = d;
      uOut = u;
      result = 1;
    }
  }
  for (u = second; u != join; u = gi(parent, u)) {
    const a = gi(pred, u);
    let d = gf(flow, a);
    if (gi(predDir, u) == DIR_UP) d = gf(cap, a) - d;
    if (d <= delta) {
      delta = d;
      uOut = u;
      result = 2;
    }
  }
  if (delta == Infinity) return MCF_UNBOUNDED;

  // Augment along the cycle (a degenerate pivot, delta ≈ 0, changes no flow).
  if (delta > pTolSnap) {
    const val = <f64>st * delta;
    sf(flow, inArc, gf(flow, inArc) + val);
    for (u = gi(src, inArc); u != join; u = gi(parent, u)) {
      const a = gi(pred, u);
      let f = gf(flow, a) - <f64>gi(predDir, u) * val;
      if (f <= pTolSnap && f >= -pTolSnap) f = 0;
      else {
        const r = gf(cap, a) - f;
        if (r <= pTolSnap && r >= -pTolSnap) f = gf(cap, a);
      }
      sf(flow, a, f);
    }
    for (u = gi(tgt, inArc); u != join; u = gi(parent, u)) {
      const a = gi(pred, u);
      let f = gf(flow, a) + <f64>gi(predDir, u) * val;
      if (f <= pTolSnap && f >= -pTolSnap) f = 0;
      else {
        const r = gf(cap, a) - f;
        if (r <= pTolSnap && r >= -pTolSnap) f = gf(cap, a);
      }
      sf(flow, a, f);
    }
  }

  if (result == 0) {
    // The entering arc itself blocks: it moves to its other bound, the tree stays.
    si(state, inArc, -st);
    sf(flow, inArc, st == STATE_LOWER ? gf(cap, inArc) : 0);
    return PIVOT_DONE;
  }
  si(state, inArc, STATE_TREE);
  {
    const a = gi(pred, uOut);
    // First side: flow runs from the parent down to u; second side: from u up to the parent.
    if ((result == 1) == (gi(predDir, uOut) == DIR_DOWN)) {
      sf(flow, a, gf(cap, a));
      si(state, a, STATE_UPPER);
    } else {
      sf(flow, a, 0);
      si(state, a, STATE_LOWER);
    }
  }
  let uIn: i32;
  let vIn: i32;
  if (result == 1) {
    uIn = first;
    vIn = second;
  } else {
    uIn = second;
    vIn = first;
  }

  // Tree update: the subtree under the leaving arc is re-hung from vIn through the entering
  // arc; the path uIn … uOut (the stem) reverses its parent links.
  const oldRevThread = gi(revThread, uOut);
  const oldSuccNum = gi(succNum, uOut);
  const oldLastSucc = gi(lastSucc, uOut);
  const vOut = gi(parent, uOut);
  if (uIn == uOut) {
    si(parent, uIn, vIn);
    si(pred, uIn, inArc);
    si(predDir, uIn, uIn == gi(src, inArc) ? DIR_UP : DIR_DOWN);
    if (gi(thread, vIn) != uOut) {
      // Move the subtree's thread segment to just after vIn.
      let after = gi(thread, oldLastSucc);
      si(thread, oldRevThread, after);
      si(revThread, after, oldRevThread);
      after = gi(thread, vIn);
      si(thread, vIn, uOut);
      si(revThread, uOut, vIn);
      si(thread, oldLastSucc, after);
      si(revThread, after, oldLastSucc);
    }
  } else {
    // When oldRevThread is vIn, join and vOut coincide.
    const threadContinue = oldRevThread == vIn ? gi(thread, oldLastSucc) : gi(thread, vIn);
    let stem = uIn;
    let parStem = vIn;
    let last = gi(lastSucc, uIn);
    let after = gi(thread, last);
    si(thread, vIn, uIn);
    let nDirty = 0;
    si(dirty, nDirty++, vIn);
    while (stem != uOut) {
      const nextStem = gi(parent, stem);
      // Continue the thread with the next stem node, cutting the stem's own subtree out.
      si(thread, last, nextStem);
      si(dirty, nDirty++, last);
      const before = gi(revThread, stem);
      si(thread, before, after);
      si(revThread, after, before);
      si(parent, stem, parStem);
      parStem = stem;
      stem = nextStem;
      last = gi(lastSucc, stem) == gi(lastSucc, parStem) ? gi(revThread, parStem) : gi(lastSucc, stem);
      after = gi(thread, last);
    }
    si(parent, uOut, parStem);
    si(thread, last, threadContinue);
    si(revThread, threadContinue, last);
    si(lastSucc, uOut, last);
    if (oldRevThread != vIn) {
      si(thread, oldRevThread, after);
      si(revThread, after, oldRevThread);
    }
    for (let k = 0; k < nDirty; k++) {
      const w = gi(dirty, k);
      si(revThread, gi(thread, w), w);
    }
    // Stem nodes from uOut back to uIn take their old parent's predecessor arc, reversed.
    let tmpSc = 0;
    const tmpLs = gi(lastSucc, uOut);
    let w = uOut;
    while (w != uIn) {
      const p = gi(parent, w);
      si(pred, w, gi(pred, p));
      si(predDir, w, -gi(predDir, p));
      tmpSc += gi(succNum, w) - gi(succNum, p);
      si(succNum, w, tmpSc);
      si(lastSucc, p, tmpLs);
      w = p;
    }
    si(pred, uIn, inArc);
    si(predDir, uIn, uIn == gi(src, inArc) ? DIR_UP : DIR_DOWN);
    si(succNum, uIn, oldSuccNum);
  }
  // Last successors and subtree sizes on the paths from vIn and vOut up to the join.
  const upLimitOut = gi(lastSucc, join) == vIn ? join : -1;
  const lastSuccOut = gi(lastSucc, uOut);
  for (let w = vIn; w != -1 && gi(lastSucc, w) == vIn; w = gi(parent, w)) si(lastSucc, w, lastSuccOut);
  if (join != oldRevThread && vIn != oldRevThread) {
    for (let w = vOut; w != upLimitOut && gi(lastSucc, w) == oldLastSucc; w = gi(parent, w)) {
      si(lastSucc, w, oldRevThread);
    }
  } else if (lastSuccOut != oldLastSucc) {
    for (let w = vOut; w != upLimitOut && gi(lastSucc, w) == oldLastSucc; w = gi(parent, w)) {
      si(lastSucc, w, lastSuccOut);
    }
  }
  for (let w = vIn; w != join; w = gi(parent, w)) si(succNum, w, gi(succNum, w) + oldSuccNum);
  for (let w = vOut; w != join; w = gi(parent, w)) si(succNum, w, gi(succNum, w) - oldSuccNum);

  // Potentials: shift the moved subtree by sigma so the entering arc's reduced cost is 0, or,
  // when the subtree is more than half the tree, the rest by −sigma (reduced costs depend
  // only on differences). The root then drifts from 0; past ART, recompute from the tree.
  const sigma = gf(pi, vIn) - gf(pi, uIn) - <f64>gi(predDir, uIn) * gf(cost, inArc);
  const end = gi(thread, gi(lastSucc, uIn));
  if (2 * gi(succNum, uIn) <= N) {
    shiftThread(uIn, end, sigma);
  } else {
    shiftThread(end, uIn, -sigma);
    if (Math.abs(gf(pi, root)) > pArt) treePotentials(root);
  }
  return PIVOT_DONE;
}

// Crash start. On networks where most nodes have supply (placement: demands → sites → sink), the
// artificial star prices every demand's arcs against sites that are not yet in place. Before the
// block search, each node in turn (deficit nodes first, then transshipment nodes, then supply
// nodes) pivots in its most negative incident arc, found for the whole group in one pass over the
// arcs at the group's start and re-priced just before it enters (as LEMON's initialPivots does).
// wNewId holds the candidates (relabel, its other user, waits until the crash is done).
const CRASH_DONE: i32 = 3;
let cGroup: i32 = CRASH_DONE;
let cU: i32 = 0;

/** Whether the crash start applies: at least half the nodes have positive supply. */
function crashWanted(n: i32, supplyIn: usize): bool {
  let k = 0;
  for (let u = 0; u < n; u++) if (gf(supplyIn, u) > 0) k++;
  return 2 * k >= n;
}

/** Group of a node for the crash: 0 deficit, 1 transshipment, 2 supply. */
@inline function crashGroup(u: i32): i32 {
  const b = gf(pSupply, u);
  return b < 0 ? 0 : b == 0 ? 1 : 2;
}

/** For each node of group g, its incident arc of most negative reduced cost (first in arc order), else −1. */
function crashCandidates(n: i32, m: i32, g: i32): void {
  const cand = wNewId;
  const val = wTmpF;
  const src = wSrc;
  const tgt = wTgt;
  const state = wState;
  const cost = wCost;
  const pi = wPi;
  for (let u = 0; u < n; u++) {
    si(cand, u, -1);
    sf(val, u, -pEpsCost);
  }
  for (let e = 0; e < m; e++) {
    const s = gi(src, e);
    const t = gi(tgt, e);
    const c = <f64>gi(state, e) * (gf(cost, e) + gf(pi, s) - gf(pi, t));
    if (c < gf(val, s) && crashGroup(s) == g) {
      sf(val, s, c);
      si(cand, s, e);
    }
    if (c < gf(val, t) && crashGroup(t) == g) {
      sf(val, t, c);
      si(cand, t, e);
    }
  }
  cU = 0;
}

/**
 * pi[w] += d for w from `from` along the thread up to (not including) `to`; runs of consecutive
 * numbers advance by w + 1 on a predicted branch instead of waiting for the load of thread[w].
 */
@inline function shiftThread(from: i32, to: i32, d: f64): void {
  const thread = wThread;
  const pi = wPi;
  let w = from;
  while (w != to) {
    let next: i32;
    do {
      sf(pi, w, gf(pi, w) + d);
      next = gi(thread, w);
      w++;
    } while (next == w && w != to);
    w = next;
  }
}

/**
 * The new costs, capacities and supplies in the last optimal tree (same arcs): nonbasic arcs at
 * their bound, tree flows from the supplies, leaves first. Keeps the tree only if the flow is in
 * bounds and the tree strongly feasible (zero-flow tree arcs up, saturated ones down); the TS
 * twin's warmBasis is the same code.
 */
function warmBasis(n: i32, m: i32, capIn: usize, costIn: usize, supplyIn: usize, art: f64, tolSnap: f64): bool {
  const src = wSrc;
  const tgt = wTgt;
  const state = wState;
  const cap = wCap;
  const cost = wCost;
  const flow = wFlow;
  const parent = wParent;
  const pred = wPred;
  const predDir = wPredDir;
  const revThread = wRevThread;
  const label = wLabel;
  const excess = wTmpF;
  const root = n;
  const M = m + n;
  const skip = mixingStride(n, m);
  for (let k = 0, i = 0, j = 0; k < m; k++) {
    const c = gf(capIn, k);
    sf(cap, i, c >= INFINITE_CAPACITY ? Infinity : c);
    sf(cost, i, gf(costIn, k));
    i += skip;
    if (i >= m) i = ++j;
  }
  for (let e = m; e < M; e++) sf(cost, e, gi(src, e) == root ? art : 0);
  sf(excess, root, 0);
  for (let u = 0; u < n; u++) sf(excess, gi(label, u), gf(supplyIn, u));
  for (let e = 0; e < M; e++) {
    const st = gi(state, e);
    if (st == STATE_LOWER) sf(flow, e, 0);
    else if (st == STATE_UPPER) {
      const c = gf(cap, e);
      if (c == Infinity) return false;
      sf(flow, e, c);
      sf(excess, gi(src, e), gf(excess, gi(src, e)) - c);
      sf(excess, gi(tgt, e), gf(excess, gi(tgt, e)) + c);
    }
  }
  for (let u = gi(revThread, root); u != root; u = gi(revThread, u)) {
    const a = gi(pred, u);
    const x = gf(excess, u);
    let f = gi(predDir, u) == DIR_UP ? x : -x;
    const c = gf(cap, a);
    if (f <= tolSnap && f >= -tolSnap) f = 0;
    else if (c - f <= tolSnap && c - f >= -tolSnap) f = c;
    if (f < 0 || f > c) return false;
    if (f == 0 && gi(predDir, u) != DIR_UP) return false;
    if (f == c && gi(predDir, u) != DIR_DOWN) return false;
    sf(flow, a, f);
    const p = gi(parent, u);
    sf(excess, p, gf(excess, p) + x);
  }
  return true;
}

/** Potentials from the tree alone: root 0, then each node from its parent in thread (pre-)order. */
function treePotentials(root: i32): void {
  const thread = wThread;
  const parent = wParent;
  const pred = wPred;
  const predDir = wPredDir;
  const cost = wCost;
  const pi = wPi;
  sf(pi, root, 0);
  for (let u = gi(thread, root); u != root; u = gi(thread, u)) {
    const p = gi(parent, u);
    const a = gi(pred, u);
    sf(pi, u, gi(predDir, u) == DIR_UP ? gf(pi, p) - gf(cost, a) : gf(pi, p) + gf(cost, a));
  }
}

/** Writes p[newId[u]] = (mapValues ? newId[p[u]] : p[u]) through the dirty scratch. */
function permuteNodes(p: usize, N: i32, mapValues: bool): void {
  const newId = wNewId;
  const tmp = wDirty;
  for (let u = 0; u < N; u++) {
    const v = gi(p, u);
    si(tmp, gi(newId, u), mapValues && v >= 0 ? gi(newId, v) : v);
  }
  memory.copy(p, tmp, <usize>N << 2);
}

/**
 * Renumbers the nodes in thread order (the root keeps n), permuting every node array and mapping
 * node numbers in arcs, tree links and the label map. Only between pivots (uses dirty as scratch).
 */
function relabel(n: i32, M: i32): void {
  const N = n + 1;
  const root = n;
  const thread = wThread;
  const newId = wNewId;
  let k = 0;
  for (let u = gi(thread, root); u != root; u = gi(thread, u)) si(newId, u, k++);
  si(newId, root, root);
  const pi = wPi;
  const tmpF = wTmpF;
  for (let u = 0; u < N; u++) sf(tmpF, gi(newId, u), gf(pi, u));
  memory.copy(pi, tmpF, <usize>N << 3);
  permuteNodes(wParent, N, true);
  permuteNodes(wThread, N, true);
  permuteNodes(wRevThread, N, true);
  permuteNodes(wLastSucc, N, true);
  permuteNodes(wPred, N, false);
  permuteNodes(wPredDir, N, false);
  permuteNodes(wSuccNum, N, false);
  const src = wSrc;
  const tgt = wTgt;
  for (let e = 0; e < M; e++) {
    si(src, e, gi(newId, gi(src, e)));
    si(tgt, e, gi(newId, gi(tgt, e)));
  }
  const label = wLabel;
  for (let u = 0; u < n; u++) si(label, u, gi(newId, gi(label, u)));
}
