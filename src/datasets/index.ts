/** Built-in scenarios: plain JSON data, ready for `solve` or `JSON.stringify`. */
import { eastDataWestComputing } from './east-data-west-computing.js';
import { eastDataWestComputingGreenHubs, GREEN_HUB_SHARE, GREEN_HUB_TOP_UP, type GreenHubsOptions } from './green-hubs.js';

import { eastDataWestComputingData, EDWC_BACKBONE, type DataGravityOptions } from './data-gravity.js';

/** Built-in scenarios by name (`dataGravity`: the day with backbone, datasets, models, residency; ILLUSTRATIVE). */
export const scenarios = { eastDataWestComputing, greenHubs: eastDataWestComputingGreenHubs(), dataGravity: eastDataWestComputingData() } as const;

export { eastDataWestComputing, eastDataWestComputingGreenHubs, GREEN_HUB_SHARE, GREEN_HUB_TOP_UP };
export type { GreenHubsOptions, DataGravityOptions };
export { eastDataWestComputingData, EDWC_BACKBONE };
