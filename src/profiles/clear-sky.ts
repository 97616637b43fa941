/**
 * Clear-sky solar shape for a place and day, from published formulas rather than an assumed curve:
 * sun position by NOAA Global Monitoring Laboratory's "General Solar Position Calculations"
 * (fractional-year series for the equation of time and the declination), global horizontal irradiance by the
 * Haurwitz (1945) clear-sky model with the constants pvlib uses (`pvlib.clearsky.haurwitz`:
 * GHI = 1098 · cos z · exp(−0.059 / cos z) W/m²).
 *
 * What it leaves out, so a user knows what to replace with measured data: clouds, aerosols and
 * altitude (Haurwitz depends on the zenith angle only), panel tilt or tracking (a tilted or
 * tracking array has a broader curve than GHI), temperature and inverter clipping, and refraction.
 * PV output is taken as proportional to GHI.
 */
import { OptionsError } from '../errors.js';
import { rejectUnknownOptions } from '../options.js';

/** Beijing time is UTC+8: hours of the profiles are Beijing clock hours. */
const BEIJING_UTC_OFFSET_H = 8;
const DEG = Math.PI / 180;

/**
 * Cosine of the solar zenith angle at `lat`, `lon` (degrees, east positive) on day `dayOfYear`
 * (1 … 366) at Beijing clock time `hour` (fractional, 0 ≤ hour < 24). Negative below the horizon.
 */
export function cosSolarZenith(lat: number, lon: number, dayOfYear: number, hour: number): number {
  const utc = hour - BEIJING_UTC_OFFSET_H;
  // NOAA fractional year, radians (365-day year; the leap-day difference is far below the
  // resolution of hourly profiles).
  const g = ((2 * Math.PI) / 365) * (dayOfYear - 1 + (utc - 12) / 24);
  const eqTimeMin =
    229.18 * (0.000075 + 0.001868 * Math.cos(g) - 0.032077 * Math.sin(g) - 0.014615 * Math.cos(2 * g) - 0.040849 * Math.sin(2 * g));
  const decl =
    0.006918 - 0.399912 * Math.cos(g) + 0.070257 * Math.sin(g) - 0.006758 * Math.cos(2 * g) + 0.000907 * Math.sin(2 * g) - 0.002697 * Math.cos(3 * g) + 0.00148 * Math.sin(3 * g);
  // True solar time, minutes: clock time + equation of time + 4 min per degree east of the zone's meridian.
  const tst = hour * 60 + eqTimeMin + 4 * lon - 60 * BEIJING_UTC_OFFSET_H;
  const hourAngle = (tst / 4 - 180) * DEG;
  return Math.sin(lat * DEG) * Math.sin(decl) + Math.cos(lat * DEG) * Math.cos(decl) * Math.cos(hourAngle);
}

/** Haurwitz clear-sky global horizontal irradiance, W/m², for a zenith cosine (0 at or below the horizon). */
export function haurwitzGhi(cosZenith: number): number {
  return cosZenith > 0 ? 1098 * cosZenith * Math.exp(-0.059 / cosZenith) : 0;
}

/** Where and when a clear-sky shape is computed. */
export interface ClearSkyOptions {
  /** Latitude, degrees north. */
  readonly lat: number;
  /** Longitude, degrees east. */
  readonly lon: number;
  /** Day of the year, 1 … 366 (e.g. 172 ≈ 21 June, 80 ≈ March equinox). */
  readonly dayOfYear: number;
}

/**
 * 24 values, one per Beijing clock hour, of clear-sky GHI at the middle of the hour, normalised
 * to PEAK 1. Latitudes are limited to ±60° (China spans about 18–54° N) so that the sun is above
the horizon at some mid-hour sample on every day of the year and the peak is never zero.
 * Multiply by a plant's peak output (MW) to get `greenSupplyMW`. For the western clusters the
 * peak falls around 13:00 Beijing time, not 12:00: they lie 9–15° west of the zone's 120° E meridian.
 * @throws OptionsError for a latitude outside ±60, a non-finite longitude or a day outside 1 … 366.
 */
export function clearSkySolarShape(options: ClearSkyOptions): number[] {
  rejectUnknownOptions('clearSkySolarShape', options, ['lat', 'lon', 'dayOfYear']);
  const { lat, lon, dayOfYear } = options;
  if (!(Math.abs(lat) <= 60)) throw new OptionsError('lat', `must be within ±60 degrees, got ${lat}`);
  if (!Number.isFinite(lon)) throw new OptionsError('lon', `must be a finite number of degrees, got ${lon}`);
  if (!(dayOfYear >= 1 && dayOfYear <= 366)) throw new OptionsError('dayOfYear', `must be in 1 … 366, got ${dayOfYear}`);
  const ghi = Array.from({ length: 24 }, (_, t) => haurwitzGhi(cosSolarZenith(lat, lon, dayOfYear, t + 0.5)));
  const peak = Math.max(...ghi);
  return ghi.map((x) => x / peak);
}
