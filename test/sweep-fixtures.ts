// Shared pieces of the sweep-runner tests: the built-in day under location accounting (so every
// case is a min-cost-flow network that solves in tens of ms), spec files in a temp folder, a
// local redis-server on a free port (gate: skip visibly, or fail when SUANFLOW_REQUIRE_REDIS=1).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { scenarios } from '../src/datasets/index.js';
import type { Scenario } from '../src/scenario/types.js';
import type { SweepSpec } from '../src/sweep/spec-types.js';

export const CLI = join(__dirname, '..', 'dist', 'cli.js');

/** The built-in day, location-based carbon accounting: a network model at every case. */
export function dayLocation(): Scenario {
  const sc = scenarios.eastDataWestComputing;
  return { ...sc, name: 'day (location accounting)', policy: { ...sc.policy, carbonAccounting: 'location' } };
}

/** 200 cases: 10 carbon prices × 4 demand scales × 5 outage sets. */
export const SPEC_200 = {
  version: 1,
  base: 'day-location.json',
  axes: {
    carbonPrice: [0, 30, 60, 90, 120, 150, 200, 300, 500, 800],
    demandScale: [0.8, 1, 1.2, { intelligent: 1.5 }],
    outage: [['guian'], ['qingyang'], ['zhangjiakou'], ['helingeer'], ['shaoguan']],
  },
} as const satisfies SweepSpec;

/** A temp folder with day-location.json and spec.json (`spec`). */
export function sweepDir(spec: object = SPEC_200): { dir: string; spec: string } {
  const dir = mkdtempSync(join(tmpdir(), 'suanflow-sweep-'));
  writeFileSync(join(dir, 'day-location.json'), JSON.stringify(dayLocation()));
  writeFileSync(join(dir, 'spec.json'), JSON.stringify(spec));
  return { dir, spec: join(dir, 'spec.json') };
}

/** The lines of a results file, parsed. */
export function lines(file: string): Record<string, unknown>[] {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** id → objective of a results file (throws on a duplicate id). */
export function objectives(file: string): Map<string, unknown> {
  const m = new Map<string, unknown>();
  for (const l of lines(file)) {
    if (m.has(l['id'] as string)) throw new Error(`duplicate ${String(l['id'])} in ${file}`);
    m.set(l['id'] as string, l['objective']);
  }
  return m;
}

/** The lines without `ms` (the only field that differs between runs), as text. */
export const withoutMs = (file: string) => lines(file).map(({ ms: _ms, ...rest }) => JSON.stringify(rest));

export const REDIS_SERVER = '/usr/bin/redis-server';
export const REQUIRE_REDIS = process.env['SUANFLOW_REQUIRE_REDIS'] === '1';

/** Skips visibly without redis-server (or fails when it is required); returns true to skip. */
export function redisGate(area: string): boolean {
  if (existsSync(REDIS_SERVER)) return false;
  if (REQUIRE_REDIS) {
    it(`${area}: required by SUANFLOW_REQUIRE_REDIS=1`, () => {
      throw new Error(`SUANFLOW_REQUIRE_REDIS=1 but ${REDIS_SERVER} is missing (apt-get install redis-server)`);
    });
    return true;
  }
  console.warn(`[suanflow] SKIPPED ${area}: ${REDIS_SERVER} is missing (apt-get install redis-server)`);
  return true;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
  });
}

/** A redis-server on 127.0.0.1 at a free port, no persistence; `stop` ends it. */
export async function startRedis(): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const p = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((res, rej) => {
    let out = '';
    const t = setTimeout(() => rej(new Error(`redis-server did not start: ${out}`)), 10_000);
    p.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (/Ready to accept connections/.test(out)) {
        clearTimeout(t);
        res();
      }
    });
    p.on('exit', (code) => rej(new Error(`redis-server exited ${code}: ${out}`)));
  });
  return { url: `redis://127.0.0.1:${port}`, stop: () => stopChild(p) };
}

/** SIGTERM, and the exit awaited. */
export function stopChild(p: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (p.exitCode !== null || p.signalCode !== null) return Promise.resolve();
  return new Promise((res) => {
    p.once('exit', () => res());
    p.kill(signal);
  });
}
