/** Built-in scenarios: plain JSON data, ready for `solve` or `JSON.stringify`. */
import { eastDataWestComputing } from './east-data-west-computing.js';
import { eastDataWestComputingGreenHubs, GREEN_HUB_SHARE, GREEN_HUB_TOP_UP, type GreenHubsOptions } from './green-hubs.js';

/** Built-in scenarios by name. */
export const scenarios = { eastDataWestComputing, greenHubs: eastDataWestComputingGreenHubs() } as const;

export { eastDataWestComputing, eastDataWestComputingGreenHubs, GREEN_HUB_SHARE, GREEN_HUB_TOP_UP };
export type { GreenHubsOptions };
