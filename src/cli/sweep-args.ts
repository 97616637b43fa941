/** What the sweep commands share: reading a spec file and its base, shards from flags or the batch engine's env. */
import { dirname, resolve } from 'node:path';
import { isQuiet, readScenario, UsageError } from './args.js';
import type { Scenario } from '../scenario/types.js';
import { loadBase } from '../sweep/base.js';
import type { Shard } from '../sweep/cases.js';
import { ResultsFileError } from '../sweep/jsonl.js';
import { SweepSpecError, validateSweepSpec } from '../sweep/spec.js';
import type { SweepSpec } from '../sweep/spec-types.js';

/** The spec in `file` (validated) and its base scenario. */
export function readSpec(file: string): { spec: SweepSpec; base: Scenario } {
  const spec = validateSweepSpec(readScenario(file));
  return { spec, base: loadBase(spec, dirname(resolve(file))) };
}

/** Bad input of the sweep commands (exit 2). */
export const isSweepBadInput = (e: unknown) => e instanceof SweepSpecError || e instanceof ResultsFileError;

/**
 * The shard: `--shard i/n` (0 ≤ i < n), else `--shard i` or the batch engine's index
 * (JOB_COMPLETION_INDEX of a Kubernetes Indexed Job, SLURM_ARRAY_TASK_ID of a Slurm array) with
 * the count from `--shards n` or SUANFLOW_SHARDS; undefined: the whole sweep.
 */
export function shardOf(flag: string | undefined, shards: string | undefined, env: Readonly<Record<string, string | undefined>> = process.env): Shard | undefined {
  const int = (text: string, what: string) => {
    if (!/^\d+$/.test(text.trim())) throw new UsageError(`${what} must be an integer ≥ 0, got "${text}"`);
    return Number(text);
  };
  let index: number | undefined;
  let count: number | undefined;
  if (flag !== undefined) {
    const m = /^([^/]*)\/(.*)$/.exec(flag);
    if (m) {
      index = int(m[1]!, '--shard i/n: i');
      count = int(m[2]!, '--shard i/n: n');
    } else index = int(flag, '--shard');
  } else {
    const fromEnv = env['JOB_COMPLETION_INDEX'] !== undefined ? 'JOB_COMPLETION_INDEX' : env['SLURM_ARRAY_TASK_ID'] !== undefined ? 'SLURM_ARRAY_TASK_ID' : undefined;
    if (fromEnv !== undefined) index = int(env[fromEnv]!, fromEnv);
  }
  if (count === undefined) {
    const n = shards ?? env['SUANFLOW_SHARDS'];
    if (n !== undefined) count = int(n, shards !== undefined ? '--shards' : 'SUANFLOW_SHARDS');
  }
  if (index === undefined) {
    if (shards !== undefined) throw new UsageError('--shards needs --shard i (or JOB_COMPLETION_INDEX / SLURM_ARRAY_TASK_ID)');
    return undefined;
  }
  if (count === undefined) throw new UsageError(`shard ${index} of how many? give --shard ${index}/N, --shards N or SUANFLOW_SHARDS`);
  if (count < 1 || index >= count) throw new UsageError(`shard ${index}/${count}: the index must be in 0 … ${count - 1}`);
  return { index, count };
}

/** SIGINT/SIGTERM abort the controller (a second one exits at once); returns the remover. */
export function onInterrupt(controller: AbortController, what: string): () => void {
  const handler = () => {
    if (controller.signal.aborted) process.exit(130);
    if (!isQuiet()) process.stderr.write(`\n${what}: stopping (cases in flight are dropped; Ctrl-C again quits at once)\n`);
    controller.abort();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
