/**
 * How glpk.js is loaded outside browser bundles (Node ESM/CJS, and bundlers without a `browser`
 * condition): the entry is picked at run time, `glpk.js/node` (synchronous, with a worker thread for
 * abortable solves) in Node and `glpk.js` (a Web Worker) elsewhere. The browser build
 * (`dist/browser.js`) uses `glpk-load.browser.ts` instead, which never names the Node entry.
 */
export { solveInWorker } from './glpk-worker.js';

const isNode = (): boolean => typeof process !== 'undefined' && typeof process.versions?.node === 'string';

/** The glpk.js module for this platform (its default export is the factory). */
export function importGlpk(): Promise<unknown> {
  return isNode() ? import('glpk.js/node') : import('glpk.js');
}
