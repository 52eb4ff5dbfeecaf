import type { Lang } from '../../../../contract/common.js';
import type { MailMessage } from '../../../mail/mailer.js';
import { type Content, renderContent } from '../../../mail/templates.js';

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

interface MeetingMails {
  convocation(values: MeetingMailValues): Content;
  reminder(values: MeetingMailValues): Content;
}
export type MeetingMailName = keyof MeetingMails;

const en: MeetingMails = {
  convocation: ({ displayName, meeting, when, where, deadline }) => ({
    subject: `Convocation: ${meeting}`,
    greeting: `Dear ${displayName},`,
    paragraphs: [
      `The Department of Public Security of the OAS convenes the ${meeting}.`,
      `When: ${when}.`,
      `Where: ${where}.`,
      `Focal points register their state’s delegation on the platform until ${deadline}.`,
    ],
    action: 'See the meeting',
    closing: 'You receive this e-mail as the focal point of a member state of the MISPA process.',
  }),
  reminder: ({ displayName, meeting, when, deadline }) => ({
    subject: `Reminder: registration for ${meeting} closes on ${deadline}`,
    greeting: `Dear ${displayName},`,
    paragraphs: [
      `Your state has not yet submitted its delegation to the ${meeting} (${when}).`,
      `Registration closes on ${deadline}. Register the delegation on the platform before then.`,
    ],
    action: 'Register the delegation',
    closing: 'If your delegation was submitted in the meantime, please ignore this reminder.',
  }),
};

const es: MeetingMails = {
  convocation: ({ displayName, meeting, when, where, deadline }) => ({
    subject: `Convocatoria: ${meeting}`,
    greeting: `Estimado/a ${displayName}:`,
    paragraphs: [
      `El Departamento de Seguridad Pública de la OEA convoca la ${meeting}.`,
      `Cuándo: ${when}.`,
      `Dónde: ${where}.`,
      `Los puntos focales inscriben la delegación de su Estado en la plataforma hasta el ${deadline}.`,
    ],
    action: 'Ver la reunión',
    closing: 'Recibe este correo como punto focal de un Estado miembro del proceso MISPA.',
  }),
  reminder: ({ displayName, meeting, when, deadline }) => ({
    subject: `Recordatorio: la inscripción para ${meeting} se cierra el ${deadline}`,
    greeting: `Estimado/a ${displayName}:`,
    paragraphs: [
      `Su Estado aún no ha presentado su delegación a la ${meeting} (${when}).`,
      `La inscripción se cierra el ${deadline}. Inscriba la delegación en la plataforma antes de esa fecha.`,
    ],
    action: 'Inscribir la delegación',
    closing: 'Si su delegación ya fue presentada, ignore este recordatorio.',
  }),
};

const fr: MeetingMails = {
  convocation: ({ displayName, meeting, when, where, deadline }) => ({
    subject: `Convocation : ${meeting}`,
    greeting: `Bonjour ${displayName},`,
    paragraphs: [
      `Le Département de la sécurité publique de l’OEA convoque la ${meeting}.`,
      `Quand : ${when}.`,
      `Où : ${where}.`,
      `Les points focaux inscrivent la délégation de leur État sur la plateforme jusqu’au ${deadline}.`,
    ],
    action: 'Voir la réunion',
    closing: 'Vous recevez ce message en tant que point focal d’un État membre du processus MISPA.',
  }),
  reminder: ({ displayName, meeting, when, deadline }) => ({
    subject: `Rappel : les inscriptions à la ${meeting} ferment le ${deadline}`,
    greeting: `Bonjour ${displayName},`,
    paragraphs: [
      `Votre État n’a pas encore soumis sa délégation à la ${meeting} (${when}).`,
      `Les inscriptions ferment le ${deadline}. Inscrivez la délégation sur la plateforme avant cette date.`,
    ],
    action: 'Inscrire la délégation',
    closing: 'Si votre délégation a été soumise entre-temps, ignorez ce rappel.',
  }),
};

const pt: MeetingMails = {
  convocation: ({ displayName, meeting, when, where, deadline }) => ({
    subject: `Convocação: ${meeting}`,
    greeting: `Prezado(a) ${displayName},`,
    paragraphs: [
      `O Departamento de Segurança Pública da OEA convoca a ${meeting}.`,
      `Quando: ${when}.`,
      `Onde: ${where}.`,
      `Os pontos focais inscrevem a delegação do seu Estado na plataforma até ${deadline}.`,
    ],
    action: 'Ver a reunião',
    closing: 'Você recebe este e-mail como ponto focal de um Estado membro do processo MISPA.',
  }),
  reminder: ({ displayName, meeting, when, deadline }) => ({
    subject: `Lembrete: as inscrições para ${meeting} encerram em ${deadline}`,
    greeting: `Prezado(a) ${displayName},`,
    paragraphs: [
      `Seu Estado ainda não enviou a delegação para a ${meeting} (${when}).`,
      `As inscrições encerram em ${deadline}. Inscreva a delegação na plataforma antes dessa data.`,
    ],
    action: 'Inscrever a delegação',
    closing: 'Se a sua delegação já foi enviada, ignore este lembrete.',
  }),
};

const MAILS: Record<Lang, MeetingMails> = { en, es, fr, pt };

export function renderMeetingMail(
  name: MeetingMailName,
  lang: Lang,
  to: string,
  values: MeetingMailValues,
  link: string,
): MailMessage {
  return renderContent(MAILS[lang][name](values), lang, to, link);
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
