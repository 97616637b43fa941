/**
 * Merging shard files: every line by case id, written in the spec's case order; reports the cases
 * no file has (missing), ids seen more than once (duplicates: the first is kept; `conflicting` when
 * the copies differ beyond `ms`), and lines whose id is not a case of the spec (foreign: not
 * written, listed). Holds one line per case in memory.
 */
import { writeFileSync } from 'node:fs';
import { caseGrid, cases } from './cases.js';
import { eachLine, LineWriter, lineId } from './jsonl.js';
import type { Scenario } from '../scenario/types.js';
import type { SweepSpec } from './spec-types.js';
import { validateSweepSpec } from './spec.js';

/** What `mergeResults` found and wrote. */
export interface MergeReport {
  readonly cases: number;
  readonly written: number;
  /** Ids of cases no input has (at most 1000 listed; `missingCount` is the number). */
  readonly missing: readonly string[];
  readonly missingCount: number;
  /** Ids found more than once, with how many times. */
  readonly duplicates: readonly { readonly id: string; readonly count: number; readonly conflicting: boolean }[];
  /** Lines whose id is not a case of the spec (file and line number). */
  readonly foreign: readonly { readonly file: string; readonly line: number; readonly id: string }[];
  /** Torn last lines (no newline) of inputs, ignored. */
  readonly torn: readonly string[];
}

const withoutMs = (text: string) => {
  const { ms: _ms, ...rest } = JSON.parse(text) as Record<string, unknown>;
  return JSON.stringify(rest);
};

/** Merges `inputs` into `out` (null: write nothing, only report). */
export function mergeResults(spec: SweepSpec, base: Scenario, inputs: readonly string[], out: string | null): MergeReport {
  const s = validateSweepSpec(spec);
  const grid = caseGrid(s, base);
  const ids = new Set<string>();
  for (const c of cases(grid)) ids.add(c.id);
  const lines = new Map<string, string>();
  const dup = new Map<string, { count: number; conflicting: boolean }>();
  const foreign: { file: string; line: number; id: string }[] = [];
  const torn: string[] = [];
  for (const file of inputs) {
    const { tail } = eachLine(file, (text, n) => {
      const id = lineId(text, file, n);
      if (!ids.has(id)) return void foreign.push({ file, line: n, id });
      const prev = lines.get(id);
      if (prev === undefined) return void lines.set(id, text);
      const d = dup.get(id) ?? { count: 1, conflicting: false };
      d.count++;
      if (!d.conflicting && withoutMs(prev) !== withoutMs(text)) d.conflicting = true;
      dup.set(id, d);
    });
    if (tail.length > 0) torn.push(file);
  }
  const missing: string[] = [];
  let missingCount = 0;
  let written = 0;
  if (out !== null) writeFileSync(out, '');
  const writer = out === null ? undefined : new LineWriter(out);
  try {
    let chunk: string[] = [];
    for (const c of cases(grid)) {
      const l = lines.get(c.id);
      if (l === undefined) {
        if (missing.length < 1000) missing.push(c.id);
        missingCount++;
        continue;
      }
      chunk.push(l);
      written++;
      if (chunk.length >= 1000) {
        writer?.write(chunk);
        chunk = [];
      }
    }
    writer?.write(chunk);
  } finally {
    writer?.close();
  }
  return { cases: grid.total, written, missing, missingCount, duplicates: [...dup].map(([id, d]) => ({ id, ...d })), foreign, torn };
}
