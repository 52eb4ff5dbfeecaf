import type { Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Role } from '../../../contract/accounts.js';
import { DEFAULT_FREQUENCY, type NotificationKind } from '../../../domain/notifications.js';
import type { Database } from '../../db/schema.js';
import { activeHoldersOf } from '../shared/recipients.js';
import type { NoticeParams } from './texts.js';

/**
 * Who is told: the active holders of `roles` (take them from the permission table with
 * `rolesAllowed`, as the record's own read does), narrowed to the grants bound to one state or
 * partner, or to the states and partners with a delegation (not a draft) at a meeting. The
 * emitting module names the audience that may read the record, so a notice never reaches someone
 * the record would be hidden from.
 */
export interface Audience {
  roles: readonly Role[];
  memberStateId?: string | null;
  partnerId?: string | null;
  /** Only those whose state or partner has a delegation, submitted or accredited, at this meeting. */
  delegationAt?: string;
}

/** Something that happened, as the emitting module tells of it. */
export interface NotificationEvent {
  kind: NotificationKind;
  to: Audience;
  meetingId: string;
  /** The portal page, after the language: meetings/x/registration. */
  path: string;
  params?: NoticeParams;
  /** The emitting module sends its own e-mail of it (a convocation): the notice is not e-mailed. */
  mailed?: boolean;
  /** Whose act it was: they are not told of it. */
  except?: string | null;
}

/** The recipients of `audience`, each once, with how they take `kind` by e-mail. */
async function recipientsOf(trx: Transaction<Database>, audience: Audience, kind: NotificationKind) {
  if (audience.roles.length === 0) return [];
  let query = activeHoldersOf(trx, audience.roles)
    .leftJoin('notification_preference as pref', (join) =>
      join.onRef('pref.user_id', '=', 'app_user.id').on('pref.kind', '=', kind),
    )
    .select('pref.frequency');
  if (audience.memberStateId !== undefined) {
    if (audience.memberStateId === null) return [];
    query = query.where('role_grant.member_state_id', '=', audience.memberStateId);
  }
  if (audience.partnerId !== undefined) {
    if (audience.partnerId === null) return [];
    query = query.where('role_grant.partner_id', '=', audience.partnerId);
  }
  if (audience.delegationAt !== undefined) {
    const meetingId = audience.delegationAt;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('delegation')
          .select('delegation.id')
          .where('delegation.meeting_id', '=', meetingId)
          .where('delegation.status', 'in', ['submitted', 'accredited'])
          .where((d) =>
            d.or([
              d('delegation.member_state_id', '=', d.ref('role_grant.member_state_id')),
              d('delegation.partner_id', '=', d.ref('role_grant.partner_id')),
            ]),
          ),
      ),
    );
  }
  return query.orderBy('app_user.email').execute();
}

/**
 * Tells the event's audience of it, in the caller's transaction (a rollback takes the notices
 * back): a notice for each, kept with how they take this kind by e-mail. The e-mails are written
 * and queued by the notifications job (mail.ts), so a request never waits for them. Returns how
 * many were told.
 */
export async function notify(trx: Transaction<Database>, event: NotificationEvent, now: Date): Promise<number> {
  const people = (await recipientsOf(trx, event.to, event.kind)).filter((p) => p.id !== event.except);
  const unique = [...new Map(people.map((p) => [p.id, p])).values()];
  if (unique.length === 0) return 0;
  const at = now.toISOString();
  const params = JSON.stringify(event.params ?? {});
  await trx
    .insertInto('notification')
    .values(
      unique.map((person) => ({
        id: uuidv7(),
        user_id: person.id,
        kind: event.kind,
        meeting_id: event.meetingId,
        params,
        path: event.path,
        created_at: at,
        read_at: null,
        mail: event.mailed ? ('never' as const) : (person.frequency ?? DEFAULT_FREQUENCY),
        mailed_at: null,
      })),
    )
    .execute();
  return unique.length;
}

/** `notify`, as modules take it: called inside their write's transaction. */
export type Notify = typeof notify;
