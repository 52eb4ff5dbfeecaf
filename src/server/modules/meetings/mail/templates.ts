import type { Lang } from '../../../../contract/common.js';
import type { MailMessage } from '../../../mail/mailer.js';
import { type Mail, renderIn } from '../../../mail/templates.js';

/** The e-mails of the meetings area, in every working language; the layout is the mailer's. */

export interface MeetingMailValues {
  displayName: string;
  /** The meeting's name in the recipient's language (or the nearest one given). */
  meeting: string;
  /** Start and end at the venue, formatted for the language, with the zone. */
  when: string;
  /** Venue and city, the online link, or both. */
  where: string;
  /** The registration deadline at the venue, formatted for the language. */
  deadline: string;
}

/** The meetings area's e-mails; their wording is in the server's catalogs (`mail.convocation.*`,
 * `mail.reminder.*`). */
const MAILS: Record<'convocation' | 'reminder', Mail<MeetingMailValues>> = {
  convocation: (say, { displayName, meeting, when, where, deadline }) => ({
    subject: say('mail.convocation.subject', { meeting }),
    greeting: say('mail.greeting', { displayName }),
    paragraphs: [
      say('mail.convocation.convenes', { meeting }),
      say('mail.convocation.when', { when }),
      say('mail.convocation.where', { where }),
      say('mail.convocation.register', { deadline }),
    ],
    action: say('mail.convocation.action'),
    closing: say('mail.convocation.closing'),
  }),
  reminder: (say, { displayName, meeting, when, deadline }) => ({
    subject: say('mail.reminder.subject', { meeting, deadline }),
    greeting: say('mail.greeting', { displayName }),
    paragraphs: [say('mail.reminder.notSubmitted', { meeting, when }), say('mail.reminder.closes', { deadline })],
    action: say('mail.reminder.action'),
    closing: say('mail.reminder.closing'),
  }),
};
export type MeetingMailName = keyof typeof MAILS;

export function renderMeetingMail(
  name: MeetingMailName,
  lang: Lang,
  to: string,
  values: MeetingMailValues,
  link: string,
): MailMessage {
  return renderIn(MAILS[name], lang, to, values, link);
}

/** A moment at the venue, in the recipient's language, naming the zone (e.g. America/Lima). */
export function formatAtVenue(instant: Date, lang: Lang, timeZone: string): string {
  const text = new Intl.DateTimeFormat(lang, { dateStyle: 'full', timeStyle: 'short', timeZone }).format(instant);
  return `${text} (${timeZone})`;
}

/** Start to end at the venue, e.g. "Monday 15 March 2027, 09:00 – Wednesday 17 March 2027, 18:00 (America/Lima)". */
export function formatRangeAtVenue(start: Date, end: Date, lang: Lang, timeZone: string): string {
  const format = new Intl.DateTimeFormat(lang, { dateStyle: 'full', timeStyle: 'short', timeZone });
  return `${format.formatRange(start, end)} (${timeZone})`;
}
