/**
 * Built-in scenario: the "East Data, West Computing" (东数西算) system, one day, hourly.
 *
 * Sources (see /work/shared/DESIGN.md §2):
 * - NDRC et al., 2021: 全国一体化大数据中心协同创新体系算力枢纽实施方案 (implementation plan of the
 *   national hub nodes) and the 2022 approvals that launched "East Data, West Computing": the 8 hub
 *   nodes and 10 clusters, PUE ≤ 1.25 (east, Chengdu-Chongqing) and ≤ 1.2 (west), ~20 ms between
 *   hubs, 5 ms from a cluster to nearby cities.
 * - Ministry of Ecology and Environment (MEE), 2022 grid CO2 emission factors, released Dec 2024:
 *   regional and provincial factors, kgCO2/kWh.
 * - Scale figures quoted in DESIGN §2: > 1.46 M standard racks in the 10 clusters (March 2024);
 *   Inner Mongolia cluster 126,000 PFLOPS of which 116,000 AI; Zhongwei target 260,000 racks and
 *   > 210,000 PFLOPS; Qingyang target 100k racks and 100k PFLOPS; western electricity about
 *   0.36–0.38 CNY/kWh (Zhongwei, Hohhot).
 * - Carbon price: China's national ETS traded at roughly 90–100 CNY/t in 2024 (90 used here).
 *
 * Everything else is ILLUSTRATIVE: the split of racks and PFLOPS across clusters, PUE values under
 * the policy limits, eastern and central electricity prices and their time-of-use shape, kW per
 * unit, unit costs, green supply, the demand (weights, daily shapes, totals), transfer price and
 * unmet penalties. The user's own data always wins.
 *
 * Units: general = 1 standard rack-hour (the Chinese standard rack is defined at 2.5 kW);
 * intelligent = 1 PFLOPS-hour FP16; super = 1 PFLOPS-hour FP64. Hour t is local Beijing time
 * t:00–t:59 (UTC+8), hours 0 … 23.
 */
import { geoLatencyMs, LATENCY_EPS_MS } from '../geo/haversine.js';
import { AI_SERVING_SHAPE, ONLINE_SHAPE, solarShape, windShape } from '../profiles/shapes.js';
import { originHub } from '../scenario/backbone.js';
import type { ComputeClass, Demand, Origin, Region, Scenario, Site } from '../scenario/types.js';

const HOURS = 24;
const hours = (f: (t: number) => number): number[] => Array.from({ length: HOURS }, (_, t) => f(t));
/** Rounds to `digits` decimals, never returning −0 (JSON would turn it into 0). */
const round = (x: number, digits = 0): number => Math.round(x * 10 ** digits) / 10 ** digits + 0;

// ---------------------------------------------------------------------------------------------
// Clusters (DESIGN §2: names, hubs, approximate lon/lat of the nearby city).
// ---------------------------------------------------------------------------------------------

/**
 * Province of each cluster: where its city is (the YRD demo zone spans Qingpu in Shanghai, Wujiang
 * in Jiangsu and Jiashan in Zhejiang; it is listed under Shanghai, the zone's lead).
 */
type ClusterRow = readonly [id: string, name: string, hub: string, region: Region, lon: number, lat: number, province: string];
const CLUSTERS = [
  ['zhangjiakou', 'Zhangjiakou cluster', 'Beijing-Tianjin-Hebei', 'east', 114.86, 40.82, 'Hebei'],
  ['wuhu', 'Wuhu cluster', 'Yangtze River Delta', 'east', 118.37, 31.37, 'Anhui'],
  ['yrd-demo-zone', 'YRD eco-green integration demo zone cluster (Qingpu/Wujiang/Jiashan)', 'Yangtze River Delta', 'east', 120.7, 31.0, 'Shanghai'],
  ['shaoguan', 'Shaoguan cluster', 'Guangdong-Hong Kong-Macao Greater Bay Area', 'east', 113.59, 24.77, 'Guangdong'],
  ['tianfu', 'Tianfu cluster', 'Chengdu-Chongqing', 'central', 104.0, 30.7, 'Sichuan'],
  ['chongqing', 'Chongqing cluster', 'Chengdu-Chongqing', 'central', 106.5, 29.6, 'Chongqing'],
  ['helingeer', 'Helingeer cluster', 'Inner Mongolia', 'west', 111.66, 40.8, 'Inner Mongolia'],
  ['guian', "Gui'an cluster", 'Guizhou', 'west', 106.6, 26.4, 'Guizhou'],
  ['qingyang', 'Qingyang cluster', 'Gansu', 'west', 107.65, 35.65, 'Gansu'],
  ['zhongwei', 'Zhongwei cluster', 'Ningxia', 'west', 105.13, 37.32, 'Ningxia'],
] as const satisfies readonly ClusterRow[];
type SiteId = (typeof CLUSTERS)[number][0];

