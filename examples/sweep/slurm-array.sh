#!/usr/bin/env bash
# A sweep as a Slurm job array: 10 tasks, each running one shard of spec.json on one node.
#   sbatch examples/sweep/slurm-array.sh
# Slurm sets SLURM_ARRAY_TASK_ID (0 … 9 with --array=0-9); suanflow reads it, with the shard
# count from SUANFLOW_SHARDS. A task that is requeued or re-submitted resumes its own file.
# Afterwards, once every task is done:
#   suanflow merge results/part-*.jsonl --spec spec.json --out results/results.jsonl
#SBATCH --job-name=suanflow-sweep
#SBATCH --array=0-9
#SBATCH --cpus-per-task=8
#SBATCH --mem=4G
#SBATCH --time=02:00:00
#SBATCH --output=results/slurm-%A_%a.log
set -euo pipefail
export SUANFLOW_SHARDS=10
mkdir -p results
suanflow sweep spec.json --out "results/part-${SLURM_ARRAY_TASK_ID}.jsonl" --workers "${SLURM_CPUS_PER_TASK}" -q
