/**
 * A seam between a backend and the plan it becomes: tests install a fault here (a corrupted value,
 * a wrong objective) to prove that the self-check catches what validation cannot. Not part of the
 * package entry; production code never installs one.
 */
import type { LpModel } from '../formulate/lp-model.js';
import type { SolverInfo } from '../plan/types.js';
import type { LpResult } from './glpk.js';

/** Rewrites a backend's result before it is mapped to a plan (tests only). */
export type ResultFault = (backend: SolverInfo['backend'], res: LpResult, model: LpModel) => LpResult;

let fault: ResultFault | undefined;

/** Installs (or, with undefined, removes) a fault applied to every backend result. Tests only. */
export function setResultFaultForTesting(f: ResultFault | undefined): void {
  fault = f;
}

/** Whether a fault is installed (then `solve` takes the LP model path, whose results the fault sees). */
export function faultInstalled(): boolean {
  return fault !== undefined;
}

/** The result as the installed fault leaves it (unchanged when none is installed). */
export function throughSeam(backend: SolverInfo['backend'], res: LpResult, model: LpModel): LpResult {
  return fault ? fault(backend, res, model) : res;
}