/** Time-of-use tariff [valley, flat, peak], CNY/kWh (ILLUSTRATIVE); see `TOU_PERIOD`. */
type Tou = readonly [valley: number, flat: number, peak: number];
/**
 * Period of each hour (0 valley, 1 flat, 2 peak), a common provincial pattern (ILLUSTRATIVE):
 * valley 00–08, peak 10–12 and 17–22, flat otherwise; 8 valley, 9 flat, 7 peak hours.
 */
const TOU_PERIOD = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 2, 2, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 1, 1] as const;

/**
 * Energy: [PUE, grid factor kgCO2/kWh, electricity CNY/kWh (flat number or TOU)].
 * PUE: ILLUSTRATIVE values at or under the policy limits (1.25 east and Chengdu-Chongqing, 1.2 west).
 * Grid factors, MEE 2022: provincial factor for Hebei, Anhui, Inner Mongolia and Sichuan; the others
 * are REGIONAL FALLBACKS (province not listed): YRD demo zone → East grid 0.5617; Shaoguan and
 * Gui'an → China Southern grid 0.3869 (Guizhou is on the Southern grid); Chongqing → Southwest 0.2268;
 * Qingyang and Zhongwei → Northwest 0.5857.
 * Prices: Zhongwei 0.37 and Helingeer 0.36 from DESIGN §2 (western 0.36–0.38); all others ILLUSTRATIVE
 * (east ≈ 0.57–0.67 mean with a day/night TOU shape, central in between, Qingyang/Gui'an flat).
 */
const ENERGY: Record<SiteId, readonly [pue: number, gridCarbon: number, price: number | Tou]> = {
  zhangjiakou: [1.22, 0.7252, [0.36, 0.58, 0.8]],
  wuhu: [1.25, 0.6782, [0.38, 0.64, 0.9]],
  'yrd-demo-zone': [1.25, 0.5617, [0.4, 0.68, 0.95]],
  shaoguan: [1.25, 0.3869, [0.38, 0.65, 0.92]],
  tianfu: [1.23, 0.1404, [0.32, 0.52, 0.7]],
  chongqing: [1.25, 0.2268, [0.33, 0.54, 0.72]],
  helingeer: [1.15, 0.6849, 0.36],
  guian: [1.2, 0.3869, 0.4],
  qingyang: [1.18, 0.5857, 0.38],
  zhongwei: [1.15, 0.5857, 0.37],
};

/**
 * Marginal carbon factors, kgCO2/kWh: ILLUSTRATIVE, not from a source available offline. Basis: the
 * generator that answers extra load on China's regional grids is mostly coal-fired, so the marginal
 * factor is set near a coal unit's emissions and above each grid's average factor (the order of the
 * operating-margin factors China publishes for its regional grids for CDM/CCER baselines, which are
 * coal-dominated; no published figure is copied here). Per regional grid: North (Zhangjiakou,
 * Helingeer) 0.95, Northwest (Qingyang, Zhongwei) 0.9, East (Wuhu, YRD demo zone) 0.85, Southern
 * (Shaoguan, Gui'an) 0.82, Southwest (Tianfu, Chongqing) 0.72: hydro-rich grids have low average
 * factors but still dispatch thermal plants at the margin, which is what the marginal signal shows.
 * Constant over the day (a real marginal signal varies by hour: give an hourly array, or load one
 * with `--carbon-csv`).
 */
const MARGINAL: Record<SiteId, number> = {
  zhangjiakou: 0.95,
  helingeer: 0.95,
  qingyang: 0.9,
  zhongwei: 0.9,
  wuhu: 0.85,
  'yrd-demo-zone': 0.85,
  shaoguan: 0.82,
  guian: 0.82,
  tianfu: 0.72,
  chongqing: 0.72,
};

