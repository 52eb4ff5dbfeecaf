import { buffer } from 'node:stream/consumers';
import type { Kysely } from 'kysely';
import PDFDocument from 'pdfkit';
import { v7 as uuidv7 } from 'uuid';
import { type AgendaItem, AgendaItemCreateSchema } from '../../contract/agenda.js';
import type { Lang } from '../../contract/common.js';
import { DelegationCreateSchema, type ParticipantInput } from '../../contract/delegations.js';
import { type MeetingDocument, MeetingDocumentCreateSchema } from '../../contract/meeting-documents.js';
import type { MeetingDetail } from '../../contract/meetings.js';
import { MeetingCreateSchema } from '../../contract/meetings.js';
import type { MeetingStatus, Transition } from '../../domain/meetings.js';
import type { Database } from '../db/schema.js';
import { DOCUMENT_KINDS, type FilesConfig, fileStore } from '../files/index.js';
import { NotFoundError } from '../http/problems.js';
import { type AgendaService, agendaService } from '../modules/agenda/index.js';
import { actorGrantsOf } from '../modules/auth/index.js';
import { type DelegationsService, delegationsService } from '../modules/delegations/index.js';
import { type MeetingDocumentsService, meetingDocumentsService } from '../modules/meeting-documents/index.js';
import { type MeetingsService, meetingsService, meetingWrites } from '../modules/meetings/index.js';
import { findUserByEmail } from '../modules/users/index.js';
import type { RequestContext } from '../policy/actor.js';

/**
 * Demo mode's meeting: a convened MISPA IX with registration open, an agenda, the accredited
 * delegations of Ecuador and Mexico and a working document in Spanish and English, so whoever tries
 * the platform sees the meetings module at work. Everything is written through the modules'
 * services, acting as the demo users (the secretariat, and each state's focal point for its own
 * registration), so every rule and the audit trail apply as they would to a person. All of it is
 * fictitious: the host, the dates in 2027, the names.
 *
 * Each piece is added only when missing, so a second start changes nothing, and a start that
 * stopped half-way is completed by the next one.
 */

export const DEMO_MEETING_SLUG = 'mispa-ix';
export const SECRETARIAT_EMAIL = 'secretariat@demo.invalid';

const NAMES = {
  en: 'Ninth Meeting of Ministers Responsible for Public Security in the Americas (demo)',
  es: 'Novena Reunión de Ministros en Materia de Seguridad Pública de las Américas (demostración)',
  fr: 'Neuvième Réunion des ministres responsables de la sécurité publique des Amériques (démonstration)',
  pt: 'Nona Reunião de Ministros em Matéria de Segurança Pública das Américas (demonstração)',
};

/** Costa Rica hosts the demo meeting: UTC−6 all year, so the agenda's UTC slots below stay right. */
const MEETING = {
  kind: 'ministerial',
  number: 'IX',
  name: NAMES,
  hostState: 'cr',
  city: 'San José',
  venue: 'Demo venue (fictitious), San José',
  format: 'in-person',
  timeZone: 'America/Costa_Rica',
  start: '2027-10-13T09:00',
  end: '2027-10-14T18:00',
  registrationDeadline: '2027-09-24T23:59',
  workingLangs: ['es', 'en', 'fr', 'pt'],
  pillars: ['prevention', 'police-management', 'international-cooperation'],
};

export type Texts = Record<Lang, string>;
interface DemoItem {
  startsAt: string;
  endsAt: string;
  titles: Texts;
  descriptions?: Texts;
  pillars?: string[];
  presenters?: string[];
}

