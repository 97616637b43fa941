import { describe, expect, it } from 'vitest';
import { shiftMultipliers } from '../src/simulate/replan.js';

describe('decompose warm starts across simulate re-plans', () => {
  it('shifts hour-indexed rows one hour with the window, drops hour 0, keeps horizon-wide rows', () => {
    const m = new Map([
      ['grn_2_0', 1],
      ['grn_2_5', 2],
      ['bw_1_3', 3],
      ['carbon_cap', 4],
      ['green_share', 5],
      ['site_green_3', 6],
    ]);
    expect([...shiftMultipliers(m)].sort()).toEqual(
      [
        ['grn_2_4', 2],
        ['bw_1_2', 3],
        ['carbon_cap', 4],
        ['green_share', 5],
        ['site_green_3', 6],
      ].sort(),
    );
  });
});
