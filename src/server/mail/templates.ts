import type { Lang } from '../../contract/common.js';
import { LANGS } from '../../domain/languages.js';
import { escapeMarkup } from '../../domain/text.js';
import { message } from '../i18n/messages.js';
import type { MessageKey, ValuesArgument } from '../i18n/types.js';
import type { MailMessage } from './mailer.js';

/**
 * Every e-mail the platform sends. The wording is in the server's catalogs (`mail.*` in
 * i18n/en.ts and its translations), so a key that does not exist, or a placeholder left without a
 * value, does not compile, and the catalog test checks every language. Here each e-mail only says
 * which texts it is made of; layout, escaping and the plain-text twin are done once, in `render`.
 */

/** What an e-mail says: a subject, paragraphs, one action (a link) and a closing line. */
export interface Content {
  subject: string;
  greeting: string;
  paragraphs: string[];
  action: string;
  /** Said under the link: what to do when the e-mail was not expected. */
  closing: string;
}

/** A catalog message in the e-mail's language, typed as `message()` is. */
export type Say = <Key extends MessageKey>(key: Key, ...values: ValuesArgument<Key>) => string;

/** `say` for the language `lang`. */
export const sayIn =
  (lang: Lang): Say =>
  (key, ...values) =>
    message(lang, key, ...values);

interface LinkValues {
  displayName: string;
  link: string;
  /** When the link stops working, already formatted for the language. */
  expires: string;
}

/** An e-mail: its content, from its values, in the language `say` speaks. */
export type Mail<Values> = (say: Say, values: Values) => Content;

/** The e-mails of this layer and the values each needs. */
interface MailValues {
  invitation: LinkValues & { invitedBy: string | null };
  passwordReset: LinkValues;
}

const MAILS: { [Name in keyof MailValues]: Mail<MailValues[Name]> } = {
  invitation: (say, { displayName, expires, invitedBy }) => ({
    subject: say('mail.invitation.subject'),
    greeting: say('mail.greeting', { displayName }),
    paragraphs: [
      invitedBy ? say('mail.invitation.invitedBy', { invitedBy }) : say('mail.invitation.invited'),
      say('mail.invitation.link', { expires }),
    ],
    action: say('mail.invitation.action'),
    closing: say('mail.invitation.closing'),
  }),
  passwordReset: (say, { displayName, expires }) => ({
    subject: say('mail.passwordReset.subject'),
    greeting: say('mail.greeting', { displayName }),
    paragraphs: [say('mail.passwordReset.asked'), say('mail.passwordReset.link', { expires })],
    action: say('mail.passwordReset.action'),
    closing: say('mail.passwordReset.closing'),
  }),
};

export type MailTemplates = { [Name in keyof MailValues]: (values: MailValues[Name]) => Content };
export type MailName = keyof MailTemplates;

/** Each e-mail in each working language. */
export const TEMPLATES = Object.fromEntries(
  LANGS.map((lang) => {
    const say = sayIn(lang);
    return [
      lang,
      Object.fromEntries(
        Object.entries(MAILS).map(([name, mail]) => [name, (values: never) => mail(say, values)]),
      ) as MailTemplates,
    ];
  }),
) as Record<Lang, MailTemplates>;

/** The e-mail `mail` in `lang` for `to`, with `link` as its one action: how modules render theirs. */
export const renderIn = <Values>(mail: Mail<Values>, lang: Lang, to: string, values: Values, link: string) =>
  renderContent(mail(sayIn(lang), values), lang, to, link);

/** A moment as the recipient reads it, in UTC so that it is the same for everyone. */
export function formatMoment(at: Date, lang: Lang): string {
  return `${new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(at)} UTC`;
}

/** Names typed by people end up in a subject or a line: no line breaks may come with them. */
const oneLine = (text: string) => text.replace(/[\r\n\u2028\u2029]+/g, ' ');

/** The e-mail `name` in `lang` for `to`, as plain text and HTML. */
export function renderMail<N extends MailName>(
  name: N,
  lang: Lang,
  to: string,
  values: Omit<Parameters<MailTemplates[N]>[0], 'expires'> & { expiresAt: Date },
): MailMessage {
  const { expiresAt, ...rest } = values;
  const clean = Object.fromEntries(
    Object.entries(rest).map(([k, v]) => [k, typeof v === 'string' ? oneLine(v) : v]),
  ) as typeof rest;
  const template = TEMPLATES[lang][name] as (v: unknown) => Content;
  return renderContent(template({ ...clean, expires: formatMoment(expiresAt, lang) }), lang, to, values.link);
}

/** An e-mail's content as plain text and HTML, with `link` as its one action. Other modules build
 * their content from the catalogs the same way (with `sayIn`) and share this layout. */
export function renderContent(content: Content, lang: Lang, to: string, link: string): MailMessage {
  const text = [
    content.greeting,
    '',
    ...content.paragraphs.flatMap((p) => [p, '']),
    `${content.action}:`,
    link,
    '',
    content.closing,
    '',
    '— MISPA Platform',
    '',
  ].join('\n');
  const html = `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${escapeMarkup(content.subject)}</title></head>
<body style="font-family: system-ui, sans-serif; line-height: 1.5; max-width: 36rem">
<p>${escapeMarkup(content.greeting)}</p>
${content.paragraphs.map((p) => `<p>${escapeMarkup(p)}</p>`).join('\n')}
<p><a href="${escapeMarkup(link)}">${escapeMarkup(content.action)}</a></p>
<p style="font-size: 0.9em">${escapeMarkup(link)}</p>
<p style="font-size: 0.9em; color: #555">${escapeMarkup(content.closing)}</p>
<p>— MISPA Platform</p>
</body></html>
`;
  return { to, subject: oneLine(content.subject), text, html };
}
