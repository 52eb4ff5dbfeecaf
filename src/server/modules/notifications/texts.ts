import type { Kysely } from 'kysely';
import type { Lang } from '../../../contract/common.js';
import type { NotificationKind } from '../../../domain/notifications.js';
import type { Database } from '../../db/schema.js';
import { type Say, sayIn } from '../../mail/templates.js';
import { namesOf } from '../shared/meeting-names.js';
import { memberStateRefs } from '../shared/refs.js';
import { loadTexts, textOf } from '../shared/texts.js';

/**
 * The words of each kind of notice, from the server's catalogs (`notification.*`). A notice keeps
 * ids and the words people typed (`NoticeParams`); its texts are written in the reader's language
 * when read or e-mailed, so a meeting's or state's name is the one of that language.
 */

/** What a notice keeps to be told in any language. */
export interface NoticeParams {
  /** The delegation's state, named in the reader's language. */
  memberStateId?: string | null;
  /** The delegation's partner organisation, named in the reader's language. */
  partnerId?: string | null;
  /** The delegation's organisation (a guest), named as registered. */
  organisation?: string | null;
  /** A reason stated by the secretariat (returned, change rejected). */
  reason?: string | null;
  /** A meeting document's symbol. */
  document?: string | null;
  /** A change request's verdict. */
  verdict?: 'approved' | 'rejected';
  /** Which record was shared. */
  record?: 'minutes' | 'report';
}

interface Values {
  meeting: string;
  delegation: string;
  document: string;
  params: NoticeParams;
}

const TITLES: Record<NotificationKind, (say: Say, v: Values) => string> = {
  'delegation-submitted': (say, v) => say('notification.delegationSubmitted', v),
  'delegation-accredited': (say, v) => say('notification.delegationAccredited', v),
  'delegation-returned': (say, v) => say('notification.delegationReturned', v),
  'change-decided': (say, v) =>
    v.params.verdict === 'rejected' ? say('notification.changeRejected', v) : say('notification.changeApproved', v),
  'minutes-shared': (say, v) =>
    v.params.record === 'report' ? say('notification.reportShared', v) : say('notification.minutesShared', v),
  'meeting-convened': (say, v) => say('notification.meetingConvened', v),
  'registration-opened': (say, v) => say('notification.registrationOpened', v),
  'registration-closed': (say, v) => say('notification.registrationClosed', v),
  'document-added': (say, v) => say('notification.documentAdded', v),
  'document-revised': (say, v) => say('notification.documentRevised', v),
};

/** A notice as it is stored. */
export interface NoticeRow {
  kind: string;
  meeting_id: string | null;
  params: string;
}

export interface NoticeText {
  title: string;
  detail: string | null;
}

/**
 * The texts of `rows` in `lang`, in their order: the names they need are read once for all of
 * them (one query for the meetings, one for the states).
 */
export async function noticeTexts(db: Kysely<Database>, rows: readonly NoticeRow[], lang: Lang): Promise<NoticeText[]> {
  const params = rows.map((row) => JSON.parse(row.params) as NoticeParams);
  const [meetings, states, partners] = await Promise.all([
    namesOf(
      db,
      rows.flatMap((r) => (r.meeting_id ? [r.meeting_id] : [])),
      lang,
    ),
    memberStateRefs(
      db,
      params.map((p) => p.memberStateId ?? null),
      lang,
    ),
    loadTexts(
      db,
      'partner',
      params.flatMap((p) => (p.partnerId ? [p.partnerId] : [])),
      lang,
    ),
  ]);
  const say = sayIn(lang);
  return rows.map((row, i) => {
    const p = params[i] as NoticeParams;
    const values: Values = {
      meeting: (row.meeting_id && meetings.get(row.meeting_id)?.text) || '',
      delegation:
        (p.memberStateId && states.get(p.memberStateId)?.name.text) ||
        (p.partnerId && textOf(partners, p.partnerId, 'name')?.text) ||
        p.organisation ||
        '',
      document: p.document ?? '',
      params: p,
    };
    const title = TITLES[row.kind as NotificationKind]?.(say, values) ?? row.kind;
    return { title, detail: p.reason ? say('notification.reason', { reason: p.reason }) : null };
  });
}
