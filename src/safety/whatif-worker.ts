/**
 * The worker-thread entry of `whatIf` (built to dist/whatif-worker.js by tsup): tinypool calls the
 * default export with one batch of cases and sends the plans back.
 */
import { runCaseTask, type CaseOutcome, type CaseTask } from './whatif-cases.js';

export default function runWhatIfBatch(task: CaseTask): Promise<CaseOutcome[]> {
  return runCaseTask(task);
}
