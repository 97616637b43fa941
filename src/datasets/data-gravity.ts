/**
 * The built-in day with data, algorithms and the network (ILLUSTRATIVE throughout, labelled so):
 * an illustrative backbone between the 8 hubs, 8 datasets that training and analytics read, 5
 * served models for AI serving, and residency for two kinds of work. The plain built-in day
 * (`eastDataWestComputing`) is unchanged; this variant adds these fields to a fresh copy of it.
 *
 * Backbone: 16 links between the 8 hubs (the direct routes of the national trunk network that
 * join the eastern hubs to each other, to Chengdu-Chongqing and to the four western hubs, and the
 * western hubs to their neighbours). Capacities are ILLUSTRATIVE (east–west trunks 2,000–6,000
 * Gbps per direction, the rest 1,000–2,000); no link gives `latencyMs`, so each link's latency is
 * 0.015 ms per great-circle km between the two hubs' cluster centroids: 4.0–26.8 ms, about the
 * ~20 ms inter-hub target (DESIGN §2), e.g. Yangtze River Delta – Ningxia 22.3 ms, Beijing-Tianjin-
 * Hebei – Inner Mongolia 4.0 ms.
 */
import type { Backbone, Dataset, Demand, Scenario, ServedModel } from '../scenario/types.js';
import { buildEastDataWestComputing } from './east-data-west-computing.js';

const BTH = 'Beijing-Tianjin-Hebei';
const YRD = 'Yangtze River Delta';
const GBA = 'Guangdong-Hong Kong-Macao Greater Bay Area';
const CC = 'Chengdu-Chongqing';
const IM = 'Inner Mongolia';
const GZ = 'Guizhou';
const GS = 'Gansu';
const NX = 'Ningxia';

/** The illustrative backbone between the 8 hubs (capacities ILLUSTRATIVE, Gbps per direction). */
export const EDWC_BACKBONE: Backbone = {
  routing: 'shortest',
  links: [
    { from: BTH, to: YRD, capacityGbps: 2000 },
    { from: YRD, to: GBA, capacityGbps: 2000 },
    { from: BTH, to: GBA, capacityGbps: 1000 },
    { from: BTH, to: IM, capacityGbps: 6000 },
    { from: BTH, to: NX, capacityGbps: 2000 },
    { from: BTH, to: GS, capacityGbps: 2000 },
    { from: YRD, to: NX, capacityGbps: 4000 },
    { from: YRD, to: GS, capacityGbps: 4000 },
    { from: YRD, to: CC, capacityGbps: 2000 },
    { from: YRD, to: GZ, capacityGbps: 2000 },
    { from: GBA, to: GZ, capacityGbps: 4000 },
    { from: GBA, to: CC, capacityGbps: 2000 },
    { from: CC, to: GZ, capacityGbps: 1000 },
    { from: CC, to: GS, capacityGbps: 1000 },
    { from: GS, to: NX, capacityGbps: 1000 },
    { from: NX, to: IM, capacityGbps: 1000 },
  ],
};

/** Options of {@link eastDataWestComputingData}. */
export interface DataGravityOptions {
  /** Multiplies every dataset's size (the example scans it to find where copies stop paying). @default 1 */
  readonly datasetScale?: number;
  /** Include the backbone. @default true */
  readonly backbone?: boolean;
  /** Include the served models. @default true */
  readonly models?: boolean;
}

/**
 * Datasets (ILLUSTRATIVE sizes): [id, size GB, cluster holding it, demand ids that read it]. Each
 * eastern AI-training origin's corpus sits at its home hub's cluster; two analytics datasets too.
 */
const DATASETS: readonly (readonly [id: string, sizeGB: number, at: string, readers: readonly string[]])[] = [
  ['beijing-ai-corpus', 400_000, 'zhangjiakou', ['beijing-ai-training']],
  ['shanghai-ai-corpus', 300_000, 'yrd-demo-zone', ['shanghai-ai-training']],
  ['hangzhou-ai-corpus', 300_000, 'yrd-demo-zone', ['hangzhou-ai-training']],
  ['nanjing-ai-corpus', 300_000, 'wuhu', ['nanjing-ai-training']],
  ['guangzhou-ai-corpus', 300_000, 'shaoguan', ['guangzhou-ai-training']],
  ['jinan-ai-corpus', 200_000, 'zhangjiakou', ['jinan-ai-training']],
  ['shanghai-trade-logs', 1_000_000, 'yrd-demo-zone', ['shanghai-batch']],
  ['guangzhou-trade-logs', 800_000, 'shaoguan', ['guangzhou-batch']],
];

/** Served models (ILLUSTRATIVE): reserve PFLOPS FP16 per replica, load cost CNY, minimum replicas. */
const MODELS: readonly ServedModel[] = [
  { id: 'llm-large', reserveUnits: 2000, loadCost: 40_000, minReplicas: 2 },
  { id: 'llm-medium', reserveUnits: 600, loadCost: 12_000 },
  { id: 'vision', reserveUnits: 300, loadCost: 6000 },
  { id: 'speech', reserveUnits: 200, loadCost: 4000 },
  { id: 'recommender', reserveUnits: 400, loadCost: 8000 },
];

/** Residency (ILLUSTRATIVE): finance analytics of Shanghai and Beijing stays in the east. */
const RESIDENCY: Readonly<Record<string, Demand['residency']>> = {
  'shanghai-batch': { regions: ['east'] },
  'beijing-batch': { hubs: [BTH] },
};

/**
 * The built-in day with the illustrative backbone, 8 datasets, 5 served models (AI-serving demand
 * of the i-th origin asks for model i mod 5) and residency for two analytics demands. Pure.
 */
export function eastDataWestComputingData(options: DataGravityOptions = {}): Scenario {
  const base = buildEastDataWestComputing();
  const scale = options.datasetScale ?? 1;
  const withModels = options.models ?? true;
  const readers = new Map(DATASETS.flatMap(([id, , , ds]) => ds.map((d) => [d, id] as const)));
  const originIndex = new Map(base.origins.map((o, i) => [o.id, i]));
  const demands = base.demands.map((d): Demand => {
    const dataset = readers.get(d.id);
    const residency = RESIDENCY[d.id];
    const model = withModels && d.id.endsWith('-ai-serving') ? MODELS[originIndex.get(d.origin)! % MODELS.length]!.id : undefined;
    return { ...d, ...(dataset ? { dataset } : {}), ...(residency ? { residency } : {}), ...(model ? { model } : {}) };
  });
  const datasets: Dataset[] = DATASETS.map(([id, sizeGB, at]) => ({ id, sizeGB: sizeGB * scale, at: [at] }));
  return {
    ...base,
    name: 'east-data-west-computing-data',
    description: `${base.description} With data, models and the network (ILLUSTRATIVE): a backbone between the 8 hubs, 8 datasets, 5 served models, residency.`,
    demands,
    datasets,
    ...(withModels ? { models: MODELS } : {}),
    ...((options.backbone ?? true) ? { backbone: EDWC_BACKBONE } : {}),
  };
}
