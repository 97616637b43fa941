/**
 * Hourly shapes the built-in scenarios are made of: solar and wind output of the western
 * clusters' contracted green supply, and the daily load of interactive demand. Hour t is Beijing
 * time t:00–t:59 (UTC+8). Every shape is ILLUSTRATIVE: a stated, simple form chosen for its
 * qualitative pattern, not fitted to measured data (see {@link PROFILE_SOURCES}). Users with
 * measured hourly data load it with `applyProfiles` / `suanflow solve --profiles file.csv`.
 */

/** Hours of a day. */
export const HOURS_PER_DAY = 24;

/**
 * Solar output as a share of peak at hour t of a day (t may exceed 23: it wraps): a half sine over
 * the 12 daylight hours 06:00–18:00 with the peak at midday, zero at night. Evaluated at the
 * middle of the hour.
 */
export function solarShape(t: number): number {
  return Math.max(0, Math.sin((Math.PI * ((t % HOURS_PER_DAY) + 0.5 - 6)) / 12));
}

/** Wind output as a share of peak: stronger at night (peak 02:00, 30% at 14:00), mean 65%. */
export function windShape(t: number): number {
  return 0.65 + 0.35 * Math.cos((2 * Math.PI * ((t % HOURS_PER_DAY) - 2)) / 24);
}

/** Relative hourly load of AI serving (peak 1): night trough, daytime and evening peaks. */
export const AI_SERVING_SHAPE: readonly number[] = [
  0.55, 0.42, 0.33, 0.28, 0.26, 0.28, 0.36, 0.5, 0.68, 0.85, 0.95, 0.98,
  0.9, 0.88, 0.94, 0.97, 0.96, 0.92, 0.9, 0.94, 0.99, 1.0, 0.9, 0.72,
];

/** Relative hourly load of general online services (peak 1): flatter than AI serving. */
export const ONLINE_SHAPE: readonly number[] = [
  0.66, 0.58, 0.52, 0.49, 0.48, 0.5, 0.56, 0.66, 0.78, 0.88, 0.94, 0.96,
  0.92, 0.91, 0.94, 0.95, 0.94, 0.92, 0.92, 0.95, 0.99, 1.0, 0.93, 0.8,
];

/** Where a shape comes from. */
export interface ProfileSource {
  /** `illustrative`: a stated simple form, not measured data. */
  readonly kind: 'illustrative';
  /** What the shape represents and why it has this form. */
  readonly basis: string;
}

/**
 * Provenance of every shape above. None is fitted to a cited measured series: public hourly
 * generation and traffic data for these clusters were not available to the authors, so each is
 * marked illustrative and states its assumption.
 */
export const PROFILE_SOURCES: Readonly<Record<'solar' | 'wind' | 'aiServing' | 'online', ProfileSource>> = {
  solar: {
    kind: 'illustrative',
    basis: 'clear-sky half sine between 06:00 and 18:00 Beijing time, peak at midday; ignores clouds, season and the 1–2 h lag of solar noon in the far west',
  },
  wind: {
    kind: 'illustrative',
    basis: 'cosine with a night maximum at 02:00 and 30% of peak at 14:00: the nocturnal maximum of near-surface wind in the inland north is the assumed pattern',
  },
  aiServing: {
    kind: 'illustrative',
    basis: 'user-facing AI traffic: night trough near 26% of peak, rise from 07:00, plateau in the day and an evening peak at 21:00',
  },
  online: {
    kind: 'illustrative',
    basis: 'general online services: the same daily rhythm, flatter (night trough near 48% of peak)',
  },
};
