// The build's stages for scripts/build.mjs: what each runs, reads and writes, and the content hash
// of its inputs that decides whether an earlier successful build of it is still current.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const STAMPS = join(ROOT, 'build', 'stamps.json');

/**
 * In order; a stage is rebuilt when an earlier one was. `inputs` are files or folders (walked
 * recursively), `outputs` files that must exist afterwards, `clean` folders emptied first.
 */
export const STAGES = [
  {
    name: 'wasm',
    inputs: ['assembly', 'asconfig.json', 'asconfig.calibrate.json', 'scripts/embed-wasm.mjs', 'scripts/embed-calibrate-wasm.mjs', 'scripts/build-stages.mjs', 'package-lock.json'],
    outputs: ['build/debug.wasm', 'build/release.wasm', 'build/calibrate-debug.wasm', 'build/calibrate-release.wasm', 'src/wasm/kernels.generated.ts', 'src/calibrate/calibrate-wasm.generated.ts'],
    // The asbuild scripts of package.json (asc debug + release, embed as base64) stay the one definition.
    steps: [{ label: 'wasm kernels (npm run asbuild)', cmd: 'npm', args: ['run', 'asbuild'] }],
  },
  {
    name: 'bundle',
    inputs: ['src', 'tsup.config.ts', 'tsconfig.json', 'package.json', 'package-lock.json', 'scripts/build-stages.mjs'],
    outputs: ['dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/index.d.cts', 'dist/browser.js', 'dist/cli.js', 'dist/flow.js', 'dist/flow.cjs', 'dist/whatif-worker.js', 'dist/sweep.js', 'dist/sweep-worker.js', 'schema/scenario.schema.json'],
    clean: ['dist'],
    steps: [
      { label: 'bundles (tsup)', cmd: 'tsup', args: [] },
      { label: 'JSON Schema (node dist/cli.js schema)', cmd: process.execPath, args: ['dist/cli.js', 'schema'], stdoutTo: 'schema/scenario.schema.json' },
    ],
  },
];

function walk(path, files) {
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) return;
  if (st.isDirectory()) for (const name of readdirSync(path).sort()) walk(join(path, name), files);
  else if (st.isFile()) files.push(path);
}

/** SHA-256 over the stage's input files under `root` (relative path and bytes, in sorted order). */
export function inputsHash(stage, root = ROOT) {
  const files = [];
  for (const input of stage.inputs) walk(join(root, input), files);
  const h = createHash('sha256');
  for (const file of files) {
    h.update(relative(root, file).split(sep).join('/'));
    h.update('\0');
    h.update(readFileSync(file));
    h.update('\0');
  }
  return h.digest('hex');
}

/** The stage's outputs that do not exist. */
export function missingOutputs(stage, root = ROOT) {
  return stage.outputs.filter((f) => !existsSync(join(root, f)));
}

/** `{ [stage]: inputsHash }` of the last successful build of each stage. */
export function readStamps() {
  try {
    const s = JSON.parse(readFileSync(STAMPS, 'utf8'));
    return s && typeof s === 'object' ? s : {};
  } catch {
    return {};
  }
}

export function writeStamps(stamps) {
  mkdirSync(dirname(STAMPS), { recursive: true });
  writeFileSync(STAMPS, `${JSON.stringify(stamps, null, 2)}\n`);
}
