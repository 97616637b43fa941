/**
 * Hourly carbon-intensity CSVs in the layout public grid-data exports use (Electricity Maps style:
 * `Datetime (UTC)`, `Country`, `Zone Name`, `Zone Id`, `Carbon Intensity gCO₂eq/kWh (direct)`,
 * `Carbon Intensity gCO₂eq/kWh (LCA)`, …), mapped onto sites by a small mapping (README, "Hourly
 * carbon signal files"): which zone feeds which sites, and which intensity column becomes
 * `gridCarbon` or `marginalCarbon`. Grams per kWh become kg per kWh (÷ 1000). Errors name the file,
 * line and column (`ProfileError`); the mapping's errors name its JSON path (`CarbonMapError`).
 */
import { SuanflowError } from '../errors.js';
import type { Scenario } from '../scenario/types.js';
import { printable } from '../util/printable.js';
import { ProfileError } from './errors.js';

/** Site fields a carbon CSV can set. */
export const CARBON_CSV_FIELDS = ['gridCarbon', 'marginalCarbon'] as const;
export type CarbonCsvField = (typeof CARBON_CSV_FIELDS)[number];

/** The mapping of a carbon CSV onto a scenario's sites. */
export interface CarbonMap {
  /** Zone (the value of the zone column) → ids of the sites it feeds. @example {"CN-NW": ["zhongwei", "qingyang"]} */
  readonly zones: Readonly<Record<string, readonly string[]>>;
  /**
   * Site field → column: `"direct"`, `"lca"` (the two intensity columns, any common header variant)
   * or a header of the file as written (its unit, g or kg CO2 per kWh, read from the header).
   * @example {"gridCarbon": "direct"}
   */
  readonly fields: Partial<Record<CarbonCsvField, string>>;
  /** UTC datetime of hour 0, ISO 8601 (`2024-07-01T00:00:00Z`). @default the earliest datetime of a mapped zone's row */
  readonly start?: string;
  /** Header of the zone column. @default the first of `Zone Id`, `Zone Name`, `Country` the file has */
  readonly zoneColumn?: string;
}

/** Options of {@link applyCarbonCsv}. */
export interface CarbonCsvOptions {
  /** File name for error messages. */
  readonly file?: string;
  /** Skip rows whose zone the mapping does not name, and report them in `skipped` (else an error). @default false */
  readonly skipUnknownZones?: boolean;
}

/** Rows of one zone the mapping does not name, skipped on request. */
export interface SkippedZone {
  readonly zone: string;
  readonly rows: number;
  /** Line of its first row. */
  readonly firstLine: number;
}

/** What {@link applyCarbonCsv} returns. */
export interface CarbonCsvResult {
  /** The scenario with the mapped sites' fields replaced by one value per hour (kgCO2/kWh). */
  readonly scenario: Scenario;
  /** Zones skipped with `skipUnknownZones` (never silently: each is listed). */
  readonly skipped: readonly SkippedZone[];
  /** UTC datetime of hour 0 (ISO 8601). */
  readonly start: string;
}

/** The mapping broke a rule: names its JSON path. */
export class CarbonMapError extends SuanflowError {
  override readonly name = 'CarbonMapError';
  readonly path: string;
  constructor(path: string, rule: string, file?: string) {
    super(`${file !== undefined ? `${file}, ` : ''}carbon map ${path}: ${rule}`);
    this.path = path;
  }
}

/** Lower case, ₂ → 2, letters and digits only: `Carbon Intensity gCO₂eq/kWh (direct)` → `carbonintensitygco2eqkwhdirect`. */
const norm = (h: string) => h.toLowerCase().replace(/₂/g, '2').replace(/[^a-z0-9]/g, '');
const DATETIME = ['datetimeutc', 'datetime', 'datetimeutc0000'];
const ZONES = ['Zone Id', 'Zone Name', 'Country'];
/** Normalized headers of the two intensity columns, as the exports write them. */
const KINDS: Readonly<Record<'direct' | 'lca', readonly string[]>> = {
  direct: ['carbonintensitygco2eqkwhdirect', 'carbonintensitygco2kwhdirect', 'carbonintensitydirect', 'carbonintensitygco2eqkwh'],
  lca: ['carbonintensitygco2eqkwhlca', 'carbonintensitygco2eqkwhlifecycle', 'carbonintensitygco2kwhlca', 'carbonintensitylca', 'carbonintensitylifecycle'],
};
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*(Z|UTC|[+-]00:?00)?$/i;

