import type { MeetingRef, MemberStateRef, Pillar } from '../../../contract/reference.js';
import { byName } from './byName.js';
import type { FilterOption } from './FilterBar.js';

/** Options for the filters, built from the records themselves so that no choice leads to nothing. */

export function pillarOptions(pillars: Pillar[] | undefined): FilterOption[] {
  return (pillars ?? []).map((pillar) => ({ value: pillar.code, label: pillar.name.text }));
}

/** Works for any record named like a state: a slug and a name (partners too). */
export function stateOptions(states: (Pick<MemberStateRef, 'slug' | 'name'> | null)[], lang: string): FilterOption[] {
  const unique = new Map<string, string>();
  for (const state of states) if (state) unique.set(state.slug, state.name.text);
  return byName(
    [...unique].map(([value, label]) => ({ value, label })),
    (option) => option.label,
    lang,
  );
}

export function meetingOptions(meetings: (MeetingRef | null)[]): FilterOption[] {
  const unique = new Map<string, MeetingRef>();
  for (const meeting of meetings) if (meeting) unique.set(meeting.slug, meeting);
  return [...unique.values()].map((meeting) => ({ value: meeting.slug, label: meeting.shortName }));
}

export function yearOptions(meetings: MeetingRef[] | undefined): FilterOption[] {
  const years = new Set<number>();
  for (const meeting of meetings ?? []) if (meeting.year) years.add(meeting.year);
  return [...years].sort((a, b) => a - b).map((year) => ({ value: String(year), label: String(year) }));
}
