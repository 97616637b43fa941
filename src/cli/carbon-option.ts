/**
 * `--carbon-csv F.csv --carbon-map map.json [--carbon-skip-unknown]`: hourly carbon intensities
 * from a grid-data export put into the sites' `gridCarbon` / `marginalCarbon` (solve, compare,
 * simulate; see the README, "Hourly carbon signal files").
 */
import { readFileSync } from 'node:fs';
import { OptionsError } from '../errors.js';
import { applyCarbonCsv, parseCarbonMap } from '../profiles/carbon-csv.js';
import { CarbonMapError } from '../profiles/carbon-csv.js';
import type { Scenario } from '../scenario/types.js';
import { validateScenario } from '../scenario/validate.js';
import { UsageError } from './args.js';

/** The flags, for `parseFlags`. */
export const CARBON_FLAGS = {
  'carbon-csv': { type: 'string' },
  'carbon-map': { type: 'string' },
  'carbon-skip-unknown': { type: 'boolean' },
} as const;

/** Usage lines of the flags. */
export const CARBON_USAGE = `  --carbon-csv F.csv   hourly carbon intensity per zone (Electricity Maps-style export) into the
                       sites' gridCarbon / marginalCarbon; needs --carbon-map (see README)
  --carbon-map M.json  zone → site ids, and which column feeds gridCarbon or marginalCarbon
  --carbon-skip-unknown  skip (and list on stderr) rows of zones the map does not name`;

function readText(flag: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new OptionsError(flag, `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/**
 * `scenario` with the carbon CSV applied when the flags ask for it (validated again), else as it is.
 * Skipped zones are written with `warn`. @throws UsageError, OptionsError, CarbonMapError, ProfileError
 */
export function applyCarbonFlags(values: { 'carbon-csv'?: string | undefined; 'carbon-map'?: string | undefined; 'carbon-skip-unknown'?: boolean | undefined }, scenario: Scenario, warn: (text: string) => void): Scenario {
  const csv = values['carbon-csv'];
  const mapPath = values['carbon-map'];
  if (csv === undefined && mapPath === undefined) {
    if (values['carbon-skip-unknown']) throw new UsageError('--carbon-skip-unknown needs --carbon-csv');
    return scenario;
  }
  if (csv === undefined || mapPath === undefined) throw new UsageError('--carbon-csv and --carbon-map go together');
  let raw: unknown;
  try {
    raw = JSON.parse(readText('--carbon-map', mapPath));
  } catch (e) {
    if (e instanceof OptionsError) throw e;
    throw new CarbonMapError('(root)', `not JSON: ${(e as Error).message}`, mapPath);
  }
  const map = parseCarbonMap(raw, scenario, mapPath);
  const r = applyCarbonCsv(scenario, readText('--carbon-csv', csv), map, { file: csv, skipUnknownZones: values['carbon-skip-unknown'] === true });
  for (const s of r.skipped) warn(`${csv}: skipped ${s.rows} row${s.rows === 1 ? '' : 's'} of zone "${s.zone}" (not in the carbon map; first on line ${s.firstLine})\n`);
  return validateScenario(r.scenario);
}
