import { describe, expect, it } from 'vitest';
import { formatBench, runBench } from '../src/bench/run.js';
import { parseSizes } from '../src/cli/bench.js';
import { OptionsError } from '../src/errors.js';

describe('suanflow bench', () => {
  it('runs every peer on a small case, verified, with ratios against glpk.js', async () => {
    const lines: string[] = [];
    const r = await runBench({ sizes: [{ demands: 120, sites: 8, hours: 2 }], samples: 1, limitSeconds: 30, progress: (l) => lines.push(l) });
    const peers = r.rows.map((x) => x.peer);
    expect(peers).toContain('suanflow flow (wasm), end to end');
    expect(peers).toContain('network simplex wasm (solver only)');
    expect(peers).toContain('network simplex TS twin (solver only)');
    expect(peers).toContain('glpk.js (simplex), end to end');
    const z = r.rows[0]!.objective!;
    for (const row of r.rows.filter((x) => x.status === 'optimal')) {
      expect(Math.abs(row.objective! - z) / z).toBeLessThan(1e-7);
      expect(row.medianMs).toBeGreaterThan(0);
      expect(row.ratioVsGlpk).toBeGreaterThan(0);
    }
    expect(lines.length).toBeGreaterThan(3);
    expect(formatBench(r)).toContain('| 120 × 8 × 2 h | glpk.js (simplex), end to end | optimal |');
  });

  it('--size parses D×S[×H] and names the bad part', () => {
    expect(parseSizes('1000x30,5000×50×24')).toEqual([
      { demands: 1000, sites: 30, hours: 1 },
      { demands: 5000, sites: 50, hours: 24 },
    ]);
    expect(() => parseSizes('1000x')).toThrow(OptionsError);
    expect(() => parseSizes('10x2,3')).toThrow(/"3"/);
  });
});
