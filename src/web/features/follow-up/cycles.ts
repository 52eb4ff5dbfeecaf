import type { Cycle } from '../../../contract/follow-up.js';

/** The cycle a page shows when none is asked (or an unknown one): the newest with accepted reports
 * (the open cycle has none to show yet), else the newest. Cycles come newest first. */
export function chosenCycle(cycles: readonly Cycle[], asked: string | null): Cycle | undefined {
  return cycles.find((c) => c.id === asked) ?? cycles.find((c) => c.progress.accepted > 0) ?? cycles[0];
}
