/**
 * `suanflow calibrate [--json] [--sizes 256,512,…] [--cpu-sizes …] [--budget-ms N] [--no-webgpu]
 *  [--no-cpu] [--apply scenario.json --site ID --class C --devices N [--gflops-per-unit G]
 *  [--allow-software] [--out file]]`
 * Progress lines go to stderr, the table (or JSON) to stdout. Exit codes: 0 ok, 1 fault,
 * 2 bad input.
 */
import { writeFileSync } from 'node:fs';
import { isQuiet, numberOption, readScenario, runCommand, UsageError } from './args.js';
import { parseFlags } from './parse.js';
import { validateScenario } from '../scenario/validate.js';
import type { ComputeClass } from '../scenario/types.js';
import { applyCalibration } from '../calibrate/apply.js';
import { calibrate, type CalibrateOptions } from '../calibrate/calibrate.js';
import { CalibrationError } from '../calibrate/errors.js';
import { formatCalibration, progressLine } from '../calibrate/format.js';

export const CALIBRATE_USAGE = `usage: suanflow calibrate [options]

  --json                 print the CalibrationReport as JSON instead of a table
  --sizes 256,512,...    WebGPU matrix orders (default 256,512,1024,2048,4096; capped by time budget)
  --cpu-sizes 256,...    CPU matrix orders (default 256,512,1024)
  --budget-ms N          time budget per kernel over all sizes, ms (default 20000)
  --no-webgpu            skip WebGPU        --no-cpu   skip the CPU kernels
  --require-webgpu       fail (exit 1) when there is no WebGPU adapter
  --apply FILE           write the calibration into this scenario (needs --site, --class, --devices)
  --site ID  --class general|intelligent|super  --devices N
  --gflops-per-unit G    general only: CPU f64 GFLOP/s of one standard rack
  --allow-software       accept results of a software/fallback adapter for --apply
  --out FILE             where the calibrated scenario goes (default: stdout after the table)

  -q, --quiet            no progress lines on stderr
  -h, --help             this text

In Node, WebGPU needs the optional webgpu package (npm install webgpu@0.6.2) and, without a GPU,
a Vulkan driver: VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json

example:
  suanflow calibrate --sizes 256,512 --apply my-scenario.json --site Wuhu --class intelligent --devices 800 --out calibrated.json

exit codes: 0 ok, 1 a fault (or no adapter with --require-webgpu), 2 bad input`;

function sizes(name: string, v: string | undefined): number[] | undefined {
  if (v === undefined) return undefined;
  const out = v.split(',').map((s) => s.trim());
  const nums = out.map(Number);
  if (out.some((s) => s === '') || nums.some((n) => !Number.isInteger(n) || n < 1 || n > 16384)) {
    throw new UsageError(`--${name} must be a comma-separated list of integers in 1 … 16384, got "${v}"`);
  }
  return nums;
}

/** Runs `suanflow calibrate` with the arguments after the command name; resolves to the exit code. */
export async function calibrateCommand(argv: string[]): Promise<number> {
  // A bad option or target of calibrate() itself is bad input too.
  const badTarget = (e: unknown) => e instanceof CalibrationError && (e.code === 'bad-option' || e.code === 'bad-target');
  return runCommand('calibrate', () => run(argv), undefined, badTarget);
}

async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
      json: { type: 'boolean' },
      sizes: { type: 'string' },
      'cpu-sizes': { type: 'string' },
      'budget-ms': { type: 'string' },
      'no-webgpu': { type: 'boolean' },
      'no-cpu': { type: 'boolean' },
      'require-webgpu': { type: 'boolean' },
      apply: { type: 'string' },
      site: { type: 'string' },
      class: { type: 'string' },
      devices: { type: 'string' },
      'gflops-per-unit': { type: 'string' },
      'allow-software': { type: 'boolean' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(`${CALIBRATE_USAGE}\n`);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const gpuSizes = sizes('sizes', values.sizes);
  const cpuSizes = sizes('cpu-sizes', values['cpu-sizes']);
  const budget = numberOption('budget-ms', values['budget-ms'], (x) => x > 0, 'a number > 0');
  // Check --apply inputs before spending minutes measuring.
  let apply: { file: string; scenario: ReturnType<typeof validateScenario>; site: string; cls: ComputeClass; devices: number; g?: number } | undefined;
  if (values.apply !== undefined) {
    const { site, class: cls } = values;
    const devices = numberOption('devices', values.devices, (x) => x > 0, 'a number > 0');
    if (site === undefined || cls === undefined || devices === undefined) throw new UsageError('--apply needs --site, --class and --devices');
    if (!['general', 'intelligent', 'super'].includes(cls)) throw new UsageError(`--class must be general, intelligent or super, got "${cls}"`);
    const scenario = validateScenario(readScenario(values.apply));
    if (!scenario.sites.some((s) => s.id === site)) throw new UsageError(`unknown site "${site}"; sites: ${scenario.sites.map((s) => s.id).join(', ')}`);
    const g = numberOption('gflops-per-unit', values['gflops-per-unit'], (x) => x > 0, 'a number > 0');
    if (cls === 'general' && g === undefined) throw new UsageError('--class general needs --gflops-per-unit (CPU f64 GFLOP/s of one standard rack)');
    apply = { file: values.apply, scenario, site, cls: cls as ComputeClass, devices, ...(g !== undefined ? { g } : {}) };
  }
  if (apply && values.json && values.out === undefined) throw new UsageError('--apply with --json needs --out FILE (stdout holds the report)');
  const webgpuMode = values['no-webgpu'] ? 'off' : values['require-webgpu'] ? 'require' : 'auto';
  const options: CalibrateOptions = {
    webgpu: webgpuMode,
    cpu: !values['no-cpu'],
    ...(gpuSizes ? { sizes: gpuSizes } : {}),
    ...(cpuSizes ? { cpuSizes } : {}),
    ...(budget !== undefined ? { budgetMsPerKernel: budget } : {}),
    onResult: (r) => {
      if (!isQuiet()) process.stderr.write(`${progressLine(r)}\n`);
    },
  };
  const report = await calibrate(options);
  if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else process.stdout.write(`${formatCalibration(report)}\n`);
  if (apply) {
    const next = applyCalibration(apply.scenario, report, {
      site: apply.site,
      class: apply.cls,
      devices: apply.devices,
      ...(apply.g !== undefined ? { gflopsPerUnit: apply.g } : {}),
      allowNotRepresentative: Boolean(values['allow-software']),
    });
    const text = `${JSON.stringify(next, null, 2)}\n`;
    if (values.out !== undefined) {
      writeFileSync(values.out, text);
      if (!isQuiet()) process.stderr.write(`calibrate: wrote ${values.out} (site ${apply.site}, ${apply.cls})\n`);
    } else process.stdout.write(text);
  }
  return 0;
}
