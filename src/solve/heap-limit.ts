/**
 * The default of `SolveOptions.maxMemoryMB` outside browser bundles. The browser build
 * (`dist/browser.js`) uses `heap-limit.browser.ts`, which names no Node built-in.
 */

/** `maxMemoryMB` where the engine does not say its heap limit (browsers). */
export const BROWSER_MAX_MEMORY_MB = 2048;

const MB = 2 ** 20;

/**
 * Default of `SolveOptions.maxMemoryMB`: in Node 75% of V8's heap limit
 * (`v8.getHeapStatistics().heap_size_limit`, raised by `node --max-old-space-size`), leaving room
 * for the scenario, the plan and the caller; elsewhere {@link BROWSER_MAX_MEMORY_MB}.
 */
export async function defaultMaxMemoryMB(): Promise<number> {
  if (typeof process !== 'undefined' && typeof process.versions?.node === 'string') {
    try {
      const v8 = await import('node:v8');
      return Math.floor((0.75 * v8.getHeapStatistics().heap_size_limit) / MB);
    } catch {
      // fall through
    }
  }
  return BROWSER_MAX_MEMORY_MB;
}