const SECRETARIAT_PRESENTER = 'Technical Secretariat (demo)';
const AGENDA: DemoItem[] = [
  {
    startsAt: '2027-10-13T15:00:00Z',
    endsAt: '2027-10-13T15:45:00Z',
    titles: {
      en: 'Opening session',
      es: 'Sesión inaugural',
      fr: 'Séance d’ouverture',
      pt: 'Sessão de abertura',
    },
    presenters: [SECRETARIAT_PRESENTER],
  },
  {
    startsAt: '2027-10-13T15:45:00Z',
    endsAt: '2027-10-13T16:30:00Z',
    titles: {
      en: 'Adoption of the agenda and the calendar',
      es: 'Aprobación del orden del día y del calendario',
      fr: 'Adoption de l’ordre du jour et du calendrier',
      pt: 'Aprovação da ordem do dia e do calendário',
    },
  },
  {
    startsAt: '2027-10-13T17:00:00Z',
    endsAt: '2027-10-13T19:00:00Z',
    titles: {
      en: 'Dialogue of ministers: preventing violence and crime',
      es: 'Diálogo de ministros: prevención de la violencia y del delito',
      fr: 'Dialogue des ministres : prévention de la violence et de la criminalité',
      pt: 'Diálogo de ministros: prevenção da violência e do crime',
    },
    descriptions: {
      en: 'The delegations present their experience; the working document of the meeting is discussed.',
      es: 'Las delegaciones presentan su experiencia; se examina el documento de trabajo de la reunión.',
      fr: 'Les délégations présentent leur expérience ; le document de travail de la réunion est examiné.',
      pt: 'As delegações apresentam sua experiência; examina-se o documento de trabalho da reunião.',
    },
    pillars: ['prevention'],
  },
  {
    startsAt: '2027-10-13T21:00:00Z',
    endsAt: '2027-10-13T23:00:00Z',
    titles: {
      en: 'Police management and international cooperation',
      es: 'Gestión policial y cooperación internacional',
      fr: 'Gestion policière et coopération internationale',
      pt: 'Gestão policial e cooperação internacional',
    },
    pillars: ['police-management', 'international-cooperation'],
  },
  {
    startsAt: '2027-10-14T15:00:00Z',
    endsAt: '2027-10-14T17:00:00Z',
    titles: {
      en: 'Consideration of the draft commitments',
      es: 'Consideración del proyecto de compromisos',
      fr: 'Examen du projet d’engagements',
      pt: 'Consideração do projeto de compromissos',
    },
  },
  {
    startsAt: '2027-10-14T18:00:00Z',
    endsAt: '2027-10-14T19:00:00Z',
    titles: {
      en: 'Closing session',
      es: 'Sesión de clausura',
      fr: 'Séance de clôture',
      pt: 'Sessão de encerramento',
    },
    presenters: [SECRETARIAT_PRESENTER],
  },
];
/** The item the working document belongs to (the ministers' dialogue). */
const DOCUMENT_ITEM = 2;

/** Each state's delegation, registered by its demo focal point: a head and an adviser, fictitious. */
const DELEGATIONS: Array<{ memberState: string; focalPoint: string; participants: ParticipantInput[] }> = [
  {
    memberState: 'ec',
    focalPoint: 'focal.ec@demo.invalid',
    participants: [
      {
        role: 'head',
        name: 'Andrea Salazar (demo)',
        title: 'Ministra (cargo ficticio)',
        institution: 'Ministerio de demostración, Ecuador',
      },
      {
        role: 'adviser',
        name: 'Diego Paredes (demo)',
        title: 'Asesor (cargo ficticio)',
        institution: 'Ministerio de demostración, Ecuador',
      },
    ],
  },
  {
    memberState: 'mx',
    focalPoint: 'focal.mx@demo.invalid',
    participants: [
      {
        role: 'head',
        name: 'Lucía Hernández (demo)',
        title: 'Secretaria (cargo ficticio)',
        institution: 'Secretaría de demostración, México',
      },
      {
        role: 'adviser',
        name: 'Javier Morales (demo)',
        title: 'Asesor (cargo ficticio)',
        institution: 'Secretaría de demostración, México',
      },
    ],
  },
];

const DOCUMENT_TITLES: Texts = {
  en: 'Demo working document: draft commitments on preventing violence and crime',
  es: 'Documento de trabajo de demostración: proyecto de compromisos sobre prevención de la violencia y del delito',
  fr: 'Document de travail de démonstration : projet d’engagements sur la prévention de la violence et de la criminalité',
  pt: 'Documento de trabalho de demonstração: projeto de compromissos sobre prevenção da violência e do crime',
};

