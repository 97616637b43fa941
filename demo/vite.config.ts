// Vite config of the browser demo (DESIGN.md §7): `npm run demo` serves it on 127.0.0.1,
// `npm run build:demo` writes a static site to dist-demo/ with relative asset paths.
//
// The demo imports the library's browser bundle, dist/browser.js (what browser users of the npm
// package get: wasm inlined once, glpk.js and HiGHS loaded by dynamic import only when a backend
// needs them). Only the solver worker (src/worker.ts) imports it, so the built site holds exactly
// one copy of the solvers; the page itself draws and never solves.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import { defineConfig, type Plugin } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');

/**
 * `virtual:china-outline`: China's outline (with Taiwan, Hong Kong and Macao) from world-atlas'
 * Natural Earth 1:50m countries, as GeoJSON with coordinates rounded to 0.01°, extracted at build
 * time so the page bundles a few tens of kB instead of the whole world.
 */
function chinaOutline(): Plugin {
  const id = 'virtual:china-outline';
  return {
    name: 'china-outline',
    resolveId: (s) => (s === id ? `\0${id}` : undefined),
    load(s) {
      if (s !== `\0${id}`) return undefined;
      const topo = JSON.parse(readFileSync(resolve(root, 'node_modules/world-atlas/countries-50m.json'), 'utf8')) as Topology<{ countries: GeometryCollection<{ name: string }> }>;
      const keep = new Set(['156', '158', '344', '446']);
      const all = feature(topo, topo.objects.countries);
      const round = (v: unknown): unknown => (Array.isArray(v) ? v.map(round) : typeof v === 'number' ? Math.round(v * 100) / 100 : v);
      const features = all.features
        .filter((f) => keep.has(String(f.id)))
        .map((f) => ({ type: 'Feature', id: f.id, properties: { name: f.properties?.name }, geometry: { ...f.geometry, coordinates: round((f.geometry as { coordinates: unknown }).coordinates) } }));
      return `export default ${JSON.stringify({ type: 'FeatureCollection', features })};`;
    },
  };
}

export default defineConfig({
  root: here,
  base: './',
  // Vite's dependency cache stays in this checkout (build/ is ignored), not in node_modules.
  cacheDir: resolve(root, 'build', 'vite-demo'),
  plugins: [chinaOutline()],
  resolve: { alias: { suanflow: resolve(root, 'dist/browser.js') } },
  worker: { format: 'es' },
  server: { host: '127.0.0.1', port: 5173, strictPort: false },
  preview: { host: '127.0.0.1' },
  build: { outDir: resolve(root, 'dist-demo'), emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 1200 },
});
