// Page script of test/calibrate-browser.test.ts: bundled for the browser at test time (tsup),
// runs a small calibration with navigator.gpu and leaves the report for the test to read.
import { calibrate } from '../src/calibrate/calibrate.js';

declare global {
  interface Window {
    runCalibration(): Promise<unknown>;
  }
}

window.runCalibration = async () => {
  const hasGpu = 'gpu' in navigator;
  try {
    const report = await calibrate({
      sizes: [64, 128],
      cpuSizes: [64],
      webgpu: 'require',
      minSamples: 2,
      maxSamples: 3,
      maxMsPerSize: 200,
      targetSpread: 1,
      budgetMsPerKernel: 20_000,
    });
    return { ok: true, hasGpu, report };
  } catch (err) {
    return { ok: false, hasGpu, error: `${(err as Error).name}: ${(err as Error).message}` };
  }
};
document.title = 'suanflow calibration ready';
