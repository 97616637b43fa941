/** Built-in scenarios: plain JSON data, ready for `solve` or `JSON.stringify`. */
import { eastDataWestComputing } from './east-data-west-computing.js';

/** Built-in scenarios by name. */
export const scenarios = { eastDataWestComputing } as const;

export { eastDataWestComputing };
