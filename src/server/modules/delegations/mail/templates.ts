import type { Lang } from '../../../../contract/common.js';
import type { MailMessage } from '../../../mail/mailer.js';
import { type Mail, renderIn } from '../../../mail/templates.js';

/** The e-mails of the delegations area; their wording is in the server's catalogs
 * (`mail.changeRequested.*`), the layout is the mailer's. */

export interface ChangeRequestedValues {
  displayName: string;
  /** Who asked for the change (their name on the platform). */
  requestedBy: string;
  /** The state's or organisation's name in the recipient's language. */
  delegation: string;
  /** The meeting's name in the recipient's language (or the nearest one given). */
  meeting: string;
}

const changeRequested: Mail<ChangeRequestedValues> = (say, { displayName, requestedBy, delegation, meeting }) => ({
  subject: say('mail.changeRequested.subject', { delegation, meeting }),
  greeting: say('mail.greeting', { displayName }),
  paragraphs: [
    say('mail.changeRequested.asked', { requestedBy, delegation, meeting }),
    say('mail.changeRequested.waits'),
  ],
  action: say('mail.changeRequested.action'),
  closing: say('mail.changeRequested.closing'),
});

export const renderChangeRequested = (
  lang: Lang,
  to: string,
  values: ChangeRequestedValues,
  link: string,
): MailMessage => renderIn(changeRequested, lang, to, values, link);
