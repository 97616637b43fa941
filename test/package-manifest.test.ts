import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, packedFiles, requireBuilt } from './package-consumer.js';

interface Manifest {
  license: string;
  main: string;
  module: string;
  types: string;
  bin: Record<string, string>;
  exports: Record<string, unknown>;
  files: string[];
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  devDependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
  overrides: Record<string, string>;
}
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest;

/** Every file path named in an exports map (conditions nested to any depth). */
function exportTargets(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(exportTargets);
  return [];
}

describe('package manifest and tarball', () => {
  it('the tarball holds every file that main, module, types, bin and exports name, the licence, and no sources', () => {
    requireBuilt();
    const files = new Set(packedFiles().map((f) => f.path));
    const named = [pkg.main, pkg.module, pkg.types, ...Object.values(pkg.bin), ...exportTargets(pkg.exports)].map((p) => p.replace(/^\.\//, ''));
    expect(named).toContain('dist/browser.js');
    for (const p of [...named, 'LICENSE', 'README.md', 'package.json']) expect(files.has(p), `${p} is not in the tarball`).toBe(true);
    expect([...files].filter((p) => /^(src|test|assembly|scripts|build)\//.test(p))).toEqual([]);
  });

  it('the . export gives browsers dist/browser.js, Node import/require the ESM/CJS builds, types first', () => {
    const dot = pkg.exports['.'] as Record<string, Record<string, string>>;
    expect(Object.keys(dot)).toEqual(['browser', 'import', 'require']);
    expect(dot.browser).toEqual({ types: './dist/index.d.ts', default: './dist/browser.js' });
    expect(dot.import).toEqual({ types: './dist/index.d.ts', default: './dist/index.js' });
    expect(dot.require).toEqual({ types: './dist/index.d.cts', default: './dist/index.cjs' });
  });

  it('the ./flow export (suanflow/flow) gives Node import/require the ESM/CJS builds, types first', () => {
    const flow = pkg.exports['./flow'] as Record<string, Record<string, string>>;
    expect(Object.keys(flow)).toEqual(['import', 'require']);
    expect(Object.keys(flow.import!)).toEqual(['types', 'default']);
    expect(flow.import).toEqual({ types: './dist/flow.d.ts', default: './dist/flow.js' });
    expect(flow.require).toEqual({ types: './dist/flow.d.cts', default: './dist/flow.cjs' });
  });

  it('webgpu is an optional peer (pinned 0.6.2), not installed with suanflow; tests still get it', () => {
    expect(pkg.dependencies?.webgpu).toBeUndefined();
    expect(pkg.optionalDependencies?.webgpu).toBeUndefined();
    expect(pkg.peerDependencies.webgpu).toBe('0.6.2');
    expect(pkg.peerDependenciesMeta.webgpu?.optional).toBe(true);
    expect(pkg.devDependencies.webgpu).toBe('0.6.2');
    expect(Object.keys(pkg.dependencies ?? {}).sort()).toEqual(['glpk.js', 'tinypool', 'zod']);
  });

  it('bullmq (the sweep queue) is an optional peer, not installed with suanflow; tests get it', () => {
    expect(pkg.dependencies?.bullmq).toBeUndefined();
    expect(pkg.peerDependencies.bullmq).toBe('^5.0.0');
    expect(pkg.peerDependenciesMeta.bullmq?.optional).toBe(true);
    expect(pkg.devDependencies.bullmq).toMatch(/^\^5\./);
  });

  it('vite is pinned to 8.3.8 both as the override and as the devDependency the bundle test imports', () => {
    expect(pkg.overrides.vite).toBe('8.3.8');
    expect(pkg.devDependencies.vite).toBe('8.3.8');
  });

  it('the MIT licence of package.json is in LICENSE and listed in files', () => {
    expect(pkg.license).toBe('MIT');
    expect(pkg.files).toContain('LICENSE');
    const text = readFileSync(join(ROOT, 'LICENSE'), 'utf8');
    expect(text).toMatch(/^MIT License\n/);
    expect(text).toContain('Copyright (c) 2026 suanflow contributors');
  });
});
