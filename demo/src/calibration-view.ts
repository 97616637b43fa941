/** The calibration tab's report: GFLOP/s per kernel and size, the adapter, and its flags. */
import type { Reply } from './protocol.js';

export function renderCalibration(status: HTMLElement, host: HTMLElement, r: Extract<Reply, { type: 'calibrated' }>): void {
  if (!r.report) {
    status.textContent = `Calibration failed: ${r.error ?? 'unknown error'}`;
    host.replaceChildren();
    return;
  }
  const rep = r.report;
  const a = rep.webgpu.adapter;
  const parts: string[] = [];
  if (rep.webgpu.status !== 'ok') {
    parts.push(`No WebGPU here (${rep.webgpu.status}${rep.webgpu.reason ? `: ${rep.webgpu.reason}` : ''}${r.hasGpu ? '' : '; this browser has no navigator.gpu in workers'}). Only the CPU kernels ran; "intelligent" capacity cannot be calibrated on this browser.`);
  } else if (a) {
    parts.push(`WebGPU adapter: ${a.description || a.architecture || a.vendor || 'unnamed'} (${a.vendor}${a.architecture ? `, ${a.architecture}` : ''}).`);
  }
  status.replaceChildren(document.createTextNode(parts.join(' ')));
  if (a && !a.representative) {
    const flag = Object.assign(document.createElement('span'), { className: 'flag', textContent: ' Not representative: a software or fallback adapter; the figures show correctness, not hardware throughput.' });
    flag.dataset['flag'] = 'not-representative';
    status.appendChild(flag);
  }
  const t = document.createElement('table');
  t.id = 'calibration-table';
  t.innerHTML = '<caption>Measured throughput (each result checked against a CPU reference)</caption><thead><tr><th scope="col">section</th><th scope="col">kernel</th><th scope="col">precision</th><th scope="col">size n</th><th scope="col">GFLOP/s</th><th scope="col">status</th></tr></thead>';
  const body = t.createTBody();
  for (const [section, results] of [['webgpu', rep.webgpu.results], ['cpu', rep.cpu.results]] as const) {
    for (const k of results) {
      const tr = body.insertRow();
      tr.dataset['section'] = section;
      tr.dataset['status'] = k.status;
      for (const v of [section, k.kernel, k.precision, String(k.size), k.gflops === undefined ? '—' : k.gflops.toFixed(2), `${k.status}${k.reason ? `: ${k.reason}` : ''}`]) tr.insertCell().textContent = v;
    }
  }
  host.replaceChildren(t);
}
