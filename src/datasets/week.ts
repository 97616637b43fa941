/**
 * Built-in scenario over several days (default one week, 168 hours), made from the one-day
 * "East Data, West Computing" scenario (./east-data-west-computing.ts, whose sources and
 * ILLUSTRATIVE markings carry over unchanged).
 *
 * What changes from day to day, all ILLUSTRATIVE:
 * - Weather: each green-supplied site's daily green profile is scaled by a per-site, per-day factor
 *   in [0.55, 1.25] drawn from mulberry32(seed) (sites in scenario order, then days), so some days
 *   are windy and sunny and others overcast and calm. Sites keep their daily solar/wind shape.
 * - Weekday vs weekend: day 0 is a Monday; on Saturday and Sunday demand is scaled by
 *   `WEEKEND_FACTOR` (consumer AI serving and online services dip a little, business batch
 *   analytics and HPC more, AI training runs on regardless).
 * Prices, grid factors and capacity repeat the one-day values every day.
 *
 * Deferrable work stays daily: each windowed demand of the one-day scenario becomes one demand per
 * day, id suffixed `-d<day>` (day 0 first), with its window shifted by 24·day, so work can still
 * move within its day but not across days.
 */
import { OptionsError } from '../errors.js';
import { optionNames, rejectUnknownOptions } from '../options.js';
import { mulberry32 } from '../util/prng.js';
import type { ComputeClass, Demand, Hourly, Scenario, Site } from '../scenario/types.js';
import { buildEastDataWestComputing } from './east-data-west-computing.js';

/** Options of {@link eastDataWestComputingWeek}. */
export interface WeekScenarioOptions {
  /**
   * Number of days (1 … 365); the horizon is 24 · days hours.
   * @default 7
   */
  readonly days?: number;
  /**
   * Seed of the day-to-day weather (green supply) draws; the same seed gives the same scenario.
   * @default 1
   */
  readonly seed?: number;
}

/** Defaults of {@link WeekScenarioOptions}. */
export const defaultWeekScenarioOptions: Required<WeekScenarioOptions> = { days: 7, seed: 1 };

const DAY = 24;
/** Range of the daily weather factor on green supply (ILLUSTRATIVE): mean 0.9 of the base day. */
const WEATHER_MIN = 0.55;
const WEATHER_MAX = 1.25;

/**
 * Weekend demand relative to a weekday, by kind of work (ILLUSTRATIVE): interactive work by class
 * (general = online services, intelligent = AI serving), deferrable work by class (general = batch
 * analytics, intelligent = AI training, super = HPC).
 */
const WEEKEND_FACTOR: Readonly<Record<'interactive' | 'deferrable', Readonly<Record<ComputeClass, number>>>> = {
  interactive: { general: 0.88, intelligent: 0.92, super: 1 },
  deferrable: { general: 0.7, intelligent: 1, super: 0.8 },
};

/** Day 0 is a Monday, so days 5 and 6 (mod 7) are Saturday and Sunday. */
const isWeekend = (day: number): boolean => day % 7 >= 5;
const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** Rounds like the one-day data does (never −0, which JSON would turn into 0). */
const round = (x: number, digits = 0): number => Math.round(x * 10 ** digits) / 10 ** digits + 0;

/** An hourly field of the one-day scenario over `days` days, hour `t` of day `d` scaled by `f(d)`. */
function repeat(value: Hourly, days: number, f: (day: number) => number = () => 1, digits?: number): Hourly {
  const base = typeof value === 'number' ? Array.from({ length: DAY }, () => value) : value;
  if (base.length !== DAY) throw new RangeError(`the one-day scenario has an hourly array of length ${base.length}, not ${DAY}`);
  const out: number[] = [];
  for (let d = 0; d < days; d++) {
    const k = f(d);
    for (const v of base) out.push(digits === undefined ? v * k : round(v * k, digits));
  }
  return out;
}

