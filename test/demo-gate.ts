// Gate of the browser demo tests, the same rule as the WebGPU gate (test/calibrate-gate.ts): run
// where /usr/bin/chromium and the built library exist, skip visibly otherwise, and fail instead of
// skipping when SUANFLOW_REQUIRE_BROWSER=1 (set by .ci/run).
import { it } from 'vitest';
import { REQUIRE_BROWSER } from './demo-harness.js';

export { browserMissing } from './demo-harness.js';

/**
 * Same rule as the WebGPU gate (test/calibrate-gate.ts): a console note and a skip, or, when the
 * browser is required, a failing test that says what is missing. Returns true to skip.
 */
export function browserGate(area: string, missing: string | undefined): boolean {
  if (missing === undefined) return false;
  if (REQUIRE_BROWSER) {
    it(`${area}: required by SUANFLOW_REQUIRE_BROWSER=1`, () => {
      throw new Error(`SUANFLOW_REQUIRE_BROWSER=1 but ${missing}`);
    });
    return true;
  }
  console.warn(`[suanflow] SKIPPED ${area}: ${missing}`);
  return true;
}

