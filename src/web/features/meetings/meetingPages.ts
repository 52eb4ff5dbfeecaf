import type { Meeting, MeetingDetail } from '../../../contract/meetings.js';
import { holdsRecords } from '../../../domain/meeting-records.js';
import { isPastMeeting } from '../../../domain/meetings.js';
import { useAgenda } from '../agenda/queries.js';
import { usePublishedList } from '../delegations/queries.js';
import { useMeetingDocuments } from '../meeting-documents/queries.js';
import { useRecords } from '../meeting-records/queries.js';

/** The pages of one meeting besides its overview. */
export type MeetingPageName = 'agenda' | 'documents' | 'participants' | 'registration' | 'records';

/** Whether registrations still change: while open, and after the deadline until the session
 * (a state's edits then wait for the secretariat). */
export const registrationOpen = (meeting: Pick<MeetingDetail, 'status'>) =>
  meeting.status === 'registration-open' || meeting.status === 'registration-closed' || meeting.status === 'in-session';

/** When a meeting ends, as an instant: its UTC end, or the end of its last recorded day. */
export const endOf = (m: Pick<Meeting, 'endsAt' | 'endDate' | 'startDate'>) =>
  m.endsAt ?? ((m.endDate ?? m.startDate) ? `${m.endDate ?? m.startDate}T23:59:59Z` : null);

/** Whether a dated meeting is still to come (or under way) at `now`, by status and dates alike: a
 * concluded meeting is past whatever its dates say. Undated meetings are neither to come nor past. */
export function isToCome(m: Pick<Meeting, 'status' | 'endsAt' | 'endDate' | 'startDate'>, now: string): boolean {
  const end = endOf(m);
  return end !== null && !isPastMeeting({ status: m.status, end }, now);
}

/** A meeting of the reference data: held before the platform, which keeps only what the record says. */
export const isHistoric = (meeting: Pick<MeetingDetail, 'managedBy'>) => meeting.managedBy === 'reference';

// Whether the platform holds minutes, a report or decisions of the meeting: the sitemap asks too.
export { holdsRecords } from '../../../domain/meeting-records.js';

/**
 * The pages worth offering for `meeting` (issue 11 item 17). A meeting run on the platform has them
 * all, registration only while it may change; a historic one has no registration, and its agenda,
 * documents, participants and records only when the platform holds some (each list is read only
 * for a historic meeting, and shared with the page that shows it).
 */
export function useMeetingPages(meeting: MeetingDetail | undefined): Set<MeetingPageName> {
  const historic = meeting !== undefined && isHistoric(meeting);
  const slug = meeting?.slug ?? '';
  const agenda = useAgenda(slug, historic);
  const documents = useMeetingDocuments(slug, historic);
  const participants = usePublishedList(slug, historic);
  const records = useRecords(slug, historic);
  if (!meeting) return new Set();
  if (!historic) {
    const pages: MeetingPageName[] = ['agenda', 'documents', 'participants', 'registration', 'records'];
    return new Set(pages.filter((page) => page !== 'registration' || registrationOpen(meeting)));
  }
  const held: Array<[MeetingPageName, boolean | undefined]> = [
    ['agenda', agenda.data && agenda.data.items.length > 0],
    ['documents', documents.data && documents.data.items.length > 0],
    ['participants', participants.data && participants.data.categories.length > 0],
    ['records', records.data && holdsRecords(records.data)],
  ];
  return new Set(held.filter(([, has]) => has === true).map(([page]) => page));
}