/** A field that does not vary by day: a scalar stays a scalar, an array repeats. */
const same = (value: Hourly, days: number): Hourly => (typeof value === 'number' ? value : repeat(value, days));

function checkOptions(options: WeekScenarioOptions): Required<WeekScenarioOptions> {
  rejectUnknownOptions('eastDataWestComputingWeek', options, optionNames<WeekScenarioOptions>()('days', 'seed'));
  const o = { ...defaultWeekScenarioOptions, ...options };
  if (!(Number.isInteger(o.days) && o.days >= 1 && o.days <= 365)) {
    throw new OptionsError('days', `must be an integer in 1 … 365, got ${String(o.days)}`);
  }
  if (!(Number.isInteger(o.seed) && o.seed >= 0 && o.seed <= 0xffffffff)) {
    throw new OptionsError('seed', `must be an integer in 0 … 4294967295, got ${String(o.seed)}`);
  }
  return o;
}

function weekSite(site: Site, days: number, weather: readonly number[] | undefined): Site {
  const capacity = Object.fromEntries(Object.entries(site.capacity).map(([c, v]) => [c, same(v as Hourly, days)]));
  return {
    ...site,
    capacity,
    electricityPrice: same(site.electricityPrice, days),
    gridCarbon: same(site.gridCarbon, days),
    // Green supply always becomes an array: the weather differs from day to day.
    ...(site.greenSupplyMW !== undefined ? { greenSupplyMW: repeat(site.greenSupplyMW, days, (d) => weather?.[d] ?? 1, 1) } : {}),
  };
}

function weekDemands(d: Demand, days: number): Demand[] {
  const kind = d.window ? 'deferrable' : 'interactive';
  const factor = (day: number): number => (isWeekend(day) ? WEEKEND_FACTOR[kind][d.class] : 1);
  if (!d.window) return [{ ...d, amount: repeat(d.amount, days, factor, 0) }];
  const w = d.window;
  return Array.from({ length: days }, (_, day): Demand => ({
    ...d,
    id: `${d.id}-d${day}`,
    amount: round((d.amount as number) * factor(day)),
    window: { ...w, release: w.release + DAY * day, deadline: w.deadline + DAY * day },
    ...(d.description !== undefined ? { description: `${d.description} (day ${day}, ${WEEKDAY_NAMES[day % 7]})` } : {}),
  }));
}

/**
 * The "East Data, West Computing" scenario over `days` days (default 7: 168 hours), with seeded
 * day-to-day weather on green supply, lower weekend demand, and each day's deferrable work in its
 * own daily window (see the module comment for every ILLUSTRATIVE choice). Pure: the same options
 * give the same plain JSON data. Throws `OptionsError` for days outside 1 … 365 or a seed that is
 * not an integer in 0 … 2³² − 1.
 *
 * @example
 * const week = eastDataWestComputingWeek();            // 168 hours, seed 1
 * const fortnight = eastDataWestComputingWeek({ days: 14, seed: 7 });
 */
export function eastDataWestComputingWeek(options: WeekScenarioOptions = {}): Scenario {
  const { days, seed } = checkOptions(options);
  const day = buildEastDataWestComputing();
  const rand = mulberry32(seed);
  // Draw for every site in order (also those without green) so one site's data does not shift
  // another's weather.
  const weather = day.sites.map(() => Array.from({ length: days }, () => WEATHER_MIN + (WEATHER_MAX - WEATHER_MIN) * rand()));
  return {
    ...day,
    name: days === 7 ? 'east-data-west-computing-week' : `east-data-west-computing-${days}-days`,
    description:
      `${day.description ?? ''} Repeated over ${days} day${days === 1 ? '' : 's'} (day 0 a Monday) with seeded ` +
      `(seed ${seed}) illustrative day-to-day weather on green supply, lower weekend demand, and daily windows for deferrable work.`,
    horizonHours: DAY * days,
    sites: day.sites.map((s, i) => weekSite(s, days, weather[i])),
    demands: day.demands.flatMap((d) => weekDemands(d, days)),
  };
}
