/** The agenda of a meeting: how long its texts may be and how many items and presenters it holds. */

export const AGENDA_TITLE_MAX = 300;
export const AGENDA_DESCRIPTION_MAX = 5000;
export const AGENDA_PRESENTERS_MAX = 20;
export const AGENDA_PRESENTER_MAX = 200;
export const AGENDA_ITEMS_MAX = 200;
export const AGENDA_PILLARS_MAX = 10;

/** An agenda item's place in time: both UTC instants, or both null. */
export interface TimedItem {
  id: string;
  startsAt: string | null;
  endsAt: string | null;
}

/**
 * The times of an agenda put in a new order, so that order and times never contradict: the timed
 * items follow one another in their new order from the agenda's first start, each keeping its
 * length, with the breaks between the slots (a lunch, a night) kept where they were in the
 * programme; untimed items stay untimed. Moving 10:30's item above 10:00's gives it 10:00 and the
 * other the slot after it. Only the items whose times change are returned.
 */
export function retimed(before: readonly TimedItem[], after: readonly TimedItem[]): Map<string, TimedItem> {
  const slots = before
    .filter((item) => item.startsAt !== null && item.endsAt !== null)
    .map((item) => ({ start: Date.parse(item.startsAt as string), end: Date.parse(item.endsAt as string) }))
    .sort((a, b) => a.start - b.start);
  const changed = new Map<string, TimedItem>();
  const first = slots[0];
  if (!first) return changed;
  const breaks = slots.slice(1).map((slot, i) => Math.max(0, slot.start - (slots[i] as { end: number }).end));
  let cursor = first.start;
  const timed = after.filter((item) => item.startsAt !== null && item.endsAt !== null);
  for (const [i, item] of timed.entries()) {
    if (i > 0) cursor += breaks[i - 1] ?? 0;
    const length = Date.parse(item.endsAt as string) - Date.parse(item.startsAt as string);
    const moved = {
      id: item.id,
      startsAt: new Date(cursor).toISOString(),
      endsAt: new Date(cursor + length).toISOString(),
    };
    if (Date.parse(moved.startsAt) !== Date.parse(item.startsAt as string)) changed.set(item.id, moved);
    cursor += length;
  }
  return changed;
}

/** Where a start time would contradict the agenda's order: the neighbour it would pass. */
export interface OrderClash {
  side: 'previous' | 'next';
  /** The neighbour's place in the agenda, from 1. */
  position: number;
  startsAt: string;
}

/**
 * Whether starting item `id` (null: a new item, added last) at `startsAt` contradicts the order of
 * `items` (the agenda in order): it may not start before the timed item above it nor after the one
 * below it, as reordering keeps order and times in step (retimed). Equal starts are allowed.
 */
export function orderClash(items: readonly TimedItem[], id: string | null, startsAt: string): OrderClash | null {
  const at = id === null ? items.length : items.findIndex((item) => item.id === id);
  const start = Date.parse(startsAt);
  const timed = (item: TimedItem | undefined): item is TimedItem & { startsAt: string } =>
    item !== undefined && item.startsAt !== null;
  for (let i = at - 1; i >= 0; i--) {
    const item = items[i];
    if (!timed(item)) continue;
    if (start < Date.parse(item.startsAt)) return { side: 'previous', position: i + 1, startsAt: item.startsAt };
    break;
  }
  if (id === null || at < 0) return null;
  for (let i = at + 1; i < items.length; i++) {
    const item = items[i];
    if (!timed(item)) continue;
    if (start > Date.parse(item.startsAt)) return { side: 'next', position: i + 1, startsAt: item.startsAt };
    break;
  }
  return null;
}
