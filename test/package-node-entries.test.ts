import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeConsumer } from './package-consumer.js';

// The packed package in a consumer without the optional peers: `import` (ESM) and `require` (CJS)
// both load, solve the built-in day with a signal (glpk.js/node in a worker thread, resolved from
// the installed package), and say how to install webgpu when calibration needs it.
const SCRIPT = (load: string) => `
${load}
const plan = await s.solve(s.scenarios.eastDataWestComputing, { signal: new AbortController().signal });
let webgpu;
try {
  await s.calibrate({ webgpu: 'require', cpu: false, sizes: [16] });
  webgpu = 'no error';
} catch (e) {
  webgpu = { name: e.name, code: e.code, message: e.message };
}
console.log(JSON.stringify({ exports: Object.keys(s).length, status: plan.status, objective: plan.objective, backend: plan.solver.backend, webgpu }));
`;

interface Outcome {
  exports: number;
  status: string;
  objective: number;
  backend: string;
  webgpu: { name: string; code: string; message: string };
}

function runIn(dir: string, file: string, text: string): Outcome {
  writeFileSync(join(dir, file), text);
  const r = spawnSync(process.execPath, [file], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`node ${file} failed (exit ${r.status}):\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Outcome;
}

describe('the packed package in Node (ESM and CommonJS entries)', () => {
  let dir = '';
  beforeAll(() => {
    dir = makeConsumer('suanflow-node-');
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  let esm: Outcome;
  it('import: ESM entry solves the built-in day (worker thread with a signal)', () => {
    esm = runIn(dir, 'esm.mjs', SCRIPT("const s = await import('suanflow');"));
    expect(esm.exports).toBeGreaterThan(40);
    expect(esm).toMatchObject({ status: 'optimal', backend: 'glpk' });
  });

  it('require: CJS entry solves it too, to the same objective', () => {
    const cjs = runIn(dir, 'cjs.cjs', `(async () => {\n${SCRIPT("const s = require('suanflow');")}\n})().catch((e) => { console.error(e); process.exit(1); });`);
    expect(cjs.exports).toBe(esm.exports);
    expect(cjs).toMatchObject({ status: 'optimal', backend: 'glpk' });
    expect(cjs.objective).toBe(esm.objective);
  });

  it('suanflow/flow: import and require both solve a DIMACS network to the same optimum', () => {
    const FLOW = (load: string) => `${load}\nconst g = f.parseDimacsMin('p min 3 3\\nn 1 5\\nn 3 -5\\na 1 2 1 4 2\\na 2 3 0 10 1\\na 1 3 0 3 4\\n');\nconst r = await f.minCostFlow(g);\nconsole.log(JSON.stringify({ exports: Object.keys(f).sort(), status: r.status, objective: r.objective }));\n`;
    const e = runIn(dir, 'flow.mjs', FLOW("const f = await import('suanflow/flow');")) as unknown as { exports: string[]; status: string; objective: number };
    const c = runIn(dir, 'flow.cjs', `(async () => {\n${FLOW("const f = require('suanflow/flow');")}\n})().catch((e) => { console.error(e); process.exit(1); });`) as unknown as typeof e;
    expect(e).toMatchObject({ status: 'optimal', objective: 16 });
    expect(c).toEqual(e);
    expect(e.exports).toContain('minCostFlow');
    expect(e.exports).toContain('formatDimacsFlow');
  });

  it('without the optional peer webgpu, calibration says how to install it', () => {
    expect(esm.webgpu).toMatchObject({ name: 'CalibrationError', code: 'no-webgpu' });
    expect(esm.webgpu.message).toContain('not installed');
    expect(esm.webgpu.message).toContain('npm install webgpu@0.6.2');
  });
});
