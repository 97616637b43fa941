/**
 * Colours that survive colour blindness: the Okabe–Ito palette (Okabe & Ito 2008, "Color
 * Universal Design"), and a dash pattern per class so the map reads in grey scale too.
 */
import type { ComputeClass } from '../../src/scenario/types.js';

export const CLASS_COLOUR: Readonly<Record<ComputeClass, string>> = {
  general: '#0072B2', // blue
  intelligent: '#E69F00', // orange
  super: '#CC79A7', // reddish purple
};
export const CLASS_DASH: Readonly<Record<ComputeClass, string>> = { general: '', intelligent: '7 3', super: '2 2' };
export const OFFLINE_COLOUR = '#D55E00'; // vermillion
export const GREEN_COLOUR = '#009E73'; // bluish green
export const SKY_COLOUR = '#56B4E9';
export const STRATEGY_COLOUR: Readonly<Record<string, string>> = { nearest: '#999999', costOnly: '#56B4E9', optimal: '#009E73' };