/** Milliseconds since the epoch of an ISO 8601 UTC datetime on the hour, or a sentence why not. */
export function parseUtcHour(text: string): number | string {
  const m = ISO.exec(text.trim());
  if (!m) return `"${printable(text)}" is not an ISO 8601 datetime (e.g. 2024-07-01T00:00:00Z)`;
  const [, y, mo, d, h, mi, s, frac] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
  const back = new Date(ms);
  if (back.getUTCMonth() !== Number(mo) - 1 || back.getUTCDate() !== Number(d) || back.getUTCHours() !== Number(h)) return `"${printable(text)}" is not a valid date and time`;
  if (Number(mi) !== 0 || Number(s ?? 0) !== 0 || (frac !== undefined && Number(frac) !== 0)) return `"${printable(text)}" is not on the hour (hourly data: minutes and seconds 0)`;
  return ms;
}

/** Splits one CSV line (double quotes around a cell allowed, `""` inside for a quote). */
function cellsOf(line: string): string[] | undefined {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let v = '';
      i++;
      for (;;) {
        if (i >= line.length) return undefined;
        if (line[i] === '"') {
          if (line[i + 1] === '"') (v += '"'), (i += 2);
          else break;
        } else v += line[i++];
      }
      i++;
      const comma = line.indexOf(',', i);
      if ((comma < 0 ? line.slice(i) : line.slice(i, comma)).trim() !== '') return undefined;
      out.push(v.trim());
      if (comma < 0) return out;
      i = comma + 1;
    } else {
      const comma = line.indexOf(',', i);
      out.push((comma < 0 ? line.slice(i) : line.slice(i, comma)).trim());
      if (comma < 0) return out;
      i = comma + 1;
    }
  }
}

/** Checks a parsed mapping JSON against `scenario`'s sites. @throws CarbonMapError naming the path */
export function parseCarbonMap(raw: unknown, scenario: Scenario, file?: string): CarbonMap {
  const fail = (path: string, rule: string): never => {
    throw new CarbonMapError(path, rule, file);
  };
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObj(raw)) return fail('(root)', 'must be an object {zones, fields, start?, zoneColumn?}');
  for (const k of Object.keys(raw)) if (!['zones', 'fields', 'start', 'zoneColumn', '$comment'].includes(k)) fail(k, 'unknown key (keys: zones, fields, start, zoneColumn)');
  if (!isObj(raw.zones) || Object.keys(raw.zones).length === 0) fail('zones', 'must be an object of zone → [site ids] with at least one zone');
  if (!isObj(raw.fields) || Object.keys(raw.fields).length === 0) fail('fields', `must name at least one of ${CARBON_CSV_FIELDS.join(', ')} → "direct" | "lca" | a column header`);
  const siteIds = new Set(scenario.sites.map((s) => s.id));
  const fedBy = new Map<string, string>();
  const zones: Record<string, string[]> = {};
  for (const [zone, sites] of Object.entries(raw.zones as Record<string, unknown>)) {
    const p = `zones[${JSON.stringify(zone)}]`;
    if (!Array.isArray(sites) || sites.length === 0) fail(p, 'must be a non-empty array of site ids');
    (sites as unknown[]).forEach((id, k) => {
      if (typeof id !== 'string' || !siteIds.has(id)) fail(`${p}[${k}]`, `no site with id ${JSON.stringify(id)} in the scenario`);
      const other = fedBy.get(id as string);
      if (other !== undefined) fail(`${p}[${k}]`, `site "${String(id)}" is already fed by zone "${other}"`);
      fedBy.set(id as string, zone);
    });
    zones[zone] = sites as string[];
  }
  const fields: Partial<Record<CarbonCsvField, string>> = {};
  for (const [f, col] of Object.entries(raw.fields as Record<string, unknown>)) {
    if (!(CARBON_CSV_FIELDS as readonly string[]).includes(f)) fail(`fields.${f}`, `unknown field (fields: ${CARBON_CSV_FIELDS.join(', ')})`);
    if (typeof col !== 'string' || col === '') fail(`fields.${f}`, 'must be "direct", "lca" or a column header');
    fields[f as CarbonCsvField] = col as string;
  }
  if (raw.start !== undefined && (typeof raw.start !== 'string' || typeof parseUtcHour(raw.start) === 'string')) {
    fail('start', typeof raw.start === 'string' ? (parseUtcHour(raw.start) as string) : 'must be an ISO 8601 UTC datetime');
  }
  if (raw.zoneColumn !== undefined && (typeof raw.zoneColumn !== 'string' || raw.zoneColumn === '')) fail('zoneColumn', 'must be a column header');
  return { zones, fields, ...(raw.start !== undefined ? { start: raw.start as string } : {}), ...(raw.zoneColumn !== undefined ? { zoneColumn: raw.zoneColumn as string } : {}) };
}