const RACKS_2024 = '> 1.46 M standard racks in the 10 clusters, March 2024 (DESIGN §2)';
/**
 * Capacity, per hour, constant over the day: [general racks, intelligent PFLOPS FP16, source].
 * Racks: the 1.47 M total follows the March 2024 figure; its split across clusters is ILLUSTRATIVE.
 * Intelligent: Helingeer's 116,000 PFLOPS is cited; the rest is ILLUSTRATIVE, with Zhongwei and
 * Qingyang under half their targets.
 */
const CAPACITY: Record<SiteId, readonly [general: number, intelligent: number, source: string]> = {
  zhangjiakou: [120_000, 15_000, `racks: share of ${RACKS_2024}; PFLOPS ILLUSTRATIVE`],
  wuhu: [150_000, 40_000, `racks: share of ${RACKS_2024}; PFLOPS ILLUSTRATIVE`],
  'yrd-demo-zone': [200_000, 50_000, `racks: share of ${RACKS_2024}; PFLOPS and FP64 ILLUSTRATIVE`],
  shaoguan: [130_000, 35_000, `racks: share of ${RACKS_2024}; PFLOPS and FP64 ILLUSTRATIVE`],
  tianfu: [50_000, 30_000, `racks: share of ${RACKS_2024}; PFLOPS and FP64 ILLUSTRATIVE`],
  chongqing: [60_000, 20_000, `racks: share of ${RACKS_2024}; PFLOPS ILLUSTRATIVE`],
  helingeer: [250_000, 116_000, `racks: share of ${RACKS_2024}; 116,000 AI PFLOPS of the Inner Mongolia cluster's 126,000 (DESIGN §2)`],
  guian: [170_000, 45_000, `racks: share of ${RACKS_2024}; PFLOPS ILLUSTRATIVE`],
  qingyang: [100_000, 45_000, `racks: share of ${RACKS_2024}; PFLOPS ILLUSTRATIVE, under half of the 100k PFLOPS target (DESIGN §2)`],
  zhongwei: [240_000, 80_000, `racks: share of ${RACKS_2024}, near the 260,000 target; PFLOPS ILLUSTRATIVE, under half of the > 210,000 target (DESIGN §2); FP64 ILLUSTRATIVE`],
};

/**
 * Super computing (HPC), ILLUSTRATIVE: [PFLOPS FP64, non-energy CNY per PFLOPS-hour], at the clusters
 * next to national supercomputing centres (Kunshan/Wuxi for the YRD, Guangzhou/Shenzhen for the
 * GBA, Chengdu) plus one western site, so that HPC has a western option. Other clusters have none.
 */
const SUPER: Partial<Record<SiteId, readonly [pflopsFP64: number, unitCost: number]>> = {
  'yrd-demo-zone': [300, 160],
  shaoguan: [200, 155],
  tianfu: [300, 145],
  zhongwei: [150, 135],
};

/**
 * IT power per unit, kW: 2.5 per standard rack (its definition); 1.2 per PFLOPS FP16 (accelerator
 * plus server overhead, ILLUSTRATIVE); 20 per PFLOPS FP64 (Top500-class efficiency, ILLUSTRATIVE).
 */
const POWER_KW = { general: 2.5, intelligent: 1.2, super: 20 } as const;

/**
 * Non-energy cost per unit-hour, CNY (depreciation, rent, staff): [general, intelligent],
 * ILLUSTRATIVE. East dearer than west (land, labour, building); for intelligent computing the
 * accelerators' depreciation, the same everywhere, dominates, so the spread is narrow.
 */
const UNIT_COST: Record<SiteId, readonly [general: number, intelligent: number]> = {
  zhangjiakou: [12.5, 7.0],
  wuhu: [13.5, 7.3],
  'yrd-demo-zone': [14.5, 7.6],
  shaoguan: [13.5, 7.3],
  tianfu: [12.5, 7.0],
  chongqing: [12.5, 7.0],
  helingeer: [11.0, 6.6],
  guian: [11.5, 6.7],
  qingyang: [11.0, 6.6],
  zhongwei: [11.0, 6.6],
};

/**
 * Contracted green supply: [solar peak MW, wind peak MW], ILLUSTRATIVE, for the western clusters and
 * Zhangjiakou (wind and solar base of Hebei's north). Sized so green covers roughly half to
 * three quarters of each site's energy at about 70% load: substantial, not total.
 */
