/**
 * Option objects of public functions: unknown names are misuse, as unknown scenario keys are
 * (a typo such as `{ backnd: 'glpk' }` must not run silently with the defaults).
 */
import { OptionsError } from './errors.js';

/**
 * Throws an `OptionsError` naming the first unknown option of `fn` and listing the valid ones.
 * `options` that is not a plain object (or is undefined) is reported as such.
 */
export function rejectUnknownOptions(fn: string, options: unknown, known: readonly string[]): void {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new OptionsError(`${fn}(options)`, `must be an object of options, got ${Array.isArray(options) ? 'an array' : String(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      const valid = [...known].sort().join(', ');
      throw new OptionsError(key, `is not an option of ${fn} (valid: ${valid})`);
    }
  }
}

/**
 * The option names of `T`, checked by the compiler to be exactly its keys (a name missing from
 * the list, or one that is not a key, is a type error), for {@link rejectUnknownOptions}.
 * @example const NAMES = optionNames<ReportOptions>()('topFlows', 'maxRows');
 */
export function optionNames<T>() {
  return <const K extends readonly (keyof T & string)[]>(...names: K & ([Exclude<keyof T, K[number]>] extends [never] ? unknown : { missing: Exclude<keyof T, K[number]> })): readonly string[] => names;
}

