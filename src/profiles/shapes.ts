/**
 * Hourly shapes the built-in scenarios are made of: solar and wind output of the clusters'
 * contracted green supply, and the daily load of demand by compute class. Hour t is Beijing time
 * t:00–t:59 (UTC+8). Every shape here is normalised to PEAK 1 (its largest hour is 1; the
 * illustrative solar half sine's hourly samples reach 0.991, see {@link SOLAR_SHAPE}): multiply by
 * a peak (MW of a plant, units of a demand's busiest hour) to get hourly values; use
 * {@link normaliseShape} for mean 1 instead.
 *
 * The shapes used by the built-in data are ILLUSTRATIVE: stated, simple forms chosen for their
 * qualitative pattern, not fitted to measured series (none for these clusters was available to
 * the authors). {@link PROFILE_SOURCES} records the basis of each. `clearSkySolarShape`
 * (./clear-sky.ts) is the exception: computed from published formulas for any place and day.
 * Users with measured hourly data load it with `applyProfiles` / `suanflow solve --profiles`.
 */
import { OptionsError } from '../errors.js';
import type { ComputeClass } from '../scenario/types.js';

/** Hours of a day. */
export const HOURS_PER_DAY = 24;

/**
 * Solar output as a share of peak at hour t of a day (t may exceed 23: it wraps): a half sine over
 * the 12 daylight hours 06:00–18:00 with the peak at midday, zero at night. Evaluated at the
 * middle of the hour. ILLUSTRATIVE (see `PROFILE_SOURCES.solar`).
 */
export function solarShape(t: number): number {
  return Math.max(0, Math.sin((Math.PI * ((t % HOURS_PER_DAY) + 0.5 - 6)) / 12));
}

/**
 * Wind output as a share of peak: stronger at night (peak 1 at 02:00, 0.30 at 14:00, mean 0.65).
 * ILLUSTRATIVE (see `PROFILE_SOURCES.wind`).
 */
export function windShape(t: number): number {
  return 0.65 + 0.35 * Math.cos((2 * Math.PI * ((t % HOURS_PER_DAY) - 2)) / 24);
}

/**
 * {@link solarShape} at hours 0 … 23, unrounded: the exact factors the built-in day uses. The curve
 * peaks at 1 at 12:00 sharp; sampled at the middle of each hour, its largest value is 0.991.
 */
export const SOLAR_SHAPE: readonly number[] = Array.from({ length: HOURS_PER_DAY }, (_, t) => solarShape(t));

/** {@link windShape} at hours 0 … 23, unrounded: the exact factors the built-in day uses. */
export const WIND_SHAPE: readonly number[] = Array.from({ length: HOURS_PER_DAY }, (_, t) => windShape(t));

/** Relative hourly load of AI serving (peak 1): night trough, daytime and evening peaks. ILLUSTRATIVE. */
export const AI_SERVING_SHAPE: readonly number[] = [
  0.55, 0.42, 0.33, 0.28, 0.26, 0.28, 0.36, 0.5, 0.68, 0.85, 0.95, 0.98,
  0.9, 0.88, 0.94, 0.97, 0.96, 0.92, 0.9, 0.94, 0.99, 1.0, 0.9, 0.72,
];

/** Relative hourly load of general online services (peak 1): flatter than AI serving. ILLUSTRATIVE. */
export const ONLINE_SHAPE: readonly number[] = [
  0.66, 0.58, 0.52, 0.49, 0.48, 0.5, 0.56, 0.66, 0.78, 0.88, 0.94, 0.96,
  0.92, 0.91, 0.94, 0.95, 0.94, 0.92, 0.92, 0.95, 0.99, 1.0, 0.93, 0.8,
];

/**
 * Relative hourly load of HPC (peak 1): flat. ILLUSTRATIVE: batch-scheduled supercomputer queues
 * are assumed to keep machines busy around the clock with no daily rhythm. (The built-in day
 * models HPC as deferrable work with a window, so this shape is for users' per-hour HPC demand.)
 */
export const HPC_SHAPE: readonly number[] = new Array<number>(HOURS_PER_DAY).fill(1);