const GREEN: Partial<Record<SiteId, readonly [solarPeakMW: number, windPeakMW: number]>> = {
  zhangjiakou: [150, 160],
  helingeer: [400, 470],
  guian: [200, 180],
  qingyang: [220, 125],
  zhongwei: [500, 320],
};
// Solar and wind shapes: src/profiles/shapes.ts (ILLUSTRATIVE, with their stated basis).

function site([id, name, hub, region, lon, lat, province]: (typeof CLUSTERS)[number]): Site {
  const [pue, gridCarbon, price] = ENERGY[id];
  const [general, intelligent, capacitySource] = CAPACITY[id];
  const [costGeneral, costIntelligent] = UNIT_COST[id];
  const hpc = SUPER[id];
  const green = GREEN[id];
  return {
    id,
    name,
    hub,
    region,
    lon,
    lat,
    pue,
    capacity: { general, intelligent, ...(hpc ? { super: hpc[0] } : {}) },
    powerKW: { general: POWER_KW.general, intelligent: POWER_KW.intelligent, ...(hpc ? { super: POWER_KW.super } : {}) },
    electricityPrice: typeof price === 'number' ? price : TOU_PERIOD.map((p) => price[p]),
    gridCarbon,
    marginalCarbon: MARGINAL[id],
    ...(green ? { greenSupplyMW: hours((t) => round(green[0] * solarShape(t) + green[1] * windShape(t), 1)) } : {}),
    unitCost: { general: costGeneral, intelligent: costIntelligent, ...(hpc ? { super: hpc[1] } : {}) },
    capacitySource,
    province,
  };
}

// ---------------------------------------------------------------------------------------------
// Origins: the 31 provincial-level capitals of mainland China.
// Region rule: the National Bureau of Statistics' four-way split, with its eastern region (the 10
// coastal provinces and municipalities incl. Beijing, Tianjin, Hebei) → east, its central region and
// the North-East (Liaoning, Jilin, Heilongjiang) → central, its western region → west, except that
// Sichuan and Chongqing count as central, as their Chengdu-Chongqing hub does (DESIGN §2).
// Weight: approximate 2023 GDP, trillion CNY, times a digital-intensity factor for the internet
// centres (Beijing, Shanghai, Hangzhou, Guangzhou/Shenzhen): an ILLUSTRATIVE demand weight.
// ---------------------------------------------------------------------------------------------

type OriginRow = readonly [id: string, name: string, province: string, lon: number, lat: number, region: Region, gdp: number, digital: number];
const ORIGINS: readonly OriginRow[] = [
  ['beijing', 'Beijing', 'Beijing', 116.4, 39.9, 'east', 4.38, 2],
  ['tianjin', 'Tianjin', 'Tianjin', 117.2, 39.13, 'east', 1.67, 1],
  ['shijiazhuang', 'Shijiazhuang', 'Hebei', 114.51, 38.04, 'east', 4.39, 1],
  ['taiyuan', 'Taiyuan', 'Shanxi', 112.55, 37.87, 'central', 2.57, 1],
  ['hohhot', 'Hohhot', 'Inner Mongolia', 111.75, 40.84, 'west', 2.46, 1],
  ['shenyang', 'Shenyang', 'Liaoning', 123.43, 41.8, 'central', 3.02, 1],
  ['changchun', 'Changchun', 'Jilin', 125.32, 43.82, 'central', 1.35, 1],
  ['harbin', 'Harbin', 'Heilongjiang', 126.53, 45.8, 'central', 1.59, 1],
  ['shanghai', 'Shanghai', 'Shanghai', 121.47, 31.23, 'east', 4.72, 1.5],
  ['nanjing', 'Nanjing', 'Jiangsu', 118.8, 32.06, 'east', 12.82, 1],
  ['hangzhou', 'Hangzhou', 'Zhejiang', 120.16, 30.27, 'east', 8.26, 1.2],
  ['hefei', 'Hefei', 'Anhui', 117.23, 31.82, 'central', 4.71, 1],
  ['fuzhou', 'Fuzhou', 'Fujian', 119.3, 26.08, 'east', 5.44, 1],
  ['nanchang', 'Nanchang', 'Jiangxi', 115.86, 28.68, 'central', 3.22, 1],
  ['jinan', 'Jinan', 'Shandong', 117.0, 36.65, 'east', 9.21, 1],
  ['zhengzhou', 'Zhengzhou', 'Henan', 113.62, 34.75, 'central', 5.91, 1],
  ['wuhan', 'Wuhan', 'Hubei', 114.31, 30.59, 'central', 5.58, 1],
  ['changsha', 'Changsha', 'Hunan', 112.94, 28.23, 'central', 5.0, 1],
  ['guangzhou', 'Guangzhou', 'Guangdong', 113.26, 23.13, 'east', 13.57, 1.2],
  ['nanning', 'Nanning', 'Guangxi', 108.37, 22.82, 'west', 2.72, 1],
  ['haikou', 'Haikou', 'Hainan', 110.2, 20.04, 'east', 0.76, 1],
  ['chongqing', 'Chongqing', 'Chongqing', 106.55, 29.56, 'central', 3.01, 1],
  ['chengdu', 'Chengdu', 'Sichuan', 104.07, 30.57, 'central', 6.01, 1],
  ['guiyang', 'Guiyang', 'Guizhou', 106.63, 26.65, 'west', 2.09, 1],
  ['kunming', 'Kunming', 'Yunnan', 102.83, 24.88, 'west', 3.0, 1],
  ['lhasa', 'Lhasa', 'Tibet', 91.11, 29.65, 'west', 0.24, 1],
  ['xian', "Xi'an", 'Shaanxi', 108.94, 34.34, 'west', 3.38, 1],
  ['lanzhou', 'Lanzhou', 'Gansu', 103.83, 36.06, 'west', 1.19, 1],
  ['xining', 'Xining', 'Qinghai', 101.78, 36.62, 'west', 0.38, 1],
  ['yinchuan', 'Yinchuan', 'Ningxia', 106.23, 38.49, 'west', 0.53, 1],
  ['urumqi', 'Urumqi', 'Xinjiang', 87.62, 43.83, 'west', 1.91, 1],
];

