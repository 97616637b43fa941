/** `--profiles file.csv`: hourly profiles applied to the scenario before it is validated. */
import { readFileSync } from 'node:fs';
import { OptionsError } from '../errors.js';
import { applyProfiles, parseProfilesCsv } from '../profiles/csv.js';
import { ProfileError } from '../profiles/errors.js';
import type { Scenario } from '../scenario/types.js';
import { validateScenario } from '../scenario/validate.js';

/**
 * Reads `path` and applies its profiles to `scenario` (validated first, and again after).
 * @throws ProfileError naming file, line and column; OptionsError when the file cannot be read;
 * ScenarioError for an invalid scenario.
 */
export function loadProfilesFile(path: string, scenario: unknown): Scenario {
  const sc = validateScenario(scenario);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new OptionsError('--profiles', `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    return validateScenario(applyProfiles(sc, parseProfilesCsv(text)));
  } catch (e) {
    throw e instanceof ProfileError ? new ProfileError(e.line, e.column, e.rule, path) : e;
  }
}