/** The text of the document's file in each language it is given in (Spanish is the original). */
const DOCUMENT_FILES: Partial<Record<Lang, { original: string; body: string[] }>> = {
  es: {
    original: 'Original: español',
    body: [
      'Este documento es un ejemplo ficticio creado por el modo de demostración de la Plataforma MISPA. No es un documento oficial.',
      'Los Estados Miembros se comprometen a fortalecer las políticas de prevención de la violencia y del delito, a intercambiar experiencias y a informar sobre sus avances en la próxima reunión.',
    ],
  },
  en: {
    original: 'Original: Spanish',
    body: [
      'This document is a fictitious example created by the demo mode of the MISPA Platform. It is not an official document.',
      'The Member States undertake to strengthen their policies for preventing violence and crime, to exchange experiences, and to report on their progress at the next meeting.',
    ],
  },
};

/** The demo user `email` acting as they would when signed in, or null when demo mode did not load them. */
export async function demoContext(db: Kysely<Database>, email: string): Promise<RequestContext | null> {
  const user = await findUserByEmail(db, email);
  if (user?.status !== 'active' || user.demo !== 1) return null;
  return {
    actor: {
      kind: 'user',
      userId: user.id,
      email: user.email,
      displayName: user.display_name,
      lang: user.preferred_lang as Lang,
      demo: true,
      grants: await actorGrantsOf(db, user.id),
      // No session: the demo users act at start, as they would in one that passed every check.
      credential: { type: 'session', id: `demo-start-${uuidv7()}`, secondFactor: true },
    },
    requestId: `demo-start-${uuidv7()}`,
    ip: null,
    lang: 'en',
  };
}

/** A one-page PDF of the demo document in `lang`, made now with pdfkit. */
async function documentPdf(lang: Lang, symbol: string): Promise<Buffer> {
  const text = DOCUMENT_FILES[lang] as { original: string; body: string[] };
  const title = DOCUMENT_TITLES[lang];
  const doc = new PDFDocument({ size: 'A4', margin: 56, lang, info: { Title: `${symbol} — ${title}` } });
  const bytes = buffer(doc);
  doc.font('Helvetica').fontSize(10).text(symbol, { align: 'right' }).text(text.original, { align: 'right' });
  doc.moveDown(2).font('Helvetica-Bold').fontSize(16).text(title).moveDown();
  for (const paragraph of text.body) doc.font('Helvetica').fontSize(11).text(paragraph).moveDown();
  doc.end();
  return bytes;
}

export interface DemoMeetingLoad {
  /** What this run added, in order; empty when everything was there already. */
  done: string[];
  /** Lines for `npm start` to print. */
  notes: string[];
}

