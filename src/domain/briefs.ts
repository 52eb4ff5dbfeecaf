/** The observatory's "regional concerns" brief for a ministerial meeting (issue 14). */
import type { TrendFlag } from './trends.js';

export const BRIEF_TITLE_MAX = 300;
export const BRIEF_BODY_MAX = 50_000;

/** An indicator worsened in a state when its trend is significant in the bad direction: a rise
 * where higher is worse, a fall where higher is better. */
export function worsened(flag: TrendFlag, higherIsWorse: boolean): boolean {
  return flag === (higherIsWorse ? 'significant-rise' : 'significant-fall');
}
