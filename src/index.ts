// The one public entry of suanflow: every export is named here.
export { solve, defaultSolveOptions } from './solve/solve.js';
export { defaultMaxMemoryMB } from './solve/size-limit.js';
export { sweep } from './solve/sweep.js';
export { whatIf } from './safety/whatif.js';
export { outageScenario } from './safety/whatif-cases.js';
export { WHATIF_RANKING } from './safety/whatif-summary.js';
export { formatWhatIf } from './safety/whatif-format.js';
export { explain } from './safety/iis.js';
export { expand, expandedScenario, DEFAULT_MIP_GAP } from './safety/expansion.js';
export { nearestPlan, costOnlyPlan, costOnlyScenario, evaluatePlan } from './compare/baselines.js';
export { compareStrategies, savingsPercent, STRATEGY_DESCRIPTIONS } from './compare/compare.js';
export { planMetrics } from './compare/metrics.js';
export { formatComparison } from './compare/format.js';
export { STRATEGIES, defaultCompareOptions } from './compare/types.js';
export { paretoFrontier } from './pareto/frontier.js';
export { simulate } from './simulate/simulate.js';
export { defaultSimulateOptions } from './simulate/options.js';
export { formatSimulation } from './simulate/format.js';
export { eastDataWestComputingWeek, defaultWeekScenarioOptions } from './datasets/week.js';
export { formatPareto } from './pareto/format.js';
export { defaultParetoOptions } from './pareto/types.js';
export { verifyPlan } from './plan/verify.js';
export { splitReplicas } from './safety/replicas-split.js';
export { outagesOf } from './safety/outages.js';
export { verifyExpansion } from './plan/verify-expansion.js';
export { formatPlan } from './plan/report.js';
export { exportModel } from './export/export-model.js';
export { validateScenario, scenarioIssues } from './scenario/validate.js';
export { scenarioJsonSchema } from './scenario/schema.js';
export { NUMERIC_LIMITS } from './scenario/magnitude.js';
export { scenarios, eastDataWestComputing, eastDataWestComputingGreenHubs } from './datasets/index.js';
export { parseProfilesCsv, applyProfiles, PROFILE_FIELDS } from './profiles/csv.js';
export { ProfileError } from './profiles/errors.js';
export { applyCarbonCsv, parseCarbonMap, parseUtcHour, CarbonMapError, CARBON_CSV_FIELDS } from './profiles/carbon-csv.js';
export { carbonSignalOf, pricedCarbon } from './scenario/carbon-signal.js';
export { solarShape, windShape, AI_SERVING_SHAPE, ONLINE_SHAPE, PROFILE_SOURCES, SOLAR_SHAPE, WIND_SHAPE, HPC_SHAPE, DEMAND_SHAPES, HOURS_PER_DAY, normaliseShape } from './profiles/shapes.js';
export { formatProfilesCsv, profileColumns } from './profiles/format.js';
export { clearSkySolarShape, cosSolarZenith, haurwitzGhi } from './profiles/clear-sky.js';
export { GREEN_HUB_SHARE, GREEN_HUB_TOP_UP } from './datasets/index.js';
export { COMPUTE_CLASSES, REGIONS } from './scenario/types.js';
export { geoLatencyMs, haversineKm } from './geo/haversine.js';
export { latencyMatrix } from './geo/latency-matrix.js';
export { networkSimplex, NetworkSimplexWasm } from './flow/network-simplex-wasm.js';
export { networkSimplexTS, NetworkSimplexTS } from './flow/network-simplex.js';
export { loadKernels } from './wasm/kernels.js';
export { runBench, formatBench, BENCH_SIZES } from './bench/run.js';
export { generateScenario } from './bench/generate.js';
export { SuanflowError, ScenarioError, OptionsError, SolverError, WasmError } from './errors.js';
export { ModelSizeError } from './errors.js';
export { calibrate, defaultCalibrateOptions, bestOf } from './calibrate/calibrate.js';
export { applyCalibration } from './calibrate/apply.js';
export { formatCalibration } from './calibrate/format.js';
export { releaseCalibrationDevice } from './calibrate/gpu-device.js';
export { GPU_KERNELS } from './calibrate/gpu-kernels.js';
export { CalibrationError } from './calibrate/errors.js';

