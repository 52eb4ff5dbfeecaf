import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Lang } from '../../../contract/common.js';
import type { Database } from '../../db/schema.js';
import type { Mailer } from '../../mail/mailer.js';
import { portalLink, sendToEach } from '../../mail/recipients.js';
import type { RequestContext } from '../../policy/actor.js';
import { rolesAllowed } from '../../policy/policy.js';
import type { MeetingRow } from '../meetings/index.js';
import { namesOf } from '../shared/meeting-names.js';
import { activeHoldersOf } from '../shared/recipients.js';
import { memberStateRefs } from '../shared/refs.js';
import { renderChangeRequested } from './mail/templates.js';
import { partnerRefs } from './present.js';
import type { DelegationRow } from './queries.js';

/** Those told of a change request: whoever the permission table lets decide it. */
const DECIDER_ROLES = rolesAllowed('delegations.accredit');

export interface ChangeNoticeDeps {
  db: Kysely<Database>;
  mailer: Mailer;
  publicUrl: string;
  log: Pick<FastifyBaseLogger, 'error'>;
}

/** Called once a state's (or partner's) edit has been kept as a change for the secretariat to decide. */
export type OnChangeRequested = (ctx: RequestContext, meeting: MeetingRow, row: DelegationRow) => Promise<void>;

/** The delegation's name in `lang`: its state's or partner's, or the organisation's as typed. */
async function delegationName(db: Kysely<Database>, row: DelegationRow, lang: Lang): Promise<string> {
  if (row.member_state_id)
    return (await memberStateRefs(db, [row.member_state_id], lang)).get(row.member_state_id)?.name.text ?? '';
  if (row.partner_id) return (await partnerRefs(db, [row.partner_id], lang)).get(row.partner_id)?.name?.text ?? '';
  return row.organisation ?? '';
}

/**
 * Tells each user who may decide on a change request, in their own language, that one waits, with
 * a link to the registration page where the secretariat decides it. Sent after the change is
 * committed; a failed send is logged, and the change stays for the secretariat all the same.
 */
export function changeNotice(deps: ChangeNoticeDeps): OnChangeRequested {
  return async (ctx, meeting, row) => {
    const recipients = await activeHoldersOf(deps.db, DECIDER_ROLES).orderBy('app_user.email').execute();
    const requestedBy = ctx.actor.kind === 'user' ? ctx.actor.displayName : '';
    await sendToEach(
      deps,
      recipients,
      async (user, lang) => {
        const [delegation, names] = await Promise.all([
          delegationName(deps.db, row, lang),
          namesOf(deps.db, [meeting.id], lang),
        ]);
        const values = {
          displayName: user.display_name,
          requestedBy,
          delegation,
          meeting: names.get(meeting.id)?.text ?? meeting.slug,
        };
        return renderChangeRequested(
          lang,
          user.email,
          values,
          portalLink(deps.publicUrl, lang, `meetings/${meeting.slug}/registration`),
        );
      },
      { what: 'change request', meeting: meeting.slug, delegation: row.id },
    );
  };
}
