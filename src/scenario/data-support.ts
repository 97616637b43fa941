/** A guard for the studies that do not (yet) model dataset copies and model replicas. */
import { OptionsError } from '../errors.js';
import type { Scenario } from './types.js';

/**
 * Throws an `OptionsError` when the scenario has `datasets` or `models` (yes/no copy and replica
 * choices that `what` would otherwise drop silently); `solve` and `sweep` handle them.
 */
export function rejectDataChoices(sc: Scenario, what: string): void {
  if (typeof sc !== 'object' || sc === null) return;
  const fields = [sc.datasets !== undefined ? 'datasets' : '', sc.models !== undefined ? 'models' : ''].filter(Boolean);
  if (fields.length > 0) {
    throw new OptionsError('scenario', `${what} does not model ${fields.join(' and ')} (dataset-copy and model-replica choices) yet; solve() does`);
  }
}