/** Interactive demand shape by compute class (peak 1): online services, AI serving, HPC. */
export const DEMAND_SHAPES: Readonly<Record<ComputeClass, readonly number[]>> = {
  general: ONLINE_SHAPE,
  intelligent: AI_SERVING_SHAPE,
  super: HPC_SHAPE,
};

/**
 * `shape` rescaled so that its peak (`'peak'`) or its mean (`'mean'`) is 1. A shape with peak 1
 * times a peak value, or with mean 1 times a daily average, gives the hourly values.
 * @throws OptionsError when the shape has no positive value (nothing to scale).
 */
export function normaliseShape(shape: readonly number[], to: 'peak' | 'mean'): number[] {
  const ref = to === 'peak' ? Math.max(...shape) : shape.reduce((a, x) => a + x, 0) / shape.length;
  if (!(ref > 0)) throw new OptionsError('shape', `has no positive ${to} to scale by`);
  return shape.map((x) => x / ref);
}

/** Where a shape comes from. */
export interface ProfileSource {
  /**
   * `illustrative`: a stated simple form, not measured data and not fitted to any;
   * `formula`: computed from the published formulas named in `references`.
   */
  readonly kind: 'illustrative' | 'formula';
  /** How the shape is normalised: every shape in this module has peak 1. */
  readonly normalisation: 'peak';
  /** What the shape represents and why it has this form. */
  readonly basis: string;
  /** Publications the formula or a stated fact comes from (none for a purely illustrative shape). */
  readonly references?: readonly string[];
}

/**
 * Provenance of every shape in the profiles module. None of the illustrative shapes is fitted to
 * a cited measured series: public hourly generation and traffic data for these clusters were not
 * available to the authors, so each is marked illustrative and states its assumption.
 */
export const PROFILE_SOURCES: Readonly<Record<'solar' | 'wind' | 'aiServing' | 'online' | 'hpc' | 'clearSkySolar', ProfileSource>> = {
  solar: {
    kind: 'illustrative',
    normalisation: 'peak',
    basis:
      'clear-sky half sine between 06:00 and 18:00 Beijing time, peak at midday; ignores clouds and season, and the ' +
      'western clusters\' solar noon, which falls near 13:00 Beijing time (clearSkySolarShape computes it)',
  },
  wind: {
    kind: 'illustrative',
    normalisation: 'peak',
    basis:
      'cosine with its maximum at 02:00 and 30% of peak at 14:00 (mean 65%): the assumed pattern is a night maximum ' +
      'at turbine hub height over the flat inland north. Not from data: near-surface (10 m) station winds often peak ' +
      'in the afternoon instead, e.g. on the Tibetan Plateau (reference), so replace it with measured output',
    references: ['Atmosphere 2019, 10(3), 112, "Diurnal Variations in Surface Wind over the Tibetan Plateau", doi:10.3390/atmos10030112'],
  },
  aiServing: {
    kind: 'illustrative',
    normalisation: 'peak',
    basis: 'user-facing AI traffic: night trough near 26% of peak, rise from 07:00, plateau in the day and an evening peak at 21:00',
  },
  online: {
    kind: 'illustrative',
    normalisation: 'peak',
    basis: 'general online services: the same daily rhythm, flatter (night trough near 48% of peak)',
  },
  hpc: {
    kind: 'illustrative',
    normalisation: 'peak',
    basis: 'batch-scheduled HPC queues assumed busy around the clock: flat',
  },
  clearSkySolar: {
    kind: 'formula',
    normalisation: 'peak',
    basis:
      'clearSkySolarShape(lat, lon, day): clear-sky global horizontal irradiance at the middle of each Beijing hour; ' +
      'PV output taken as proportional to it (no clouds, tilt, tracking, temperature or clipping)',
    references: [
      'NOAA Global Monitoring Laboratory, "General Solar Position Calculations" (equation of time, declination, hour angle, zenith)',
      'B. Haurwitz, "Insolation in Relation to Cloudiness and Cloud Density", Journal of Meteorology 2, 154-166, 1945 (clear-sky GHI; constants 1098 and 0.059 as in pvlib.clearsky.haurwitz)',
    ],
  },
};
