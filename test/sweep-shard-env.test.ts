// Shards from flags or the batch engine's environment (Kubernetes Indexed Jobs, Slurm arrays).
import { describe, expect, it } from 'vitest';
import { shardOf } from '../src/cli/sweep-args.js';

describe('shardOf', () => {
  it('--shard i/n, --shard i with --shards n or SUANFLOW_SHARDS', () => {
    expect(shardOf('2/5', undefined, {})).toEqual({ index: 2, count: 5 });
    expect(shardOf('2', '5', {})).toEqual({ index: 2, count: 5 });
    expect(shardOf('2', undefined, { SUANFLOW_SHARDS: '5' })).toEqual({ index: 2, count: 5 });
    expect(shardOf(undefined, undefined, {})).toBeUndefined();
  });

  it('JOB_COMPLETION_INDEX and SLURM_ARRAY_TASK_ID give the index; a flag wins', () => {
    expect(shardOf(undefined, '10', { JOB_COMPLETION_INDEX: '7' })).toEqual({ index: 7, count: 10 });
    expect(shardOf(undefined, undefined, { SLURM_ARRAY_TASK_ID: '3', SUANFLOW_SHARDS: '4' })).toEqual({ index: 3, count: 4 });
    expect(shardOf('1/2', undefined, { SLURM_ARRAY_TASK_ID: '3', SUANFLOW_SHARDS: '4' })).toEqual({ index: 1, count: 2 });
  });

  it('bad or incomplete shards are usage errors naming the source', () => {
    expect(() => shardOf(undefined, undefined, { SLURM_ARRAY_TASK_ID: '3' })).toThrow('shard 3 of how many? give --shard 3/N, --shards N or SUANFLOW_SHARDS');
    expect(() => shardOf(undefined, '4', { JOB_COMPLETION_INDEX: 'x' })).toThrow('JOB_COMPLETION_INDEX must be an integer ≥ 0, got "x"');
    expect(() => shardOf('4/4', undefined, {})).toThrow('shard 4/4: the index must be in 0 … 3');
    expect(() => shardOf('1/0', undefined, {})).toThrow('the index must be in');
    expect(() => shardOf(undefined, '4', {})).toThrow('--shards needs --shard i');
  });
});
