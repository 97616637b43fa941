/**
 * `applyCalibration`: measured throughput × device count → a site's capacity in scenario units.
 *
 * Units (those of the built-in scenario, see src/scenario/types.ts):
 * - intelligent: 1 unit = 1 PFLOPS-hour FP16, so units per hour = PFLOP/s sustained
 *   = GFLOP/s × devices / 10⁶ (= TFLOP/s × devices / 1000). The best checked WebGPU f16 result is
 *   used; without one (no `shader-f16`), the best WebGPU f32 result, and the provenance says so.
 * - super: 1 unit = 1 PFLOPS-hour FP64: the best checked CPU f64 result (wasm SIMD, else TS),
 *   GFLOP/s × devices / 10⁶. The CPU kernel is single-threaded: a "device" is one core.
 * - general: 1 unit = 1 standard rack-hour, and a rack is not a FLOP count. Calibration keeps
 *   racks and needs `gflopsPerUnit` (the CPU f64 GFLOP/s one standard rack delivers):
 *   units per hour = GFLOP/s × devices / gflopsPerUnit. Without it, it refuses.
 * Results from software or fallback adapters are refused unless `allowNotRepresentative`.
 */
import type { ComputeClass, Scenario, Site } from '../scenario/types.js';
import { COMPUTE_CLASSES } from '../scenario/types.js';
import { optionNames, rejectUnknownOptions } from '../options.js';
import { CalibrationError } from './errors.js';
import type { CalibrationReport, KernelResult } from './types.js';

/** Which site and class to calibrate, and how many measured devices it has. */
export interface ApplyCalibrationOptions {
  /** Site id. */
  readonly site: string;
  /** Compute class whose capacity is replaced. */
  readonly class: ComputeClass;
  /** Devices like the measured one at the site (GPUs for intelligent, cores for super/general). */
  readonly devices: number;
  /** general only: CPU f64 GFLOP/s of one standard rack (the class unit); required for general. */
  readonly gflopsPerUnit?: number;
  /** Accept results from software or fallback adapters (tests, demos). @default false */
  readonly allowNotRepresentative?: boolean;
}

/** The measurement a class uses, and how it is converted. */
function pick(report: CalibrationReport, cls: ComputeClass, allowNotRepresentative: boolean): { r: KernelResult & { gflops: number }; note: string } {
  const ok = (rs: readonly KernelResult[], precision: string) =>
    rs.filter((r): r is KernelResult & { gflops: number } => r.status === 'ok' && r.gflops !== undefined && r.precision === precision);
  const best = (rs: (KernelResult & { gflops: number })[]) => rs.reduce<(KernelResult & { gflops: number }) | undefined>((m, r) => (!m || r.gflops > m.gflops ? r : m), undefined);
  if (cls === 'intelligent') {
    const adapter = report.webgpu.adapter;
    if (adapter && !adapter.representative && !allowNotRepresentative) {
      throw new CalibrationError('bad-target', `the WebGPU results come from a software or fallback adapter (${adapter.description || adapter.architecture || adapter.vendor}): not representative; pass allowNotRepresentative to use them anyway`);
    }
    const f16 = best(ok(report.webgpu.results, 'f16'));
    if (f16) return { r: f16, note: 'WebGPU f16' };
    const f32 = best(ok(report.webgpu.results, 'f32'));
    if (f32) return { r: f32, note: 'WebGPU f32 (adapter has no shader-f16; FP16 units from f32 throughput)' };
    throw new CalibrationError('bad-target', `the report has no checked WebGPU result (webgpu status: ${report.webgpu.status}) to calibrate intelligent capacity`);
  }
  const cpu = ok(report.cpu.results, 'f64');
  const r = best(cpu.filter((x) => x.backend === 'wasm-simd')) ?? best(cpu);
  if (!r) throw new CalibrationError('bad-target', `the report has no checked CPU f64 result to calibrate ${cls} capacity`);
  return { r, note: `CPU f64 ${r.backend}, one thread per device` };
}

/**
 * A new scenario whose site `site` has capacity for `class` = measured throughput × `devices`
 * in the scenario's units (see the module comment), the previous value and its provenance kept
 * in `capacitySource`. The input scenario is not changed.
 * @throws CalibrationError `bad-target` for an unknown site or class, bad devices, general
 * without `gflopsPerUnit`, a site without powerKW/unitCost for the class, or no usable result.
 * @example applyCalibration(sc, report, { site: 'zhongwei', class: 'intelligent', devices: 4096 })
 */
const OPTION_NAMES = optionNames<ApplyCalibrationOptions>()('site', 'class', 'devices', 'gflopsPerUnit', 'allowNotRepresentative');

export function applyCalibration(scenario: Scenario, report: CalibrationReport, options: ApplyCalibrationOptions): Scenario {
  rejectUnknownOptions('applyCalibration', options, OPTION_NAMES);
  const { site: siteId, class: cls, devices } = options;
  const index = scenario.sites.findIndex((s) => s.id === siteId);
  if (index < 0) {
    throw new CalibrationError('bad-target', `unknown site "${siteId}"; sites: ${scenario.sites.map((s) => s.id).join(', ') || '(none)'}`);
  }
  if (!(COMPUTE_CLASSES as readonly string[]).includes(cls)) {
    throw new CalibrationError('bad-target', `unknown compute class "${String(cls)}" for site "${siteId}"; classes: ${COMPUTE_CLASSES.join(', ')}`);
  }
  if (!(Number.isFinite(devices) && devices > 0)) throw new CalibrationError('bad-target', `devices must be a number > 0, got ${String(devices)}`);
  const site = scenario.sites[index] as Site;
  if (site.powerKW[cls] === undefined || site.unitCost[cls] === undefined) {
    throw new CalibrationError('bad-target', `site "${siteId}" has no powerKW.${cls} / unitCost.${cls}: add them before calibrating ${cls} capacity`);
  }
  let divisor = 1e6;
  let unit = 'PFLOPS-hour';
  if (cls === 'general') {
    const g = options.gflopsPerUnit;
    if (g === undefined) {
      throw new CalibrationError('bad-target', `class "general" of site "${siteId}" is counted in standard rack-hours, not FLOPs: give gflopsPerUnit (CPU f64 GFLOP/s of one standard rack) to convert`);
    }
    if (!(Number.isFinite(g) && g > 0)) throw new CalibrationError('bad-target', `gflopsPerUnit must be a number > 0, got ${String(g)}`);
    divisor = g;
    unit = `rack-hour (${g} GFLOP/s each)`;
  }
  const { r, note } = pick(report, cls, options.allowNotRepresentative ?? false);
  const capacity = (r.gflops * devices) / divisor;
  const previous = site.capacity[cls];
  const provenance =
    `calibrated ${cls} ${report.createdAt}: ${fmt(r.gflops)} GFLOP/s (${note}, kernel ${r.kernel}, n=${r.size}` +
    `${cls === 'intelligent' && report.webgpu.adapter ? `, adapter ${report.webgpu.adapter.description || report.webgpu.adapter.architecture}` : ''})` +
    ` × ${devices} devices / ${divisor === 1e6 ? '1e6' : divisor} = ${fmt(capacity)} ${unit} per hour; previous ${previous === undefined ? 'none' : JSON.stringify(previous)}` +
    `${site.capacitySource ? ` (${site.capacitySource})` : ''}`;
  const updated: Site = { ...site, capacity: { ...site.capacity, [cls]: capacity }, capacitySource: provenance };
  return { ...scenario, sites: scenario.sites.map((s, i) => (i === index ? updated : s)) };
}

function fmt(x: number): string {
  return Number(x.toPrecision(4)).toString();
}

