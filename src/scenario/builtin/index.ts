/** Built-in scenarios: plain JSON data, ready for `solve` or `JSON.stringify`. */
import { eastDataWestComputing } from './east-data-west-computing.js';
import { eastDataWestComputingGreenHubs } from './green-hubs.js';

/** Built-in scenarios by name. */
export const scenarios = { eastDataWestComputing, greenHubs: eastDataWestComputingGreenHubs() } as const;

export { eastDataWestComputing, eastDataWestComputingGreenHubs };