/**
 * Each origin's backbone hub (`origins[].hub`): the hub of its nearest cluster by great-circle
 * distance, the rule `originHub` applies when a scenario leaves it out; written out here so the data
 * states it (e.g. Harbin → Beijing-Tianjin-Hebei, Urumqi → Ningxia, Kunming → Guizhou).
 */
const origin = ([id, name, province, lon, lat, region]: OriginRow, sites: readonly Site[]): Origin => ({ id, name, province, lon, lat, region, hub: originHub({ sites }, { id, name, province, lon, lat }).hub });

// ---------------------------------------------------------------------------------------------
// Demand (ILLUSTRATIVE): totals for the whole country, split by origin weight.
// ---------------------------------------------------------------------------------------------

// Daily load shapes of interactive demand: src/profiles/shapes.ts (ILLUSTRATIVE).

/** National totals (ILLUSTRATIVE), chosen for a 60–80% system-wide peak utilization per class. */
const TOTAL = {
  /** AI serving at the national peak hour, PFLOPS FP16. */
  aiServingPeak: 260_000,
  /** General online services at the national peak hour, standard racks. */
  onlinePeak: 800_000,
  /** AI training over the day, PFLOPS-hours FP16 (≈ 17% of the day's intelligent capacity). */
  training: 2_000_000,
  /** Batch analytics over the day, rack-hours (≈ 11% of the day's general capacity). */
  batch: 4_000_000,
  /** HPC over the day, PFLOPS-hours FP64 (≈ 60% of the day's super capacity). */
  hpc: 13_500,
} as const;

/** Origins that submit HPC work, with their share of `TOTAL.hpc` (ILLUSTRATIVE). */
const HPC_SHARE: Readonly<Record<string, number>> = { beijing: 0.25, shanghai: 0.2, guangzhou: 0.15, nanjing: 0.15, chengdu: 0.15, xian: 0.1 };
/** Training needs a sizable AI industry: origins below this GDP (trillion CNY) submit none (ILLUSTRATIVE). */
const TRAINING_MIN_GDP = 1.3;

/** Latency tiers, ms, for interactive demand; deferrable work takes `DEFERRABLE_MS`. */
const TIERS = [5, 10, 20, 30, 40] as const;
const DEFERRABLE_MS = 100;
/** Data moved per unit, GB (ILLUSTRATIVE): training data and checkpoints; analytics input. */
const TRAINING_GB_PER_PFLOPS_HOUR = 0.5;
const BATCH_GB_PER_RACK_HOUR = 20;

