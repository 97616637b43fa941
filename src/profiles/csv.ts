/**
 * Hourly profiles from CSV: measured green supply, electricity prices, grid factors and demand
 * replace a scenario's values hour by hour.
 *
 * Format: a header row `hour,<column>,…` and one row per hour 0 … horizonHours − 1, in order.
 * Columns are `<field>:<id>`:
 *   greenSupplyMW:<site>     green supply of the site, MW (≥ 0)
 *   electricityPrice:<site>  CNY/kWh (≥ 0)
 *   gridCarbon:<site>        kgCO2/kWh (≥ 0)
 *   marginalCarbon:<site>    marginal grid factor, kgCO2/kWh (≥ 0; `prices.carbonSignal`)
 *   demand:<demand>          units of an interactive demand in that hour (≥ 0; a windowed demand's
 *                            amount is a total, so it cannot be given per hour)
 * Every cell must hold a plain decimal number (`12`, `0.37`, `1e-3`; not hex, `Infinity` or
 * `1,000`): an empty cell is an error, never "keep the old value", so nothing is silently left out.
 * Blank lines and lines starting with `#` are skipped (line numbers in errors count them); a UTF-8
 * byte-order mark, CRLF and bare CR line ends (old Mac style) and spaces around cells are accepted.
 * Cells may not be quoted. A NUL byte or bytes that are not UTF-8 (decoded as U+FFFD) in a line
 * that is read are an error (the file is binary, or in another encoding); messages show any
 * non-printable character as an escape (`\x00`), never raw.
 * Every column of the file is applied; a site or demand without a column keeps its values.
 */
import { ProfileError } from './errors.js';
import type { Scenario } from '../scenario/types.js';
import { printable } from '../util/printable.js';

/** Fields a profile column can set. */
export const PROFILE_FIELDS = ['greenSupplyMW', 'electricityPrice', 'gridCarbon', 'marginalCarbon', 'demand'] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

/** One column of a profile table. */
export interface ProfileColumn {
  readonly field: ProfileField;
  /** Site id (supply, price, carbon) or demand id. */
  readonly id: string;
  /** The header text, e.g. `gridCarbon:zhongwei`. */
  readonly header: string;
  /** 1-based column number in the file. */
  readonly column: number;
  /** One value per hour. */
  readonly values: readonly number[];
}

/** A parsed profile file. */
export interface ProfileTable {
  readonly columns: readonly ProfileColumn[];
  /** Number of hour rows. */
  readonly hours: number;
  /** Line number of the header (for errors about a column). */
  readonly headerLine: number;
  /** Line number of the last hour row (for errors about the row count). */
  readonly lastLine: number;
  /** Line number of each hour row: `rowLines[t]` holds hour t (absent in hand-built tables). */
  readonly rowLines?: readonly number[];
}

/** A plain decimal number: what `Number` accepts minus hex/binary/octal, `Infinity` and blanks. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Parses profile CSV text (see the module comment for the format). @throws ProfileError */
export function parseProfilesCsv(text: string): ProfileTable {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  let header: string[] | undefined;
  let headerLine = 0;
  const cols: { field: ProfileField; id: string; header: string; column: number; values: number[] }[] = [];
  let hours = 0;
  let lastLine = 0;
  const rowLines: number[] = [];
  lines.forEach((raw, i) => {
    const line = i + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const bad = raw.search(/[\u0000\uFFFD]/);
    if (bad >= 0) {
      const what = raw[bad] === '\u0000' ? 'a NUL byte (\\x00)' : 'bytes that are not UTF-8 (shown as \\uFFFD)';
      // UTF-16 read as UTF-8: a mangled byte-order mark, then every other byte NUL.
      const utf16 = /^\uFFFD{0,2}(?:[^\u0000]\u0000|\u0000[^\u0000]){2}/.test(raw) ? '; it looks like UTF-16: save it as UTF-8' : '';
      throw new ProfileError(line, raw.slice(0, bad).split(',').length, `${what} at character ${bad + 1}: this is not a UTF-8 text file (binary?)${utf16}; profiles are UTF-8 CSV`);
    }
    const cells = raw.split(',').map((c) => c.trim());
    if (!header) {
      header = cells;
      headerLine = line;
      if (cells[0] !== 'hour') throw new ProfileError(line, 1, `the header must start with "hour", got "${printable(cells[0]!)}"`);
      const seen = new Set<string>();
      cells.slice(1).forEach((h, k) => {
        const column = k + 2;
        const sep = h.indexOf(':');
        const field = h.slice(0, sep) as ProfileField;
        const id = h.slice(sep + 1);
        if (sep <= 0 || id === '') throw new ProfileError(line, column, `header "${printable(h)}" is not <field>:<id> (fields: ${PROFILE_FIELDS.join(', ')})`);
        if (!PROFILE_FIELDS.includes(field)) throw new ProfileError(line, column, `unknown field "${printable(field)}" in "${printable(h)}" (fields: ${PROFILE_FIELDS.join(', ')})`);
        if (seen.has(h)) throw new ProfileError(line, column, `column "${printable(h)}" appears twice`);
        seen.add(h);
        cols.push({ field, id, header: h, column, values: [] });
      });
      if (cols.length === 0) throw new ProfileError(line, 2, 'the header names no profile column after "hour"');
      return;
    }
    if (cells.length !== header.length) {
      throw new ProfileError(line, Math.min(cells.length, header.length) + 1, `expected ${header.length} cells like the header on line ${headerLine}, got ${cells.length}`);
    }
    if (cells[0] !== String(hours)) throw new ProfileError(line, 1, `expected hour ${hours} (rows in order from 0), got "${printable(cells[0]!)}"`);
    for (const c of cols) {
      const cell = cells[c.column - 1]!;
      const where = `column ${printable(c.header)}`;
      if (cell === '') throw new ProfileError(line, c.column, `${where}: empty cell (every hour needs a value)`);
      if (cell.startsWith('"')) throw new ProfileError(line, c.column, `${where}: ${printable(cell)} is quoted (write plain numbers, no quotes)`);
      const x = Number(cell);
      if (!DECIMAL.test(cell) || !Number.isFinite(x)) throw new ProfileError(line, c.column, `${where}: "${printable(cell)}" is not a number`);
      if (x < 0) throw new ProfileError(line, c.column, `${where}: ${printable(cell)} is negative (must be ≥ 0)`);
      // + 0 turns "-0" into 0, so a round trip through JSON keeps the same value.
      c.values.push(x + 0);
    }
    hours++;
    lastLine = line;
    rowLines.push(line);
  });
  if (!header) throw new ProfileError(1, 1, 'no header row: the file is empty or only comments');
  if (hours === 0) throw new ProfileError(headerLine, 1, 'no hour rows after the header');
  return { columns: cols, hours, headerLine, lastLine, rowLines };
}

