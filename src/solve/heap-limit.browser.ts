/** Browser twin of `heap-limit.ts` (swapped in by the browser build): no Node built-in. */

/** `maxMemoryMB` where the engine does not say its heap limit (browsers). */
export const BROWSER_MAX_MEMORY_MB = 2048;

/** Default of `SolveOptions.maxMemoryMB` in browsers: {@link BROWSER_MAX_MEMORY_MB}. */
export function defaultMaxMemoryMB(): Promise<number> {
  return Promise.resolve(BROWSER_MAX_MEMORY_MB);
}

// The twin offers what heap-limit.ts offers, with the same types (checked by tsc).
({ BROWSER_MAX_MEMORY_MB, defaultMaxMemoryMB }) satisfies typeof import('./heap-limit.js');
