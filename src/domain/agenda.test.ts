import { describe, expect, it } from 'vitest';
import { orderClash, type TimedItem } from './agenda.js';

const item = (id: string, start: string | null): TimedItem => ({
  id,
  startsAt: start && `2027-10-13T${start}:00.000Z`,
  endsAt: start && `2027-10-13T${start.replace(/^(\d\d)/, (h) => String(Number(h) + 1).padStart(2, '0'))}:00.000Z`,
});
const at = (time: string) => `2027-10-13T${time}:00.000Z`;

// Issue 11 item 14: a start time may not contradict the agenda's order.
describe('orderClash', () => {
  const agenda = [item('a', '09:00'), item('b', null), item('c', '10:30'), item('d', '12:00')];

  it('lets an item start between its timed neighbours, or at the same time as one', () => {
    expect(orderClash(agenda, 'c', at('09:00'))).toBeNull();
    expect(orderClash(agenda, 'c', at('11:00'))).toBeNull();
    expect(orderClash(agenda, 'c', at('12:00'))).toBeNull();
    expect(orderClash(agenda, 'a', at('08:00'))).toBeNull();
    expect(orderClash(agenda, 'd', at('23:00'))).toBeNull();
  });

  it('names the timed item above that it would start before, passing untimed ones', () => {
    expect(orderClash(agenda, 'c', at('08:59'))).toEqual({ side: 'previous', position: 1, startsAt: at('09:00') });
  });

  it('names the item below that it would start after', () => {
    expect(orderClash(agenda, 'a', at('11:00'))).toEqual({ side: 'next', position: 3, startsAt: at('10:30') });
    expect(orderClash(agenda, 'c', at('12:01'))).toEqual({ side: 'next', position: 4, startsAt: at('12:00') });
  });

  it('adds a new item last: it may not start before the last timed item', () => {
    expect(orderClash(agenda, null, at('11:00'))).toEqual({ side: 'previous', position: 4, startsAt: at('12:00') });
    expect(orderClash(agenda, null, at('12:00'))).toBeNull();
    expect(orderClash([], null, at('01:00'))).toBeNull();
    expect(orderClash([item('x', null)], null, at('01:00'))).toBeNull();
  });
});