/** Latencies (ms) from `o` to every site offering class `c`, ascending. */
function latenciesTo(o: OriginRow, sites: readonly Site[], c: ComputeClass): number[] {
  return sites
    .filter((s) => s.capacity[c] !== undefined)
    .map((s) => geoLatencyMs(o[3], o[4], s.lon, s.lat))
    .sort((a, b) => a - b);
}

/** Smallest tier that reaches at least `minSites` sites, else the smallest that reaches one. */
function tier(latencies: readonly number[], minSites: number, what: string): number {
  const reach = (ms: number) => latencies.filter((l) => l <= ms + LATENCY_EPS_MS).length;
  const t = TIERS.find((ms) => reach(ms) >= minSites) ?? TIERS.find((ms) => reach(ms) >= 1);
  if (t === undefined) throw new Error(`built-in scenario: ${what} is beyond the largest latency tier`);
  return t;
}

function demandsOf(o: OriginRow, sites: readonly Site[], weightSum: number): Demand[] {
  const [id, name, , , , , gdp, digital] = o;
  const share = (gdp * digital) / weightSum;
  const out: Demand[] = [
    {
      id: `${id}-ai-serving`,
      origin: id,
      class: 'intelligent',
      amount: AI_SERVING_SHAPE.map((f) => round(TOTAL.aiServingPeak * share * f)),
      maxLatencyMs: tier(latenciesTo(o, sites, 'intelligent'), 2, `${id}-ai-serving`),
      description: `AI inference serving for ${name}: interactive, tight latency`,
    },
    {
      id: `${id}-online`,
      origin: id,
      class: 'general',
      amount: ONLINE_SHAPE.map((f) => round(TOTAL.onlinePeak * share * f)),
      maxLatencyMs: tier(latenciesTo(o, sites, 'general'), 1, `${id}-online`),
      description: `General online services for ${name}: interactive`,
    },
  ];
  if (gdp >= TRAINING_MIN_GDP) {
    out.push({
      id: `${id}-ai-training`,
      origin: id,
      class: 'intelligent',
      amount: round(TOTAL.training * share),
      maxLatencyMs: DEFERRABLE_MS,
      dataGBPerUnit: TRAINING_GB_PER_PFLOPS_HOUR,
      window: { release: 0, deadline: HOURS },
      description: `AI model training for ${name}: deferrable within the day`,
    });
  }
  out.push({
    id: `${id}-batch`,
    origin: id,
    class: 'general',
    amount: round(TOTAL.batch * share),
    maxLatencyMs: DEFERRABLE_MS,
    dataGBPerUnit: BATCH_GB_PER_RACK_HOUR,
    window: { release: 0, deadline: HOURS },
    description: `Batch analytics for ${name}: deferrable within the day`,
  });
  const hpc = HPC_SHARE[id];
  if (hpc !== undefined) {
    out.push({
      id: `${id}-hpc`,
      origin: id,
      class: 'super',
      amount: round(TOTAL.hpc * hpc),
      maxLatencyMs: DEFERRABLE_MS,
      window: { release: 0, deadline: HOURS },
      description: `HPC simulation jobs for ${name}: deferrable within the day`,
    });
  }
  return out;
}

/** Builds the scenario: pure, returns fresh plain JSON data on every call. */
export function buildEastDataWestComputing(): Scenario {
  const sites = CLUSTERS.map(site);
  const weightSum = ORIGINS.reduce((a, o) => a + o[6] * o[7], 0);
  return {
    version: 1,
    name: 'east-data-west-computing',
    description:
      'The "East Data, West Computing" system over one day: the 10 clusters of the 8 national hub nodes, ' +
      'demand from the 31 provincial capitals (AI serving, online services, AI training, batch analytics, HPC). ' +
      'Hub geography, policy limits, grid factors and scale follow cited public sources; the rest is illustrative.',
    horizonHours: HOURS,
    units: { general: 'rack-h', intelligent: 'PF16-h', super: 'PF64-h' },
    sites,
    origins: ORIGINS.map((o) => origin(o, sites)),
    demands: ORIGINS.flatMap((o) => demandsOf(o, sites, weightSum)),
    prices: {
      carbonPerTonne: 90,
      unmetPenalty: { general: 200, intelligent: 500, super: 5000 },
      transferPerGB: 0.03,
    },
    policy: { maxUtilization: 0.9, allowUnmet: true },
  };
}

/** The built-in "East Data, West Computing" scenario (plain JSON data). */
export const eastDataWestComputing: Scenario = /* @__PURE__ */ buildEastDataWestComputing();

