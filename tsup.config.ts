import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // The library: ESM + CJS + type declarations for both.
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'es2022',
    platform: 'neutral',
    // import.meta.url in the CJS build too (the glpk worker resolves glpk.js from this module).
    shims: true,
    // glpk.js stays external and is loaded by dynamic import at run time (node vs browser entry).
    external: ['glpk.js', 'glpk.js/node', 'zod', 'highs', 'webgpu'],
    // WGSL kernels (src/calibrate/kernels) are bundled as strings.
    loader: { '.wgsl': 'text' },
  },
  {
    // The command-line tool: one ESM file with a shebang.
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    sourcemap: true,
    clean: false,
    target: 'node20',
    platform: 'node',
    banner: { js: '#!/usr/bin/env node' },
    external: ['glpk.js', 'glpk.js/node', 'zod', 'highs', 'webgpu'],
    // WGSL kernels (src/calibrate/kernels) are bundled as strings.
    loader: { '.wgsl': 'text' },
  },
]);
