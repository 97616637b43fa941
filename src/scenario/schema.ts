/**
 * Structural schema of a scenario (zod 4). Cross-references, hourly lengths and servability
 * are checked in `validate.ts`, which needs the whole scenario at once.
 */
import { z } from 'zod';

const finite = z.number();
const nonNegative = finite.min(0, 'must be ≥ 0');
const share = finite.min(0, 'must be ≥ 0').max(1, 'must be ≤ 1');
const id = z.string().min(1, 'must be a non-empty string');
const hourly = z.union([nonNegative, z.array(nonNegative)]);
const region = z.enum(['east', 'central', 'west']);
const computeClass = z.enum(['general', 'intelligent', 'super']);

function perClass<T extends z.ZodType>(value: T) {
  return z.strictObject({ general: value.optional(), intelligent: value.optional(), super: value.optional() });
}

const site = z.strictObject({
  id,
  name: z.string(),
  hub: z.string(),
  region,
  lon: finite.min(-180).max(180),
  lat: finite.min(-90).max(90),
  pue: finite.min(1, 'PUE must be ≥ 1'),
  capacity: perClass(hourly).describe('Units per hour per class (number or one value per hour).'),
  powerKW: perClass(nonNegative).describe('IT kW per unit of each class.'),
  electricityPrice: hourly.describe('CNY/kWh, number or one value per hour.'),
  gridCarbon: hourly.describe('kgCO2/kWh, number or one value per hour.'),
  marginalCarbon: hourly.optional().describe('Marginal grid carbon factor, kgCO2/kWh, number or one value per hour (used by prices.carbonSignal "marginal").'),
  greenSupplyMW: hourly.optional().describe('Green supply per hour, MW.'),
  unitCost: perClass(nonNegative).describe('Non-energy CNY per unit-hour of each class.'),
  minGreenShare: share.optional(),
  capacitySource: z.string().optional(),
  province: z.string().optional(),
});

const origin = z.strictObject({
  id,
  name: z.string(),
  province: z.string(),
  lon: finite.min(-180).max(180),
  lat: finite.min(-90).max(90),
  region: region.optional(),
  hub: z.string().optional().describe('Hub where the origin enters the backbone (default: the hub of its nearest cluster).'),
});

const link = z.strictObject({
  from: id.describe('Origin id.'),
  to: id.describe('Site id.'),
  latencyMs: nonNegative.optional(),
  costPerGB: nonNegative.optional(),
  bandwidthGbps: nonNegative.optional(),
});

const window = z.strictObject({
  release: finite.int('must be an integer hour').min(0),
  deadline: finite.int('must be an integer hour').min(1),
  maxPerHour: nonNegative.optional(),
});

const demand = z.strictObject({
  id,
  origin: id,
  class: computeClass,
  amount: hourly.describe('Units per hour, or total unit-hours when `window` is given.'),
  maxLatencyMs: nonNegative.describe('Round-trip latency limit, ms.'),
  dataGBPerUnit: nonNegative.optional(),
  allowedSites: z.array(id).optional(),
  window: window.optional(),
  description: z.string().optional(),
  residency: z
    .strictObject({ regions: z.array(region).optional(), hubs: z.array(z.string()).optional(), provinces: z.array(z.string()).optional() })
    .optional()
    .describe('Sites allowed by place: a site must match every list given.'),
  dataset: id.optional().describe('Id of the dataset the work reads.'),
  model: id.optional().describe('Id of the served model (intelligent demand).'),
  replicas: finite.int('must be an integer').min(1, 'must be ≥ 1').optional().describe('Full copies of the demand, each in a different group of replicaScope (default 1).'),
  replicaScope: z.enum(['site', 'hub', 'region']).optional().describe('Groups the copies are spread over (default "hub").'),
});

const dataset = z.strictObject({ id, sizeGB: nonNegative, at: z.array(id).min(1, 'needs at least one site holding a copy') });
const model = z.strictObject({ id, reserveUnits: nonNegative, loadCost: nonNegative, minReplicas: finite.int('must be an integer').min(0).optional() });
const backbone = z.strictObject({
  links: z.array(z.strictObject({ from: id, to: id, capacityGbps: nonNegative, latencyMs: nonNegative.optional() })),
  routing: z.literal('shortest'),
});

const surviveScope = z.enum(['any-site', 'any-hub']);

const expansion = z.strictObject({
  candidates: z.array(
    z.strictObject({
      site: id,
      class: computeClass,
      name: z.string().optional(),
      moduleCapacity: finite.gt(0, 'must be > 0'),
      fixedCost: nonNegative,
      maxModules: finite.int('must be an integer').min(0, 'must be ≥ 0'),
      pue: finite.min(1, 'PUE must be ≥ 1').optional(),
      powerKW: nonNegative.optional(),
      unitCost: nonNegative.optional(),
    }),
  ),
  budget: nonNegative.optional(),
  scenarios: z
    .array(
      z.strictObject({
        name: z.string().min(1, 'must be a non-empty string'),
        probability: share,
        demandScale: nonNegative.optional(),
        demands: z.array(demand).optional(),
      }),
    )
    .min(1, 'needs at least one scenario'),
  mipGap: finite.min(0, 'must be ≥ 0').lt(1, 'must be < 1').optional(),
  policy: z
    .strictObject({
      minBuiltUtilization: share.optional(),
      maxNewPue: z.strictObject({ east: finite.min(1).optional(), central: finite.min(1).optional(), west: finite.min(1).optional() }).optional(),
    })
    .optional(),
});

/** The structural schema of a version-1 scenario (cross-field rules live in `validateScenario`). */
export const scenarioSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Path or URL of this JSON Schema, for editors.'),
    version: z.literal(1),
    name: z.string().optional(),
    description: z.string().optional(),
    horizonHours: finite.int('must be an integer').min(1).max(8760),
    units: perClass(z.string().min(1, 'must be a non-empty string'))
      .optional()
      .describe('Name of one unit of each class, e.g. {"general": "rack-h"}; reports print it (default "unit-h").'),
    sites: z.array(site).min(1, 'needs at least one site'),
    origins: z.array(origin),
    links: z.array(link).optional(),
    demands: z.array(demand),
    prices: z.strictObject({
      carbonPerTonne: nonNegative,
      unmetPenalty: z.union([nonNegative, perClass(nonNegative)]),
      transferPerGB: nonNegative,
      carbonSignal: z.enum(['average', 'marginal']).optional().describe('Factor the carbon price and cap use: "average" (gridCarbon, default) or "marginal" (marginalCarbon).'),
    }),
    policy: z
      .strictObject({
        minGreenShare: share.optional(),
        carbonCapTonnes: nonNegative.optional(),
        maxUtilization: finite.gt(0, 'must be > 0').max(1, 'must be ≤ 1').optional(),
        allowUnmet: z.boolean().optional(),
        carbonAccounting: z.enum(['market', 'location']).optional(),
        survive: z
          .union([perClass(surviveScope), surviveScope])
          .optional()
          .describe('N-1 security: survive the loss of any one site or hub ("any-site" | "any-hub"), or per class {general?, intelligent?, super?}.'),
      })
      .optional(),
    datasets: z.array(dataset).optional(),
    models: z.array(model).optional(),
    backbone: backbone.optional(),
    expansion: expansion.optional().describe('Capacity expansion under uncertainty (read by `suanflow expand`).'),
  })
  .describe('A suanflow scenario (format version 1): sites, origins, links, demands, prices, policy.');

/** JSON Schema (draft 2020-12) of a scenario file, for editors. */
export function scenarioJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(scenarioSchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
}