/** The demo meeting `slug` as the secretariat sees it, or null when there is none. */
export async function findMeeting(
  read: MeetingsService,
  ctx: RequestContext,
  slug = DEMO_MEETING_SLUG,
): Promise<MeetingDetail | null> {
  try {
    return await read.get(slug, ctx.lang, ctx.actor);
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}

/**
 * Makes the demo MISPA IX exist with its agenda, delegations and document, adding only what is
 * missing. Needs the demo users (loadDemoUsers runs first). A MISPA IX that demo mode did not
 * create (it has another name) is left alone, and so is a demo meeting someone has taken further
 * (its agenda frozen, its registration closed).
 */
export async function loadDemoMeetings(deps: {
  db: Kysely<Database>;
  clock: () => Date;
  files: FilesConfig;
}): Promise<DemoMeetingLoad> {
  const { db, clock } = deps;
  const done: string[] = [];
  const secretariat = await demoContext(db, SECRETARIAT_EMAIL);
  if (!secretariat) {
    return { done, notes: [`Demo mode: MISPA IX was not added: the demo user ${SECRETARIAT_EMAIL} is missing.`] };
  }
  const { services, writes } = meetingServices(deps);
  const slug = DEMO_MEETING_SLUG;

  // "A convened MISPA IX": convened, and on to registration, so the focal points can register.
  const meeting = await ensureDemoMeeting(
    { services, writes },
    secretariat,
    { slug, input: MEETING, steps: TO_REGISTRATION, label: (what) => what },
    done,
  );
  if (!meeting) {
    return { done, notes: ['Demo mode: a MISPA IX not made by demo mode exists; no demo meeting was added.'] };
  }

  const items = await addAgenda(services, secretariat, done);
  await addDelegations(db, services, { secretariat, meeting, now: clock() }, done);
  await addDocument(services, deps.files, { secretariat, items }, done);
  return { done, notes: [await summary(services, secretariat)] };
}

/** The steps from a new meeting to registration open. */
export const TO_REGISTRATION = [
  ['draft', 'convene'],
  ['convened', 'open-registration'],
] as const satisfies ReadonlyArray<readonly [MeetingStatus, Transition]>;

/** Moves `meeting` through each of `steps` it stands at the start of; the meeting as it ends up. */
export async function advance(
  writes: ReturnType<typeof meetingWrites>,
  secretariat: RequestContext,
  start: MeetingDetail,
  steps: ReadonlyArray<readonly [MeetingStatus, Transition]>,
  label: (what: string) => string,
  done: string[],
): Promise<MeetingDetail> {
  let meeting = start;
  for (const [from, step] of steps) {
    if (meeting.status !== from) continue;
    meeting = await writes.transition(secretariat, meeting.slug, step, meeting.version);
    done.push(label(step));
  }
  return meeting;
}

/**
 * The demo meeting `plan.slug`, created from `plan.input` when missing and moved through
 * `plan.steps`; null when a meeting of that slug was not made by demo mode (another English name).
 */
export async function ensureDemoMeeting(
  { services, writes }: ReturnType<typeof meetingServices>,
  secretariat: RequestContext,
  plan: {
    slug: string;
    input: { name: Texts };
    steps: ReadonlyArray<readonly [MeetingStatus, Transition]>;
    label: (what: string) => string;
  },
  done: string[],
): Promise<MeetingDetail | null> {
  let meeting = await findMeeting(services.read, secretariat, plan.slug);
  if (meeting && meeting.editable?.names.en !== plan.input.name.en) return null;
  if (!meeting) {
    meeting = await writes.create(secretariat, MeetingCreateSchema.parse(plan.input));
    done.push(plan.label('meeting created'));
  }
  return advance(writes, secretariat, meeting, plan.steps, plan.label, done);
}

/** The meetings area's services as demo mode uses them: telling no one by e-mail. */
export function meetingServices({ db, clock }: { db: Kysely<Database>; clock: () => Date }) {
  const services = {
    read: meetingsService({ db, clock }),
    agenda: agendaService({ db, clock }),
    // Demo edits tell no one: the e-mails are for real registrations and a real secretariat.
    delegations: delegationsService({ db, clock, onChangeRequested: async () => {} }),
    documents: meetingDocumentsService({ db, clock }),
  };
  // Demo data convenes no one: convocation e-mails are for real meetings and real focal points.
  const writes = meetingWrites({ db, clock, read: services.read, onConvened: async () => {} });
  return { services, writes };
}

export type Services = {
  read: MeetingsService;
  agenda: AgendaService;
  delegations: DelegationsService;
  documents: MeetingDocumentsService;
};

async function addAgenda({ agenda: service }: Services, ctx: RequestContext, done: string[]): Promise<AgendaItem[]> {
  const agenda = await service.get(ctx, DEMO_MEETING_SLUG, 'en');
  if (agenda.items.length > 0 || agenda.frozen) return agenda.items;
  const items: AgendaItem[] = [];
  for (const item of AGENDA) {
    items.push(await service.create(ctx, DEMO_MEETING_SLUG, AgendaItemCreateSchema.parse(item)));
  }
  done.push(`agenda of ${items.length} items`);
  return items;
}

/** Accrediting without credentials takes a stated reason: the demo's notes verbales are fictitious. */
const DEMO_ACCREDITATION_REASON = 'Demo data: a fictitious delegation, without a note verbale';

/** Each state's registration at `on.meeting`, made by its focal point (by the secretariat once the
 * deadline has passed) and accredited by the secretariat. */
export async function addDelegations(
  db: Kysely<Database>,
  { delegations: service }: Services,
  on: { secretariat: RequestContext; meeting: MeetingDetail; now: Date },
  done: string[],
) {
  if (on.meeting.status !== 'registration-open') return;
  const slug = on.meeting.slug;
  const registered = (await service.list(on.secretariat, slug, {})).items;
  // Past the deadline only the secretariat may still register a state.
  const late = on.meeting.registrationDeadline !== null && on.now.toISOString() > on.meeting.registrationDeadline;
  for (const { memberState, focalPoint, participants } of DELEGATIONS) {
    let delegation = registered.find((d) => d.category === 'delegation' && d.memberState?.slug === memberState);
    if (!delegation) {
      const registrar = (late ? null : await demoContext(db, focalPoint)) ?? on.secretariat;
      const input = { category: 'delegation', memberState, participants, submit: true };
      delegation = await service.register(registrar, slug, DelegationCreateSchema.parse(input));
      done.push(`delegation of ${memberState} registered`);
    }
    if (delegation.status === 'submitted') {
      await service.accredit(on.secretariat, slug, delegation.id, {
        version: delegation.version,
        reason: DEMO_ACCREDITATION_REASON,
      });
      done.push(`delegation of ${memberState} accredited`);
    }
  }
}

/** The working document, linked to the ministers' dialogue, with its PDF in Spanish and English. */
async function addDocument(
  { documents: service }: Services,
  files: FilesConfig,
  on: { secretariat: RequestContext; items: AgendaItem[] },
  done: string[],
) {
  const slug = DEMO_MEETING_SLUG;
  const existing = (await service.list(on.secretariat, slug, 'en')).items;
  let document: MeetingDocument | undefined = existing.find((d) => d.titles.en === DOCUMENT_TITLES.en);
  // Documents someone else added: the meeting is theirs to show now.
  if (!document && existing.length > 0) return;
  if (!document) {
    const input = {
      category: 'working',
      titles: DOCUMENT_TITLES,
      originalLang: 'es',
      visibility: 'public',
      agendaItemId: on.items[DOCUMENT_ITEM]?.id,
    };
    document = await service.create(on.secretariat, slug, MeetingDocumentCreateSchema.parse(input));
    done.push('working document created');
  }
  const store = fileStore(files);
  for (const lang of Object.keys(DOCUMENT_FILES) as Lang[]) {
    const original = document.revisions.find((r) => r.revision === 0);
    if (!original || original.files.some((f) => f.lang === lang)) continue;
    const bytes = await documentPdf(lang, original.symbol);
    const upload = await store.receiveBytes(bytes, `mispa-ix-demo-${lang}.pdf`, DOCUMENT_KINDS, console);
    try {
      document = await service.putFile(on.secretariat, { slug, id: document.id, revision: 0, lang }, upload);
    } finally {
      await upload.release();
    }
    done.push(`document file in ${lang}`);
  }
}

/** The line `npm start` prints: where the demo meeting is and what it holds. */
async function summary(services: Services, ctx: RequestContext): Promise<string> {
  const [meeting, agenda, delegations, documents] = await Promise.all([
    services.read.get(DEMO_MEETING_SLUG, 'en', ctx.actor),
    services.agenda.get(ctx, DEMO_MEETING_SLUG, 'en'),
    services.delegations.list(ctx, DEMO_MEETING_SLUG, { status: 'accredited' }),
    services.documents.list(ctx, DEMO_MEETING_SLUG, 'en'),
  ]);
  return (
    `Demo mode: MISPA IX (fictitious, in San José, Costa Rica, 13–14 October 2027) is at /en/meetings/${DEMO_MEETING_SLUG}: ` +
    `status ${meeting.status}, ${agenda.items.length} agenda items, ${delegations.items.length} accredited delegations, ` +
    `${documents.items.length} document${documents.items.length === 1 ? '' : 's'}.`
  );
}
