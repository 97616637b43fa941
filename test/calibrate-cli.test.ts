import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { calibrateCommand } from '../src/cli/calibrate.js';
import { eastDataWestComputing } from '../src/datasets/index.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
  return { out: () => out.join(''), err: () => err.join('') };
}

afterEach(() => vi.restoreAllMocks());

describe('suanflow calibrate', () => {
  it('bad input exits 2 with a message', async () => {
    for (const args of [['--sizes', '256,abc'], ['--sizes', '0'], ['--bogus'], ['--apply', 'x.json'], ['--apply', '/nonexistent.json', '--site', 'a', '--class', 'super', '--devices', '1'], ['--budget-ms', '-1'], ['extra']]) {
      const io = capture();
      expect(await calibrateCommand(args), args.join(' ')).toBe(2);
      expect(io.err()).toMatch(/suanflow calibrate: /);
      vi.restoreAllMocks();
    }
  });

  it('unknown site and general without --gflops-per-unit are refused before measuring', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'suanflow-cal-'));
    const file = join(dir, 'sc.json');
    writeFileSync(file, JSON.stringify(eastDataWestComputing));
    let io = capture();
    expect(await calibrateCommand(['--apply', file, '--site', 'atlantis', '--class', 'super', '--devices', '4'])).toBe(2);
    expect(io.err()).toMatch(/unknown site "atlantis"/);
    vi.restoreAllMocks();
    io = capture();
    expect(await calibrateCommand(['--apply', file, '--site', eastDataWestComputing.sites[0]!.id, '--class', 'general', '--devices', '4'])).toBe(2);
    expect(io.err()).toMatch(/gflops-per-unit/);
  });

  it('CPU-only run prints progress to stderr, a table to stdout, and applies super capacity', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'suanflow-cal-'));
    const file = join(dir, 'sc.json');
    const outFile = join(dir, 'out.json');
    writeFileSync(file, JSON.stringify(eastDataWestComputing));
    const target = eastDataWestComputing.sites.find((s) => s.capacity.super !== undefined)!;
    const io = capture();
    const code = await calibrateCommand(['--no-webgpu', '--cpu-sizes', '32,48', '--budget-ms', '3000', '--apply', file, '--site', target.id, '--class', 'super', '--devices', '1000', '--out', outFile]);
    vi.restoreAllMocks();
    expect(code).toBe(0);
    expect(io.err()).toMatch(/calibrate: wasm-simd blocked-simd f64 n=32: [\d.]+ GFLOP\/s/);
    expect(io.out()).toMatch(/GFLOP\/s/);
    expect(io.out()).toMatch(/wasm-simd\s+blocked-simd\s+f64\s+48\s+ok/);
    const sc = JSON.parse(readFileSync(outFile, 'utf8'));
    const s = sc.sites.find((x: { id: string }) => x.id === target.id);
    expect(s.capacity.super).toBeGreaterThan(0);
    expect(s.capacitySource).toMatch(/calibrated super/);
  });

  it('--json prints a parseable report', async () => {
    const io = capture();
    expect(await calibrateCommand(['--json', '--no-webgpu', '--cpu-sizes', '16', '--budget-ms', '2000'])).toBe(0);
    vi.restoreAllMocks();
    const rep = JSON.parse(io.out());
    expect(rep.version).toBe(1);
    expect(rep.webgpu.status).toBe('off');
    expect(rep.cpu.results).toHaveLength(4);
  });
});