/**
 * Returns `scenario` with the table's values in place (a new object; the input is not changed).
 * Does not validate the whole scenario (`loadProfilesFile` and `solve` do); a valid scenario and a
 * parsed table always give a valid one, since every value is a finite number ≥ 0 per hour.
 * @throws ProfileError naming the line and column for a wrong row count, an unknown id, or a
 * windowed demand given per hour.
 */
export function applyProfiles(scenario: Scenario, table: ProfileTable): Scenario {
  const H = scenario.horizonHours;
  if (table.hours !== H) {
    // Too many rows: point at the first row past the horizon; too few: at the last row there is.
    const line = table.hours > H ? (table.rowLines?.[H] ?? table.lastLine) : table.lastLine;
    const past = table.hours > H ? `; hour ${H} is past the last hour ${H - 1}` : '';
    throw new ProfileError(line, 1, `expected ${H} hour rows (the scenario's horizonHours), got ${table.hours}${past}`);
  }
  const sites = scenario.sites.map((s) => ({ ...s }));
  const demands = scenario.demands.map((d) => ({ ...d }));
  const siteIdx = new Map(sites.map((s, i) => [s.id, i]));
  const demandIdx = new Map(demands.map((d, i) => [d.id, i]));
  const seen = new Set<string>();
  for (const c of table.columns) {
    const line = table.headerLine;
    // The parser guarantees these three; a hand-built table might break them, and an unknown
    // field, a second column for the same value or a short array must not slip through.
    if (!PROFILE_FIELDS.includes(c.field)) throw new ProfileError(line, c.column, `unknown field "${printable(c.field)}" (fields: ${PROFILE_FIELDS.join(', ')})`);
    if (seen.has(`${c.field}:${c.id}`)) throw new ProfileError(line, c.column, `column "${printable(`${c.field}:${c.id}`)}" appears twice`);
    seen.add(`${c.field}:${c.id}`);
    if (c.values.length !== H) throw new ProfileError(line, c.column, `column ${printable(c.header)}: ${c.values.length} values for ${H} hours`);
    if (c.field === 'demand') {
      const i = demandIdx.get(c.id);
      if (i === undefined) throw new ProfileError(line, c.column, `column ${printable(c.header)}: no demand with id "${printable(c.id)}"`);
      if (demands[i]!.window) throw new ProfileError(line, c.column, `column ${printable(c.header)}: demand "${printable(c.id)}" has a window, so its amount is a total of unit-hours, not per hour`);
      demands[i] = { ...demands[i]!, amount: [...c.values] };
    } else {
      const i = siteIdx.get(c.id);
      if (i === undefined) throw new ProfileError(line, c.column, `column ${printable(c.header)}: no site with id "${printable(c.id)}"`);
      sites[i] = { ...sites[i]!, [c.field]: [...c.values] };
    }
  }
  return { ...scenario, sites, demands };
}
