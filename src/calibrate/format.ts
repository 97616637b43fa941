/** Text table of a calibration report (the CLI prints it; the bench writes it as markdown). */
import type { CalibrationReport, KernelResult } from './types.js';

/** One line per kernel and size: backend, kernel, precision, n, status, median, p10/p90, GFLOP/s, error. */
export function formatCalibration(report: CalibrationReport, markdown = false): string {
  const lines: string[] = [];
  const w = report.webgpu;
  if (w.adapter) {
    const a = w.adapter;
    const name = [a.vendor, a.architecture, a.device, a.description].filter(Boolean).join(' / ') || '(unnamed adapter)';
    lines.push(`WebGPU adapter: ${name}${a.representative ? '' : '  [SOFTWARE/FALLBACK ADAPTER: NOT REPRESENTATIVE]'}; timing: ${w.timing}`);
  } else {
    lines.push(`WebGPU: ${w.status}${w.reason ? ` (${w.reason})` : ''}`);
  }
  if (w.status === 'device-lost') lines.push(`WebGPU device lost: ${w.reason ?? ''}`);
  for (const n of [...w.notes, ...report.cpu.notes]) lines.push(`note: ${n}`);
  lines.push('');
  const header = ['backend', 'kernel', 'prec', 'n', 'status', 'median ms', 'p10 ms', 'p90 ms', 'GFLOP/s', 'max rel err'];
  const rows = [...w.results, ...report.cpu.results].map(row);
  lines.push(...table(header, rows, markdown));
  return lines.join('\n');
}

/** One progress line for stderr. */
export function progressLine(r: KernelResult): string {
  const what = `${r.backend} ${r.kernel} ${r.precision} n=${r.size}`;
  if (r.status === 'ok') return `calibrate: ${what}: ${fix(r.gflops)} GFLOP/s (median ${fix(r.medianMs)} ms, ${r.samples} samples, ${r.timing})`;
  return `calibrate: ${what}: ${r.status}${r.reason ? ` (${r.reason})` : ''}`;
}

function row(r: KernelResult): string[] {
  return [
    r.backend,
    r.kernel,
    r.precision,
    String(r.size),
    r.status,
    fix(r.medianMs),
    fix(r.p10Ms),
    fix(r.p90Ms),
    fix(r.gflops),
    r.check ? (Number.isFinite(r.check.maxRelError) ? r.check.maxRelError.toExponential(1) : 'inf') : '',
  ];
}

function fix(x: number | undefined): string {
  if (x === undefined) return '';
  return x >= 100 ? x.toFixed(0) : x >= 1 ? x.toFixed(2) : x.toPrecision(3);
}

function table(header: string[], rows: string[][], markdown: boolean): string[] {
  if (markdown) {
    return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const fmt = (r: string[]) => r.map((c, i) => (i >= 3 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  return [fmt(header), ...rows.map(fmt)];
}
