/**
 * One number format for every text report (`solve`, `compare`, `pareto`, `simulate`): thousands
 * separators, a fixed number of decimals per unit, and never "-0" (a value that rounds to zero
 * prints without a sign). JSON output keeps full precision; these are for people.
 *
 * | unit                         | decimals | example        |
 * |------------------------------|----------|----------------|
 * | CNY (costs, objectives)      | 2        | 1,234,567.89   |
 * | CNY per unit (prices, duals) | 2        | 12.30          |
 * | tonnes CO2                   | 2        | 4,321.05       |
 * | unit-hours (load, unmet)     | 1        | 98,765.4       |
 * | MWh                          | 1        | 3,645.2        |
 * | percent (shares)             | 1        | 38.6%          |
 * | percent change (savings)     | 2        | +12.34%        |
 * | milliseconds, counts         | 0        | 1,221          |
 * | latency, ms                  | 1        | 23.9           |
 */

const formats = new Map<number, Intl.NumberFormat>();

/** `x` with `digits` decimals and thousands separators; "-0.00" becomes "0.00"; null is "—". */
export function fixed(x: number | null | undefined, digits: number): string {
  if (x === null || x === undefined) return '—';
  if (Number.isNaN(x)) return 'n/a';
  let f = formats.get(digits);
  if (f === undefined) {
    f = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    formats.set(digits, f);
  }
  const text = f.format(x);
  // A negative value that rounds to zero ("-0.00") prints unsigned.
  return text.startsWith('-') && !/[1-9]/.test(text) ? text.slice(1) : text;
}

/** CNY totals. */
export const cny = (x: number | null | undefined): string => fixed(x, 2);
/** CNY per unit: prices, shadow prices, policy prices, marginal abatement costs. */
export const cnyPer = (x: number | null | undefined): string => fixed(x, 2);
/** Tonnes CO2. */
export const tonnes = (x: number | null | undefined): string => fixed(x, 2);
/** Unit-hours of load or unmet demand. */
export const unitHours = (x: number | null | undefined): string => fixed(x, 1);
/** Megawatt-hours. */
export const mwh = (x: number | null | undefined): string => fixed(x, 1);
/** Whole numbers: counts, milliseconds. */
export const count = (x: number | null | undefined): string => fixed(x, 0);
/** Latency, ms. */
export const latency = (x: number | null | undefined): string => fixed(x, 1);
/** A share in 0 … 1 as a percentage, e.g. 0.386 → "38.6%". */
export const percent = (share: number | null | undefined): string => (share === null || share === undefined ? '—' : `${fixed(100 * share, 1)}%`);
/** A change already in percent, signed, e.g. 12.345 → "+12.35%"; a change that rounds to 0 is "0.00%". */
export function percentChange(pct: number | null | undefined): string {
  if (pct === null || pct === undefined) return '—';
  const s = fixed(pct, 2);
  return `${pct > 0 && s !== '0.00' ? '+' : ''}${s}%`;
}
/** Wall time: "845 ms" below 10 s, else "12.3 s". */
export const duration = (ms: number): string => (ms >= 10_000 ? `${fixed(ms / 1000, 1)} s` : `${count(ms)} ms`);
