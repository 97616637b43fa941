import type { Hourly } from './types.js';

/** Value of an hourly field in hour `t` (a scalar holds in every hour). */
export function valueAt(value: Hourly, t: number): number {
  if (typeof value === 'number') return value;
  const v = value[t];
  // Validation guarantees the length; reaching this is a programming error, not bad input.
  if (v === undefined) throw new RangeError(`hour ${t} is outside an hourly array of length ${value.length}`);
  return v;
}

/** Value of an optional hourly field, 0 when absent. */
export function valueAtOr0(value: Hourly | undefined, t: number): number {
  return value === undefined ? 0 : valueAt(value, t);
}
