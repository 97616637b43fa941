/**
 * `suanflow mcf FILE.min [--json] [--solution OUT.flow] [--algorithm A] [--time-limit S]`: solves a
 * DIMACS min-cost-flow file with `minCostFlow` (suanflow/flow). Exit codes: 0 optimal, 1 another
 * status (infeasible, unbounded, time limit) or a solver fault, 2 bad input (usage, unreadable
 * file, a file that is not DIMACS: the message names the line).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { numberOption, runCommand, UsageError } from './args.js';
import { atMost, parseFlags } from './parse.js';
import { DimacsError, formatDimacsFlow, parseDimacsMin } from '../flow/dimacs.js';
import { minCostFlow } from '../flow/min-cost-flow.js';
import type { McfAlgorithm, McfResult } from '../flow/mcf-types.js';

export const MCF_USAGE = `usage: suanflow mcf FILE.min [--json] [--solution OUT.flow] [--algorithm A] [--time-limit S]

Solves a min-cost-flow problem in the DIMACS "min" format (p min, n and a lines, lower bounds
allowed) and prints status, objective (including the flow on lower bounds), time and pivots.
Exact on integer data while every partial sum stays below 2^53 (checked before solving).

  --json            print { status, objective, ms, pivots, nodes, arcs } (and cut / cycle)
  --solution FILE   write the DIMACS solution: "s <objective>", then "f <tail> <head> <flow>" per arc
  --algorithm A     auto | network-simplex | cost-scaling (default auto: the network simplex;
                    cost scaling needs integer data and checks --time-limit between its phases)
  --time-limit S    stop after S seconds with status time_limit
  -q, --quiet       no usage hints on stderr
  -h, --help        this text

example:
  suanflow mcf netgen-8-10a.min --solution netgen-8-10a.flow

exit codes: 0 optimal, 1 infeasible, unbounded, time limit or a solver fault, 2 bad input`;

/** Where the command writes; the process streams by default (tests pass their own). */
export interface McfIO {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

const processIO: McfIO = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

function summary(r: McfResult, nodes: number, arcs: number): string {
  const lines = [`status     ${r.status}`, `objective  ${r.objective}`, `time       ${r.ms.toFixed(1)} ms`, `pivots     ${r.pivots}`, `network    ${nodes} nodes, ${arcs} arcs`];
  if (r.cut) lines.push(`cut        ${r.cut.nodes.length} nodes with supply ${r.cut.supply} but only ${r.cut.capacityOut} able to leave: ${[...r.cut.nodes.slice(0, 20)].map((v) => v + 1).join(' ')}${r.cut.nodes.length > 20 ? ' …' : ''} (DIMACS ids)`);
  if (r.cycle) lines.push(`cycle      cost ${r.cycle.cost} per unit, uncapacitated arcs (1-based lines order): ${[...r.cycle.arcs.slice(0, 20)].map((a) => a + 1).join(' ')}${r.cycle.arcs.length > 20 ? ' …' : ''}`);
  return `${lines.join('\n')}\n`;
}

async function run(argv: string[], io: McfIO): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    json: { type: 'boolean' },
    solution: { type: 'string' },
    algorithm: { type: 'string' },
    'time-limit': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.out(`${MCF_USAGE}\n`);
    return 0;
  }
  atMost(positionals, 1);
  const file = positionals[0];
  if (file === undefined) throw new UsageError('missing FILE.min');
  const algorithm = values.algorithm as McfAlgorithm | undefined;
  if (algorithm !== undefined && !['auto', 'network-simplex', 'cost-scaling'].includes(algorithm)) throw new UsageError(`--algorithm: must be auto, network-simplex or cost-scaling, got "${algorithm}"`);
  const timeLimit = numberOption('time-limit', values['time-limit'], (x) => x > 0, 'a number of seconds > 0');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as Error).message}`);
  }
  const net = parseDimacsMin(text);
  const r = await minCostFlow(net, { ...(algorithm !== undefined ? { algorithm } : {}), ...(timeLimit !== undefined ? { timeLimitSeconds: timeLimit } : {}) });
  const arcs = net.source.length;
  if (values.json) {
    const out = {
      status: r.status,
      objective: Number.isFinite(r.objective) ? r.objective : String(r.objective),
      ms: r.ms,
      pivots: r.pivots,
      nodes: net.nodes,
      arcs,
      ...(r.cut ? { cut: { nodes: [...r.cut.nodes].map((v) => v + 1), supply: r.cut.supply, capacityOut: r.cut.capacityOut } } : {}),
      ...(r.cycle ? { cycle: { arcs: [...r.cycle.arcs].map((a) => a + 1), cost: r.cycle.cost } } : {}),
    };
    io.out(`${JSON.stringify(out)}\n`);
  } else io.out(summary(r, net.nodes, arcs));
  if (values.solution !== undefined) {
    if (r.status !== 'optimal') io.err(`suanflow mcf: no solution written to ${values.solution} (status ${r.status})\n`);
    else writeFileSync(values.solution, formatDimacsFlow(r, net));
  }
  return r.status === 'optimal' ? 0 : 1;
}

/** Runs `suanflow mcf` with the arguments after the command name; resolves to the exit code. */
export async function mcfCommand(argv: string[], io: McfIO = processIO): Promise<number> {
  return runCommand('mcf', () => run(argv, io), io.err, (e) => e instanceof DimacsError);
}
