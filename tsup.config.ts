import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { defineConfig, type Options } from 'tsup';

// glpk.js stays external and is loaded by dynamic import at run time (node vs browser entry);
// highs and webgpu are optional peers.
const external = ['glpk.js', 'glpk.js/node', 'zod', 'highs', 'webgpu', 'bullmq'];

/**
 * Browser twins: in the browser build, a relative import of `./x.js` whose folder holds an
 * `x.browser.ts` gets that file instead (src/solve/glpk-load.browser.ts replaces the Node loader,
 * so neither glpk.js's Node entry nor worker_threads/module/url reach a browser bundle).
 */
const browserTwins: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'browser-twins',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\/.*\.js$/ }, (args) => {
      const twin = resolve(dirname(args.importer), args.path.replace(/\.js$/, '.browser.ts'));
      return existsSync(twin) ? { path: twin } : undefined;
    });
  },
};

/** Node-only ESM bundles (worker modules, the sweep runner). */
const nodeOnly = {
  format: ['esm'],
  sourcemap: true,
  clean: false,
  target: 'node20',
  platform: 'node',
  external,
  loader: { '.wgsl': 'text' },
} satisfies Options;

export default defineConfig([
  {
    // The library for Node and neutral bundlers: ESM + CJS + type declarations for both.
    entry: { index: 'src/index.ts', flow: 'src/flow/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'es2022',
    platform: 'neutral',
    // import.meta.url in the CJS build too (the glpk worker resolves glpk.js from this module).
    shims: true,
    external,
    // WGSL kernels (src/calibrate/kernels) are bundled as strings.
    loader: { '.wgsl': 'text' },
  },
  {
    // The library for browsers (package.json exports, `browser` condition): the same entry and
    // types (dist/index.d.ts), with the browser twins of the Node-only loader modules.
    entry: { browser: 'src/index.ts' },
    format: ['esm'],
    sourcemap: true,
    clean: false,
    target: 'es2022',
    platform: 'browser',
    external,
    esbuildPlugins: [browserTwins],
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
    external,
    loader: { '.wgsl': 'text' },
  },
  {
    // The worker-thread module of whatIf (tinypool loads it by file name next to the running bundle).
    ...nodeOnly,
    entry: { 'whatif-worker': 'src/safety/whatif-worker.ts' },
  },
  {
    // The sweep runner (Node only, `suanflow/sweep`) and its worker-thread module (tinypool loads
    // dist/sweep-worker.js by file name next to the running bundle).
    ...nodeOnly,
    entry: { sweep: 'src/sweep/index.ts', 'sweep-worker': 'src/sweep/worker.ts' },
    dts: { entry: { sweep: 'src/sweep/index.ts' } },
  },
]);
