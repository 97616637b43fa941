// Builds suanflow (wasm kernels, then the tsup bundles and the JSON Schema) with every tool's
// output captured: nothing is printed unless a step fails, and then that step's output is.
//
//   node scripts/build.mjs              build everything (npm run build, npm test)
//   node scripts/build.mjs --if-stale   build only the stages whose inputs changed since their
//                                       last successful build, or whose outputs are missing (npm start)
//   node scripts/build.mjs --verbose    show every tool's output as it runs
//
// Staleness is decided by content hashes of each stage's inputs (scripts/build-stages.mjs), kept in
// build/stamps.json after a stage succeeds, so a fresh checkout, a `git switch` or an edit all count.
import { spawn } from 'node:child_process';
import { rmSync, writeFileSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { STAGES, ROOT, inputsHash, missingOutputs, readStamps, writeStamps } from './build-stages.mjs';

const args = new Set(process.argv.slice(2));
const unknown = [...args].filter((a) => !['--if-stale', '--verbose'].includes(a));
if (unknown.length > 0) {
  console.error(`build: unknown option ${unknown.join(' ')} (use --if-stale, --verbose)`);
  process.exit(2);
}
const ifStale = args.has('--if-stale');
const verbose = args.has('--verbose');

const env = { ...process.env, PATH: `${join(ROOT, 'node_modules', '.bin')}${delimiter}${process.env.PATH ?? ''}` };

/** Runs one command; resolves to its exit code and combined output (streamed too when verbose). */
function run(cmd, cmdArgs) {
  return new Promise((resolve) => {
    const child = spawn(cmd, cmdArgs, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const stdout = [];
    const collect = (stream, sink, echo) =>
      stream.on('data', (chunk) => {
        out.push(chunk);
        sink?.push(chunk);
        if (verbose) echo.write(chunk);
      });
    collect(child.stdout, stdout, process.stdout);
    collect(child.stderr, undefined, process.stderr);
    child.on('error', (err) => resolve({ code: 127, output: `${cmd}: ${err.message}\n`, stdout: '' }));
    child.on('close', (code, signal) =>
      resolve({ code: code ?? 1, output: Buffer.concat(out).toString('utf8') + (signal ? `(ended by ${signal})\n` : ''), stdout: Buffer.concat(stdout).toString('utf8') }),
    );
  });
}

/** Writes `text` to `file` only when it differs (keeps the mtime of an unchanged tracked file). */
function writeIfChanged(file, text) {
  let old;
  try {
    old = readFileSync(file, 'utf8');
  } catch {
    old = undefined;
  }
  if (old !== text) writeFileSync(file, text);
}

const stamps = readStamps();
const todo = [];
let upstreamRebuilt = false;
for (const stage of STAGES) {
  const hash = inputsHash(stage);
  // Later stages read earlier stages' outputs (the bundle embeds the wasm): rebuilt with them.
  const stale = !ifStale || upstreamRebuilt || stamps[stage.name] !== hash || missingOutputs(stage).length > 0;
  if (stale) {
    todo.push(stage);
    upstreamRebuilt = true;
  }
}
if (todo.length === 0) process.exit(0);

const t0 = performance.now();
if (ifStale) {
  const why = todo.every((s) => stamps[s.name] === undefined) ? 'first build here' : 'sources changed since the last build';
  process.stderr.write(`suanflow: building ${todo.map((s) => s.name).join(' and ')} (${why}; this takes a while once)...\n`);
}
for (const stage of todo) {
  delete stamps[stage.name];
  writeStamps(stamps);
  if (stage.clean) for (const dir of stage.clean) rmSync(join(ROOT, dir), { recursive: true, force: true });
  for (const step of stage.steps) {
    const r = await run(step.cmd, step.args);
    if (r.code !== 0) {
      if (!verbose) process.stderr.write(r.output);
      process.stderr.write(`\nbuild failed at step "${step.label}" (${[step.cmd, ...step.args].join(' ')}, exit code ${r.code}); its output is above.\n`);
      process.exit(1);
    }
    if (step.stdoutTo) writeIfChanged(join(ROOT, step.stdoutTo), r.stdout);
  }
  const missing = missingOutputs(stage);
  if (missing.length > 0) {
    process.stderr.write(`build: stage ${stage.name} finished but did not produce ${missing.join(', ')}\n`);
    process.exit(1);
  }
  stamps[stage.name] = inputsHash(stage);
  writeStamps(stamps);
}
process.stderr.write(`suanflow: built ${todo.map((s) => s.name).join(' and ')} in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