/** kg per kWh of one unit in a header (g or kg CO2 per kWh), or undefined when it names neither. */
function unitScale(header: string): number | undefined {
  const n = norm(header);
  if (/kgco2/.test(n)) return 1;
  if (/gco2/.test(n)) return 1 / 1000;
  return undefined;
}

/**
 * Reads hourly carbon intensities from `text` and puts them into the mapped sites' fields, one
 * value per hour 0 … horizonHours − 1 (hour = (datetime − start) / 1 h). Every mapped zone needs
 * exactly one row per hour; rows for zones the map does not name are an error unless
 * `skipUnknownZones` (then listed in `skipped`).
 * @throws ProfileError naming file, line and column: bad header, bad datetime, bad number, an unknown
 * zone, a duplicate hour, an hour outside the horizon, a missing hour.
 */
export function applyCarbonCsv(scenario: Scenario, text: string, map: CarbonMap, options: CarbonCsvOptions = {}): CarbonCsvResult {
  const file = options.file;
  const err = (line: number, column: number, rule: string) => new ProfileError(line, column, rule, file);
  const H = scenario.horizonHours;
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  let headerLine = 0;
  let header: string[] | undefined;
  let dtCol = -1;
  let zoneCol = -1;
  const fieldCols: { field: CarbonCsvField; col: number; scale: number; header: string }[] = [];
  const rows: { line: number; zone: string; ms: number; values: number[] }[] = [];
  const skipped = new Map<string, { rows: number; firstLine: number }>();

  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '' || raw.trim().startsWith('#')) return;
    if (/[\u0000\uFFFD]/.test(raw)) throw err(line, 1, 'a NUL byte or bytes that are not UTF-8: carbon CSVs are UTF-8 text');
    const cells = cellsOf(raw);
    if (!cells) throw err(line, 1, 'a quoted cell is not closed, or text follows its closing quote');
    if (!header) {
      header = cells;
      headerLine = line;
      const normed = cells.map(norm);
      dtCol = normed.findIndex((h) => DATETIME.includes(h));
      if (dtCol < 0) throw err(line, 1, `no datetime column (a header like "Datetime (UTC)"); the header has ${cells.map((c) => `"${printable(c)}"`).join(', ')}`);
      const zoneNames = map.zoneColumn !== undefined ? [map.zoneColumn] : ZONES;
      for (const z of zoneNames) {
        zoneCol = normed.indexOf(norm(z));
        if (zoneCol >= 0) break;
      }
      if (zoneCol < 0) throw err(line, 1, `no zone column (${zoneNames.map((z) => `"${z}"`).join(' or ')})`);
      for (const [field, want] of Object.entries(map.fields) as [CarbonCsvField, string][]) {
        const kind = want === 'direct' || want === 'lca' ? KINDS[want] : undefined;
        const col = kind ? normed.findIndex((h) => kind.includes(h)) : cells.indexOf(want);
        if (col < 0) {
          throw err(line, 1, `no column for ${field} = "${printable(want)}"${kind ? ` (a header like "Carbon Intensity gCO₂eq/kWh (${want === 'direct' ? 'direct' : 'LCA'})")` : ''}`);
        }
        const scale = kind ? 1 / 1000 : unitScale(cells[col]!);
        if (scale === undefined) throw err(line, col + 1, `column "${printable(cells[col]!)}" for ${field}: its header names no unit (gCO2/kWh or kgCO2/kWh)`);
        fieldCols.push({ field, col, scale, header: cells[col]! });
      }
      return;
    }
    if (cells.length !== header.length) throw err(line, Math.min(cells.length, header.length) + 1, `expected ${header.length} cells like the header on line ${headerLine}, got ${cells.length}`);
    const zone = cells[zoneCol]!;
    if (!Object.hasOwn(map.zones, zone)) {
      if (!options.skipUnknownZones) {
        throw err(line, zoneCol + 1, `zone "${printable(zone)}" is not in the carbon map (zones: ${Object.keys(map.zones).join(', ')}); map it, or skip such rows explicitly (skipUnknownZones / --carbon-skip-unknown)`);
      }
      const s = skipped.get(zone);
      if (s) s.rows++;
      else skipped.set(zone, { rows: 1, firstLine: line });
      return;
    }
    const ms = parseUtcHour(cells[dtCol]!);
    if (typeof ms === 'string') throw err(line, dtCol + 1, ms);
    const values = fieldCols.map(({ col, scale, header: h }) => {
      const cell = cells[col]!;
      if (cell === '') throw err(line, col + 1, `column "${printable(h)}": empty cell (every hour needs a value)`);
      const x = Number(cell);
      if (!DECIMAL.test(cell) || !Number.isFinite(x)) throw err(line, col + 1, `column "${printable(h)}": "${printable(cell)}" is not a number`);
      if (x < 0) throw err(line, col + 1, `column "${printable(h)}": ${cell} is negative (must be ≥ 0)`);
      return x * scale + 0;
    });
    rows.push({ line, zone, ms, values });
  });
  if (!header) throw err(1, 1, 'no header row: the file is empty or only comments');

  const startMs = map.start !== undefined ? (parseUtcHour(map.start) as number) : Math.min(...rows.map((r) => r.ms));
  if (!Number.isFinite(startMs)) throw err(headerLine, 1, 'no rows for the zones of the carbon map');
  const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
  // zone → hour → [line, values]
  const byZone = new Map<string, ({ line: number; values: number[] } | undefined)[]>();
  for (const z of Object.keys(map.zones)) byZone.set(z, new Array(H));
  for (const r of rows) {
    const hour = (r.ms - startMs) / 3_600_000;
    if (hour < 0 || hour >= H) {
      throw err(r.line, dtCol + 1, `${iso(r.ms)} is hour ${hour} from the start ${iso(startMs)}, outside the horizon 0 … ${H - 1}`);
    }
    const slots = byZone.get(r.zone)!;
    const first = slots[hour];
    if (first) throw err(r.line, dtCol + 1, `zone "${printable(r.zone)}" has ${iso(r.ms)} (hour ${hour}) twice: first on line ${first.line}`);
    slots[hour] = { line: r.line, values: r.values };
  }
  const sites = scenario.sites.map((s) => ({ ...s }));
  const siteIdx = new Map(sites.map((s, i) => [s.id, i]));
  for (const [zone, ids] of Object.entries(map.zones)) {
    const slots = byZone.get(zone)!;
    for (let t = 0; t < H; t++) {
      if (!slots[t]) throw err(headerLine, dtCol + 1, `zone "${printable(zone)}" has no row for hour ${t} (${iso(startMs + t * 3_600_000)}); every mapped zone needs one row per hour of the ${H}-hour horizon`);
    }
    fieldCols.forEach(({ field }, k) => {
      const values = slots.map((s) => s!.values[k]!);
      for (const id of ids) {
        const i = siteIdx.get(id)!;
        sites[i] = { ...sites[i]!, [field]: values };
      }
    });
  }
  return {
    scenario: { ...scenario, sites },
    skipped: [...skipped].map(([zone, s]) => ({ zone, ...s })),
    start: iso(startMs),
  };
}
