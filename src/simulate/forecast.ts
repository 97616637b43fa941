/**
 * Seeded forecast errors. A forecast of a value for hour `target`, issued at hour `issued`, is
 * actual × max(0, 1 + σ·z), z a standard normal draw truncated to ±3 (Box–Muller on mulberry32).
 * Each draw is seeded by a hash of (seed, stream, index, target, issued): forecasts are
 * reproducible, independent of the order they are asked for, and a fresh draw at each issue hour
 * (a forecast is revised as the hour comes nearer; its error does not shrink with lead time here).
 */
import { mulberry32 } from '../util/prng.js';

/** What a forecast is of: each has its own stream of draws. */
export const Stream = {
  /** Interactive demand amount (index: demand). */
  Interactive: 1,
  /** Total work of a deferrable demand not yet released (index: demand; target: its release hour). */
  Deferrable: 2,
  /** Green supply (index: site). */
  Green: 3,
} as const;
/** One of the {@link Stream} values. */
export type Stream = (typeof Stream)[keyof typeof Stream];

/** One 32-bit mixing round (murmur3's finalizer over a running hash). */
function mix(h: number, v: number): number {
  h = Math.imul(h ^ (v >>> 0), 0x9e3779b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A standard normal draw truncated to ±3, determined by the key. */
function normal(seed: number, stream: Stream, index: number, target: number, issued: number): number {
  const rand = mulberry32(mix(mix(mix(mix(seed, stream), index), target), issued));
  const u1 = rand();
  const u2 = rand();
  // 1 − u1 is in (0, 1], so the log is finite.
  const z = Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  return Math.max(-3, Math.min(3, z));
}

/**
 * Multiplier of a forecast: 1 exactly when `std` is 0 (so exact forecasts reproduce the actual
 * values bit for bit), else max(0, 1 + std · z).
 */
export function forecastFactor(seed: number, std: number, stream: Stream, index: number, target: number, issued: number): number {
  if (std === 0) return 1;
  return Math.max(0, 1 + std * normal(seed, stream, index, target, issued));
}
