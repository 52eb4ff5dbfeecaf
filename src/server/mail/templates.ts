import type { Lang } from '../../contract/common.js';
import type { MailMessage } from './mailer.js';

/**
 * Every e-mail the platform sends, in every working language. `MailTemplates` is the list of
 * e-mails; `TEMPLATES` must give each of them in each language, so a missing translation does not
 * compile. Wording only: layout, escaping and the plain-text twin are done once, in `render`.
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

interface LinkValues {
  displayName: string;
  link: string;
  /** When the link stops working, already formatted for the language. */
  expires: string;
}

export interface MailTemplates {
  invitation(values: LinkValues & { invitedBy: string | null }): Content;
  passwordReset(values: LinkValues): Content;
}
export type MailName = keyof MailTemplates;

const en: MailTemplates = {
  invitation: ({ displayName, expires, invitedBy }) => ({
    subject: 'Your invitation to the MISPA Platform',
    greeting: `Dear ${displayName},`,
    paragraphs: [
      `${invitedBy ? `${invitedBy} of the Department of Public Security` : 'The Department of Public Security'} of the OAS has invited you to the MISPA Platform, the digital home of the Meetings of Ministers Responsible for Public Security in the Americas.`,
      `Choose your password with the link below. It can be used once, until ${expires}.`,
    ],
    action: 'Accept the invitation',
    closing:
      'If you did not expect this invitation, you can ignore this e-mail: no account is used until the link is followed.',
  }),
  passwordReset: ({ displayName, expires }) => ({
    subject: 'Reset your MISPA Platform password',
    greeting: `Dear ${displayName},`,
    paragraphs: [
      'Someone asked to reset the password of your MISPA Platform account.',
      `Choose a new password with the link below. It can be used once, until ${expires}. Every device signed in to your account will be signed out, and every API token of your account revoked.`,
    ],
    action: 'Choose a new password',
    closing: 'If you did not ask for this, ignore this e-mail: your password stays as it is.',
  }),
};

const es: MailTemplates = {
  invitation: ({ displayName, expires, invitedBy }) => ({
    subject: 'Su invitación a la Plataforma MISPA',
    greeting: `Estimado/a ${displayName}:`,
    paragraphs: [
      `${invitedBy ? `${invitedBy}, del Departamento de Seguridad Pública` : 'El Departamento de Seguridad Pública'} de la OEA le ha invitado a la Plataforma MISPA, el espacio digital de las Reuniones de Ministros en Materia de Seguridad Pública de las Américas.`,
      `Elija su contraseña con el enlace siguiente. Puede usarse una sola vez, hasta el ${expires}.`,
    ],
    action: 'Aceptar la invitación',
    closing:
      'Si no esperaba esta invitación, puede ignorar este correo: ninguna cuenta se usa hasta que se sigue el enlace.',
  }),
  passwordReset: ({ displayName, expires }) => ({
    subject: 'Restablezca su contraseña de la Plataforma MISPA',
    greeting: `Estimado/a ${displayName}:`,
    paragraphs: [
      'Alguien pidió restablecer la contraseña de su cuenta en la Plataforma MISPA.',
      `Elija una nueva contraseña con el enlace siguiente. Puede usarse una sola vez, hasta el ${expires}. Se cerrará la sesión en todos los dispositivos conectados a su cuenta y se revocarán todos sus tokens de API.`,
    ],
    action: 'Elegir una nueva contraseña',
    closing: 'Si no lo pidió usted, ignore este correo: su contraseña no cambia.',
  }),
};

const fr: MailTemplates = {
  invitation: ({ displayName, expires, invitedBy }) => ({
    subject: 'Votre invitation à la Plateforme MISPA',
    greeting: `Bonjour ${displayName},`,
    paragraphs: [
      `${invitedBy ? `${invitedBy}, du Département de la sécurité publique` : 'Le Département de la sécurité publique'} de l’OEA vous invite à la Plateforme MISPA, l’espace numérique des Réunions des ministres responsables de la sécurité publique des Amériques.`,
      `Choisissez votre mot de passe avec le lien ci-dessous. Il ne peut servir qu’une fois, jusqu’au ${expires}.`,
    ],
    action: 'Accepter l’invitation',
    closing:
      'Si vous n’attendiez pas cette invitation, ignorez ce message : aucun compte n’est utilisé tant que le lien n’est pas suivi.',
  }),
  passwordReset: ({ displayName, expires }) => ({
    subject: 'Réinitialisez votre mot de passe de la Plateforme MISPA',
    greeting: `Bonjour ${displayName},`,
    paragraphs: [
      'Quelqu’un a demandé la réinitialisation du mot de passe de votre compte sur la Plateforme MISPA.',
      `Choisissez un nouveau mot de passe avec le lien ci-dessous. Il ne peut servir qu’une fois, jusqu’au ${expires}. Tous les appareils connectés à votre compte seront déconnectés et tous ses jetons d’API révoqués.`,
    ],
    action: 'Choisir un nouveau mot de passe',
    closing: 'Si vous n’avez rien demandé, ignorez ce message : votre mot de passe ne change pas.',
  }),
};

const pt: MailTemplates = {
  invitation: ({ displayName, expires, invitedBy }) => ({
    subject: 'Seu convite para a Plataforma MISPA',
    greeting: `Prezado(a) ${displayName},`,
    paragraphs: [
      `${invitedBy ? `${invitedBy}, do Departamento de Segurança Pública` : 'O Departamento de Segurança Pública'} da OEA convidou você para a Plataforma MISPA, o espaço digital das Reuniões de Ministros em Matéria de Segurança Pública das Américas.`,
      `Escolha sua senha com o link abaixo. Ele pode ser usado uma única vez, até ${expires}.`,
    ],
    action: 'Aceitar o convite',
    closing:
      'Se você não esperava este convite, ignore este e-mail: nenhuma conta é usada até que o link seja seguido.',
  }),
  passwordReset: ({ displayName, expires }) => ({
    subject: 'Redefina sua senha da Plataforma MISPA',
    greeting: `Prezado(a) ${displayName},`,
    paragraphs: [
      'Alguém pediu para redefinir a senha da sua conta na Plataforma MISPA.',
      `Escolha uma nova senha com o link abaixo. Ele pode ser usado uma única vez, até ${expires}. Todos os dispositivos conectados à sua conta serão desconectados e todos os seus tokens de API, revogados.`,
    ],
    action: 'Escolher uma nova senha',
    closing: 'Se não foi você quem pediu, ignore este e-mail: sua senha continua a mesma.',
  }),
};

export const TEMPLATES: Record<Lang, MailTemplates> = { en, es, fr, pt };

/** A moment as the recipient reads it, in UTC so that it is the same for everyone. */
export function formatMoment(at: Date, lang: Lang): string {
  return `${new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(at)} UTC`;
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

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

/** An e-mail's content as plain text and HTML, with `link` as its one action. Other modules keep
 * their own wording (typed the same way) and share this layout. */
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
<html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(content.subject)}</title></head>
<body style="font-family: system-ui, sans-serif; line-height: 1.5; max-width: 36rem">
<p>${escapeHtml(content.greeting)}</p>
${content.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
<p><a href="${escapeHtml(link)}">${escapeHtml(content.action)}</a></p>
<p style="font-size: 0.9em">${escapeHtml(link)}</p>
<p style="font-size: 0.9em; color: #555">${escapeHtml(content.closing)}</p>
<p>— MISPA Platform</p>
</body></html>
`;
  return { to, subject: oneLine(content.subject), text, html };
}
