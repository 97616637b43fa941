/**
 * `suanflow/sweep`: the sweep runner (Node only): specs, deterministic cases, runs on this thread,
 * a worker pool, shards and a BullMQ queue, merging and summaries.
 */
export { runSweep, caseContext, checkShard, RUN_SWEEP_OPTION_NAMES } from './run-sweep.js';
export { runSweepOnQueue, serveQueue, sweepKey, DEFAULT_QUEUE_NAME, QUEUE_SWEEP_OPTION_NAMES, SERVE_QUEUE_OPTION_NAMES } from './queue.js';
export { validateSweepSpec, sweepSpecIssues, outageSets, SweepSpecError, SWEEP_AXES, SWEEP_SPEC_FIELDS, SWEEP_BACKENDS } from './spec.js';
export { loadBase, BUILTIN_BASES } from './base.js';
export { caseGrid, caseAt, cases, shardSize, caseScenario, withSitesDown, demandFactor } from './cases.js';
export { caseId, canonicalJson, fnv1a64 } from './ids.js';
export { runSweepCase } from './case-run.js';
export { runCaseBatch } from './worker.js';
export { inProcessRunner, runOrdered } from './runner.js';
export { poolRunner, workerFile, defaultWorkers } from './pool.js';
export { readExisting, eachLine, LineWriter, ResultsFileError } from './jsonl.js';
export { mergeResults } from './merge.js';
export { summarizeResults, formatSummary, summaryHtml, percentile, SUMMARY_METRICS } from './summarize.js';
export { parseRedisUrl, pingRedis, QueueError } from './redis-url.js';
export { ProgressBar, progressText } from './progress.js';

export type { RunSweepOptions, RunSweepResult } from './run-sweep.js';
export type { QueueSweepOptions, QueueSweepResult, ServeQueueOptions } from './queue.js';
export type { CaseGrid, Shard } from './cases.js';
export type { CaseContext } from './case-run.js';
export type { CaseBatch } from './worker.js';
export type { CaseRunner, RunOrderedOptions } from './runner.js';
export type { ExistingResults } from './jsonl.js';
export type { MergeReport } from './merge.js';
export type { SweepSummary, AxisValueSummary, Percentiles, SummaryMetric } from './summarize.js';
export type { RedisAddress } from './redis-url.js';
export type { CaseParams, DemandScale, OutageAxis, SweepAxes, SweepCase, SweepLine, SweepSimulate, SweepSpec } from './spec-types.js';
