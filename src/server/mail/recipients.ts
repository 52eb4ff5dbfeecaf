import type { FastifyBaseLogger } from 'fastify';
import type { Lang } from '../../contract/common.js';
import { LANGS } from '../../domain/languages.js';
import type { Mailer, MailMessage } from './mailer.js';

/** Someone the platform tells of something, as the user queries give them. */
export interface Recipient {
  id: string;
  email: string;
  display_name: string;
  preferred_lang: string;
}

/** The language a recipient reads: their preferred one, English when it is not a working language. */
export const langOf = (recipient: Pick<Recipient, 'preferred_lang'>): Lang =>
  (LANGS as readonly string[]).includes(recipient.preferred_lang) ? (recipient.preferred_lang as Lang) : 'en';

/** A portal page for a reader of `lang`: `<publicUrl>/<lang>/<path>`. */
export const portalLink = (publicUrl: string, lang: Lang, path: string) =>
  `${publicUrl.replace(/\/+$/, '')}/${lang}/${path.replace(/^\/+/, '')}`;

/**
 * Sends each recipient their own e-mail, in their language, all at once. What the e-mails tell of
 * is already committed, so a failed send is logged (with `about`) rather than thrown: one mail
 * server refusing one address must not undo it nor stop the others. Returns how many were sent.
 */
export async function sendToEach<R extends Recipient>(
  deps: { mailer: Mailer; log: Pick<FastifyBaseLogger, 'error'> },
  recipients: readonly R[],
  compose: (recipient: R, lang: Lang) => MailMessage | Promise<MailMessage>,
  about: { what: string } & Record<string, unknown>,
): Promise<number> {
  const results = await Promise.allSettled(
    recipients.map(async (recipient) => deps.mailer.send(await compose(recipient, langOf(recipient)))),
  );
  const { what, ...context } = about;
  for (const [i, result] of results.entries()) {
    if (result.status === 'rejected') {
      deps.log.error(
        { err: result.reason, userId: recipients[i]?.id, ...context },
        `the ${what} e-mail could not be sent`,
      );
    }
  }
  return results.filter((r) => r.status === 'fulfilled').length;
}
