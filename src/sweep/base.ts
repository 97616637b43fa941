/** The base scenario of a spec: a built-in name, or a scenario file relative to the spec's folder. */
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { scenarios } from '../datasets/index.js';
import type { Scenario } from '../scenario/types.js';
import { validateScenario } from '../scenario/validate.js';
import { SweepSpecError } from './spec.js';
import type { SweepSpec } from './spec-types.js';

/** Names of the built-in scenarios a spec's `base` may give. */
export const BUILTIN_BASES = Object.keys(scenarios) as (keyof typeof scenarios)[];

/** The validated base scenario of `spec` (`specDir`: the folder a relative path is read from). */
export function loadBase(spec: SweepSpec, specDir: string): Scenario {
  if (Object.hasOwn(scenarios, spec.base)) return validateScenario(scenarios[spec.base as keyof typeof scenarios]);
  const file = isAbsolute(spec.base) ? spec.base : resolve(specDir, spec.base);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new SweepSpecError([{ path: 'base', rule: 'base', message: `is neither a built-in scenario (${BUILTIN_BASES.join(', ')}) nor a readable file: ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` }]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (e) {
    throw new SweepSpecError([{ path: 'base', rule: 'base', message: `${file} is not valid JSON: ${(e as Error).message}` }]);
  }
  return validateScenario(json);
}