export type { BackendName, SolveOptions } from './solve/solve.js';
export type { SweepGrid, SweepOptions, SweepPoint, SweepResult } from './solve/sweep.js';
export type { ExpandOptions, ExpansionResult, BuiltModules, ExpansionScenarioResult, ValueOfStochasticSolution } from './safety/expansion-types.js';
export type { ExplainOptions, Explanation, ExplainedRule, RuleKind } from './safety/iis-types.js';
export type { Absorber, OutageSpec, PlanSummary, UnmetTotals, WhatIfCase, WhatIfOptions, WhatIfProgress, WhatIfResult } from './safety/whatif-types.js';
export type { ProfileColumn, ProfileField, ProfileTable } from './profiles/csv.js';
export type { CarbonMap, CarbonCsvField, CarbonCsvOptions, CarbonCsvResult, SkippedZone } from './profiles/carbon-csv.js';
export type { ProfileSource } from './profiles/shapes.js';
export type { ClearSkyOptions } from './profiles/clear-sky.js';
export type { GreenHubsOptions } from './datasets/index.js';
export type { SimulateOptions, SimulationBaselines, SimulationResult, SimulationStep, ForecastError, PerfectForesight, TimeStats } from './simulate/types.js';
export type { WeekScenarioOptions } from './datasets/week.js';
export type { NumericLimits } from './scenario/magnitude.js';
export type { ParetoOptions, ParetoResult, ParetoFrontier, ParetoPoint, ParetoMethod, ParetoAbatement } from './pareto/types.js';
export type { CompareOptions, Comparison, StrategyName, StrategyResult, StrategyMetrics, ClusterUtilization, Share, Savings } from './compare/types.js';
export type { SignalRanking } from './compare/ranking.js';
export type { BenchOptions, BenchReport, BenchRow, BenchSize } from './bench/run.js';
export type { GenerateOptions } from './bench/generate.js';
export type { FlowSolveOptions } from './flow/types.js';
export type { Kernels } from './wasm/kernels.js';
export type { CalibrateOptions } from './calibrate/calibrate.js';
export type { ApplyCalibrationOptions } from './calibrate/apply.js';
export type { GpuKernelSpec } from './calibrate/gpu-kernels.js';
export type { CalibrationErrorCode } from './calibrate/errors.js';
export type {
  AdapterDescription,
  BestResult,
  CalibrationBackend,
  CalibrationReport,
  CorrectnessCheck,
  CpuSection,
  KernelResult,
  KernelStatus,
  Precision,
  TimingMethod,
  WebgpuSection,
} from './calibrate/types.js';
export type { VerifyResult, Violation } from './plan/verify.js';
export type { ExpansionViolation } from './plan/verify-expansion.js';
export type { ReportOptions } from './plan/report.js';
export type { ModelFormat } from './export/export-model.js';
export type { ScenarioIssue } from './errors.js';
export type { ModelSizeEstimate } from './errors.js';
export type { FlowNetwork, FlowResult, FlowStatus } from './flow/types.js';
export type {
  CarbonAccounting,
  CarbonSignal,
  ComputeClass,
  Demand,
  DemandWindow,
  Hourly,
  Link,
  Origin,
  PerClass,
  Policy,
  Prices,
  Region,
  ReplicaScope,
  Scenario,
  Site,
  SurviveScope,
} from './scenario/types.js';
export type { Outage } from './safety/outages.js';
export type {
  Assignment,
  CarbonTotals,
  Conflict,
  CostBreakdown,
  Plan,
  PlanStatus,
  PolicyPrices,
  PresolveInfo,
  OutageRecourse,
  RecourseFlow,
  SecurityInfo,
  SecurityPremium,
  SiteEnergy,
  SolverInfo,
  Unmet,
  Utilization,
} from './plan/types.js';
export { eastDataWestComputingData, EDWC_BACKBONE } from './datasets/index.js';
export { backboneRoutes, originHub, hubNames } from './scenario/backbone.js';
export type { DataGravityOptions } from './datasets/index.js';
export type { Backbone, BackboneLink, Dataset, Residency, ServedModel } from './scenario/types.js';
export type { BackboneLoad, DatasetCopy, ModelReplica } from './plan/types.js';
export type { HubRoute, LinkUse } from './scenario/backbone.js';
export type { Expansion, ExpansionCandidate, ExpansionCase, ExpansionPolicy, PerRegion } from './scenario/types.js';
