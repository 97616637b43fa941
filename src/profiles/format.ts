/**
 * Writes a scenario's hourly values as profile CSV: a template to fill with measured data, and
 * the inverse of `parseProfilesCsv` + `applyProfiles` (numbers are written in JavaScript's
 * shortest round-trip form, so parsing them back gives the same doubles).
 */
import { OptionsError } from '../errors.js';
import { valueAt } from '../scenario/hourly.js';
import type { Hourly, Scenario } from '../scenario/types.js';
import { PROFILE_FIELDS, type ProfileField } from './csv.js';

/** The value a `<field>:<id>` header names in `scenario` (undefined green supply reads as 0 MW). */
function columnValue(scenario: Scenario, header: string): Hourly {
  const sep = header.indexOf(':');
  const field = header.slice(0, sep) as ProfileField;
  const id = header.slice(sep + 1);
  if (sep <= 0 || id === '' || !PROFILE_FIELDS.includes(field)) {
    throw new OptionsError('columns', `"${header}" is not <field>:<id> with a field in ${PROFILE_FIELDS.join(', ')}`);
  }
  if (field === 'demand') {
    const d = scenario.demands.find((x) => x.id === id);
    if (!d) throw new OptionsError('columns', `"${header}": no demand with id "${id}"`);
    if (d.window) throw new OptionsError('columns', `"${header}": demand "${id}" has a window, so its amount is a total, not per hour`);
    return d.amount;
  }
  const s = scenario.sites.find((x) => x.id === id);
  if (!s) throw new OptionsError('columns', `"${header}": no site with id "${id}"`);
  // A site without green supply has none: writing 0 MW keeps that meaning if the file is applied.
  if (field === 'marginalCarbon') {
    if (s.marginalCarbon === undefined) throw new OptionsError('columns', `"${header}": site "${id}" gives no marginalCarbon`);
    return s.marginalCarbon;
  }
  return field === 'greenSupplyMW' ? (s.greenSupplyMW ?? 0) : s[field];
}

/**
 * Every column a profile file can set in `scenario`: the three site fields of each site (and
 * `marginalCarbon` where the site gives one), then the demand of each demand without a window, in
 * scenario order.
 */
export function profileColumns(scenario: Scenario): string[] {
  const sites = scenario.sites.flatMap((s) => [...(['greenSupplyMW', 'electricityPrice', 'gridCarbon'] as const), ...(s.marginalCarbon !== undefined ? (['marginalCarbon'] as const) : [])].map((f) => `${f}:${s.id}`));
  return [...sites, ...scenario.demands.filter((d) => !d.window).map((d) => `demand:${d.id}`)];
}

/**
 * The scenario's values of `columns` (headers like `gridCarbon:zhongwei`; default: all of
 * {@link profileColumns}) as profile CSV, one row per hour, LF line ends, `comment` lines (if
 * any) first as `# ` lines. A number that holds every hour is written in every row.
 * @throws OptionsError for a header that names no field, site or demand, or a windowed demand.
 */
export function formatProfilesCsv(scenario: Scenario, columns: readonly string[] = profileColumns(scenario), comment?: string): string {
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c)) throw new OptionsError('columns', `"${c}" appears twice`);
    seen.add(c);
  }
  const values = columns.map((c) => columnValue(scenario, c));
  const lines = comment === undefined ? [] : comment.split(/\r?\n/).map((l) => `# ${l}`);
  lines.push(['hour', ...columns].join(','));
  for (let t = 0; t < scenario.horizonHours; t++) lines.push([String(t), ...values.map((v) => String(valueAt(v, t)))].join(','));
  return `${lines.join('\n')}\n`;
}
