/**
 * From solved candidates to a frontier: drops duplicates and dominated points (each with a note,
 * never silently), orders by falling carbon, and adds the marginal abatement cost between
 * neighbours. Exact LP optima are never dominated; tolerance-sized noise and the ties of weighted
 * sums are what this removes.
 */
import type { ParetoPoint } from './types.js';

/** Relative tolerance of "same cost" and "same carbon": the plan checks' 1e-6 (DESIGN.md §3). */
export const PARETO_TOLERANCE = 1e-6;

/** Proved gaps at or below this are rounding (decompose reports ~1e-15 where its restricted LP is exact). */
export const GAP_NOISE = 1e-9;

/** A solved point before filtering, with a label for notes (e.g. "cap 12.3 t"). */
export interface Candidate {
  readonly label: string;
  readonly point: Omit<ParetoPoint, 'mac' | 'macUncertainty'>;
}

const tol = (a: number, b: number) => PARETO_TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));
const fmt = (x: number) => String(Number(x.toPrecision(8)));

/** Whether `a` dominates `b`: no worse in cost and carbon, better in one beyond tolerance. */
function dominates(a: Candidate['point'], b: Candidate['point']): boolean {
  const tc = tol(a.cost, b.cost);
  const tt = tol(a.carbonTonnes, b.carbonTonnes);
  return a.cost <= b.cost + tc && a.carbonTonnes <= b.carbonTonnes + tt && (a.cost < b.cost - tc || a.carbonTonnes < b.carbonTonnes - tt);
}

function same(a: Candidate['point'], b: Candidate['point']): boolean {
  return Math.abs(a.cost - b.cost) <= tol(a.cost, b.cost) && Math.abs(a.carbonTonnes - b.carbonTonnes) <= tol(a.carbonTonnes, b.carbonTonnes);
}

/** The non-dominated candidates by falling carbon, with `mac`; notes say what went and why. */
export function toFrontier(candidates: readonly Candidate[]): { points: ParetoPoint[]; dropped: number; notes: string[] } {
  const notes: string[] = [];
  const kept: Candidate[] = [];
  candidates.forEach((c, i) => {
    const dup = kept.find((k) => same(k.point, c.point));
    if (dup) {
      notes.push(`${c.label}: dropped, the same plan as ${dup.label} (cost ${fmt(c.point.cost)} CNY, ${fmt(c.point.carbonTonnes)} t)`);
      return;
    }
    const by = candidates.find((o, j) => j !== i && dominates(o.point, c.point));
    if (by) {
      notes.push(
        `${c.label}: dropped, dominated by ${by.label} (cost ${fmt(c.point.cost)} vs ${fmt(by.point.cost)} CNY, ${fmt(c.point.carbonTonnes)} vs ${fmt(by.point.carbonTonnes)} t)`,
      );
      return;
    }
    kept.push(c);
  });
  kept.sort((a, b) => b.point.carbonTonnes - a.point.carbonTonnes);
  const points = kept.map((c, i): ParetoPoint => {
    const prev = kept[i - 1]?.point;
    const dt = prev ? prev.carbonTonnes - c.point.carbonTonnes : 0;
    const mac = prev ? (c.point.cost - prev.cost) / dt : null;
    const slack = (p: Candidate['point']) => p.gap * Math.max(1, Math.abs(p.objective));
    const macUncertainty = prev ? (slack(c.point) + slack(prev)) / dt : null;
    return { ...c.point, mac, macUncertainty };
  });
  return { points, dropped: candidates.length - kept.length, notes };
}
