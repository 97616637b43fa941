// Shared gate of the WebGPU / browser calibration tests: they run only where an adapter (or
// /usr/bin/chromium) exists, are skipped visibly otherwise, and fail instead of skipping when
// SUANFLOW_REQUIRE_WEBGPU=1 (set by .ci/run, so CI notices when WebGPU silently disappears).
import { it } from 'vitest';
import { findGpu } from '../src/calibrate/gpu-device.js';

export const REQUIRE_WEBGPU = process.env['SUANFLOW_REQUIRE_WEBGPU'] === '1';

/** Why Node has no WebGPU adapter here, or undefined when it has one. */
export async function nodeWebgpuMissing(): Promise<string | undefined> {
  try {
    const gpu = await findGpu();
    const adapter = await gpu.requestAdapter();
    if (!adapter) {
      return `no WebGPU adapter in Node (npm webgpu found no Vulkan driver; set VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json after apt-get install chromium libvulkan1)`;
    }
    return undefined;
  } catch (err) {
    return `no WebGPU in Node (${(err as Error).message})`;
  }
}

/**
 * Announces a skip (console note) or, when WebGPU is required, registers a failing test.
 * Returns true when the gated tests should be skipped.
 */
export function gate(area: string, missing: string | undefined): boolean {
  if (missing === undefined) return false;
  if (REQUIRE_WEBGPU) {
    it(`${area}: required by SUANFLOW_REQUIRE_WEBGPU=1`, () => {
      throw new Error(`SUANFLOW_REQUIRE_WEBGPU=1 but ${missing}`);
    });
    return true;
  }
  console.warn(`[suanflow] SKIPPED ${area}: ${missing}`);
  return true;
}
