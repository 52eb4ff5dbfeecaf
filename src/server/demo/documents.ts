import type { Kysely } from 'kysely';
import type { MeetingDetail } from '../../contract/meetings.js';
import { AmendmentCreateSchema, FootnoteCreateSchema, PositionCreateSchema } from '../../contract/negotiation.js';
import {
  NodeCreateSchema,
  type OutcomeDocument,
  OutcomeDocumentCreateSchema,
} from '../../contract/outcome-documents.js';
import { DocumentListQuerySchema } from '../../contract/reference.js';
import type { Database } from '../db/schema.js';
import { stateDelegationAt } from '../modules/delegations/index.js';
import { documentsServices } from '../modules/documents/index.js';
import type { RequestContext } from '../policy/actor.js';
import {
  addDelegations,
  advance,
  DEMO_MEETING_SLUG,
  demoContext,
  ensureDemoMeeting,
  findMeeting,
  meetingServices,
  SECRETARIAT_EMAIL,
  type Texts,
  TO_REGISTRATION,
} from './meeting.js';

/**
 * Demo mode's outcome documents (issue 13): an adopted SAMPLE declaration at a concluded, fictitious
 * preparatory meeting (eleven paragraphs in Spanish and English, four operative ones recommendations
 * with pillars, a reservation by Ecuador), and a draft under negotiation at the demo MISPA IX with
 * pending amendments of Ecuador and Mexico, one supported by the other. Everything goes through the
 * meetings and documents services as the demo users, so the rules and the audit trail apply; each
 * step is taken only when missing, so a second start changes nothing.
 */

/** The concluded meeting the sample declaration was adopted at; its slug follows its English name and year. */
const SAMPLE_MEETING_NAMES: Texts = {
  en: 'Sample preparatory meeting (demo)',
  es: 'Reunión preparatoria de muestra (demostración)',
  fr: 'Réunion préparatoire exemple (démonstration)',
  pt: 'Reunião preparatória de exemplo (demonstração)',
};
export const SAMPLE_MEETING_SLUG = 'sample-preparatory-meeting-demo-2026';
/** Held in Quito (UTC−5 all year), months before the demo MISPA IX: past, so it may conclude by its dates. */
const SAMPLE_MEETING = {
  kind: 'preparatory',
  name: SAMPLE_MEETING_NAMES,
  hostState: 'ec',
  city: 'Quito',
  venue: 'Demo venue (fictitious), Quito',
  format: 'in-person',
  timeZone: 'America/Guayaquil',
  start: '2026-05-12T09:00',
  end: '2026-05-13T18:00',
  registrationDeadline: '2026-04-24T23:59',
  workingLangs: ['es', 'en'],
  pillars: ['prevention', 'police-management'],
};

export const SAMPLE_TITLES: Texts = {
  en: 'Sample declaration (demo)',
  es: 'Declaración de muestra (demostración)',
  fr: 'Déclaration exemple (démonstration)',
  pt: 'Declaração de exemplo (demonstração)',
};

export const DRAFT_TITLES: Texts = {
  en: 'Draft commitments of MISPA IX (demo)',
  es: 'Proyecto de compromisos de la MISPA IX (demostración)',
  fr: 'Projet d’engagements de la MISPA IX (démonstration)',
  pt: 'Projeto de compromissos da MISPA IX (demonstração)',
};

interface Paragraph {
  kind: 'preambular' | 'operative';
  es: string;
  en: string;
  /** Marked paragraphs become follow-up items once the document is adopted. */
  mark?: 'recommendation';
  pillars?: string[];
}

const recommendation = (pillars: string[]) => ({ mark: 'recommendation' as const, pillars });

const SAMPLE_PARAGRAPHS: Paragraph[] = [
  {
    kind: 'preambular',
    es: 'Recordando que este texto es una muestra ficticia del modo de demostración de la Plataforma MISPA y no un documento oficial;',
    en: 'Recalling that this text is a fictitious sample of the demo mode of the MISPA Platform and not an official document;',
  },
  {
    kind: 'preambular',
    es: 'Reconociendo que la seguridad pública es una responsabilidad compartida de los Estados Miembros;',
    en: 'Recognising that public security is a shared responsibility of the Member States;',
  },
  {
    kind: 'preambular',
    es: 'Destacando la importancia de la prevención de la violencia y del delito;',
    en: 'Stressing the importance of preventing violence and crime;',
  },
  {
    kind: 'preambular',
    es: 'Considerando los compromisos asumidos en reuniones anteriores;',
    en: 'Considering the commitments made at earlier meetings;',
  },
  {
    kind: 'operative',
    es: 'Fortalecer las políticas nacionales de prevención de la violencia con participación comunitaria.',
    en: 'Strengthen national violence-prevention policies with community participation.',
    ...recommendation(['prevention']),
  },
  {
    kind: 'operative',
    es: 'Profesionalizar la gestión policial mediante la formación continua y la evaluación del desempeño.',
    en: 'Professionalise police management through continuous training and performance evaluation.',
    ...recommendation(['police-management']),
  },
  {
    kind: 'operative',
    es: 'Intercambiar información y buenas prácticas entre los Estados Miembros.',
    en: 'Exchange information and good practices among the Member States.',
    ...recommendation(['international-cooperation']),
  },
  {
    kind: 'operative',
    es: 'Publicar estadísticas de seguridad pública comparables y abiertas.',
    en: 'Publish comparable and open public-security statistics.',
    ...recommendation(['prevention', 'police-management']),
  },
  {
    kind: 'operative',
    es: 'Encomendar a la Secretaría Técnica que apoye la aplicación de esta declaración.',
    en: 'Entrust the Technical Secretariat with supporting the implementation of this declaration.',
  },
  {
    kind: 'operative',
    es: 'Informar sobre los avances en la próxima reunión.',
    en: 'Report on progress at the next meeting.',
  },
  {
    kind: 'operative',
    es: 'Agradecer al país anfitrión ficticio por su hospitalidad.',
    en: 'Thank the fictitious host country for its hospitality.',
  },
];

const DRAFT_PARAGRAPHS: Paragraph[] = [
  {
    kind: 'preambular',
    es: 'Recordando que este proyecto es un ejemplo ficticio del modo de demostración;',
    en: 'Recalling that this draft is a fictitious example of the demo mode;',
  },
  {
    kind: 'operative',
    es: 'Fortalecer la cooperación regional en la prevención del delito.',
    en: 'Strengthen regional cooperation in crime prevention.',
    ...recommendation(['prevention']),
  },
  {
    kind: 'operative',
    es: 'Intercambiar información sobre la gestión policial.',
    en: 'Exchange information on police management.',
    ...recommendation(['police-management']),
  },
];

const SAMPLE_FOOTNOTE = {
  es: 'Ecuador se reserva sobre este párrafo hasta concluir sus consultas internas (nota ficticia de demostración).',
};

export interface DemoDocumentsLoad {
  done: string[];
  notes: string[];
  /** The adopted sample declaration the follow-up reports on; null when it could not be made. */
  sample: OutcomeDocument | null;
}

type Documents = ReturnType<typeof documentsServices>;

/**
 * Makes the sample declaration and the MISPA IX draft exist, adding only what is missing. Needs the
 * demo users and the demo MISPA IX (loadDemoMeetings runs first).
 */
export async function loadDemoDocuments(deps: { db: Kysely<Database>; clock: () => Date }): Promise<DemoDocumentsLoad> {
  const { db } = deps;
  const done: string[] = [];
  const secretariat = await demoContext(db, SECRETARIAT_EMAIL);
  const focal = {
    ec: await demoContext(db, 'focal.ec@demo.invalid'),
    mx: await demoContext(db, 'focal.mx@demo.invalid'),
  };
  if (!secretariat || !focal.ec || !focal.mx) return { done, notes: [], sample: null };
  const states = { ec: focal.ec, mx: focal.mx };
  const meetings = meetingServices(deps);
  const documents = documentsServices({ ...deps, delegationAt: stateDelegationAt(meetings.services.delegations) });

  const meeting = await sampleMeeting(deps, meetings, secretariat, done);
  const notes: string[] = [];
  let sample: OutcomeDocument | null = null;
  if (meeting) {
    sample = await sampleDocument(documents, { secretariat, states }, done);
    notes.push(`Demo mode: a sample adopted declaration is at /en/documents/${sample.slug}.`);
  } else {
    notes.push(`Demo mode: no sample declaration: a meeting ${SAMPLE_MEETING_SLUG} not made by demo mode exists.`);
  }
  if (await findMeeting(meetings.services.read, secretariat)) {
    const draft = await mispaDraft(documents, { secretariat, states }, done);
    notes.push(
      `Demo mode: a draft under negotiation at MISPA IX, with amendments of Ecuador and Mexico, is at /en/documents/${draft.slug} (signed in).`,
    );
  }
  return { done, notes, sample: sample?.status === 'adopted' ? sample : null };
}

/** The concluded sample meeting with the delegations of Ecuador and Mexico, or null when its slug is someone else's. */
async function sampleMeeting(
  deps: { db: Kysely<Database>; clock: () => Date },
  meetings: ReturnType<typeof meetingServices>,
  secretariat: RequestContext,
  done: string[],
): Promise<MeetingDetail | null> {
  const label = (what: string) => `sample meeting: ${what}`;
  const plan = { slug: SAMPLE_MEETING_SLUG, input: SAMPLE_MEETING, steps: TO_REGISTRATION, label };
  const meeting = await ensureDemoMeeting(meetings, secretariat, plan, done);
  if (!meeting) return null;
  // The states footnote a text they read: their delegations are at the meeting.
  await addDelegations(deps.db, meetings.services, { secretariat, meeting, now: deps.clock() }, done);
  const steps = [
    ['registration-open', 'close-registration'],
    ['registration-closed', 'start'],
    ['in-session', 'conclude'],
  ] as const;
  return advance(meetings.writes, secretariat, meeting, steps, label, done);
}

/** The document titled `titles` at `meeting`, as the secretariat sees it, or undefined. */
async function findDocument(documents: Documents, ctx: RequestContext, meeting: string, titles: Texts) {
  const list = await documents.reads.list(DocumentListQuerySchema.parse({ meeting, limit: 100 }), 'en', ctx.actor);
  const found = list.items.find((d) => d.title?.text === titles.en);
  return found ? documents.reads.get(found.id, 'en', ctx.actor) : undefined;
}

/** A draft with `paragraphs` in Spanish (the original) and English, opened for negotiation. */
async function negotiatedDraft(
  documents: Documents,
  ctx: RequestContext,
  at: { meeting: string; type: string; titles: Texts; paragraphs: Paragraph[] },
  done: string[],
): Promise<OutcomeDocument> {
  let doc = await findDocument(documents, ctx, at.meeting, at.titles);
  if (!doc) {
    const input = { meeting: at.meeting, type: at.type, titles: at.titles, originalLang: 'es' };
    doc = await documents.writes.create(ctx, OutcomeDocumentCreateSchema.parse(input));
    done.push(`document created: ${at.titles.en}`);
  }
  if (doc.status === 'draft' && doc.body.length === 0) {
    for (const { es, en, kind, mark, pillars } of at.paragraphs) {
      const input = { version: doc.version, kind, text: es, ...(mark ? { mark, pillars } : {}) };
      doc = await documents.writes.addNode(ctx, doc.id, NodeCreateSchema.parse(input));
      const node = doc.body.at(-1) as OutcomeDocument['body'][number];
      doc = await documents.writes.translate(ctx, doc.id, node.id, 'en', {
        version: doc.version,
        text: en,
        state: 'done',
      });
    }
    done.push(`${at.paragraphs.length} paragraphs in es and en`);
  }
  if (doc.status === 'draft') {
    doc = await documents.writes.changeStatus(ctx, doc.id, { version: doc.version, status: 'under-negotiation' });
    done.push('negotiation opened');
  }
  return doc;
}

/** The sample declaration: negotiated, footnoted by Ecuador, agreed ad referendum and adopted. */
async function sampleDocument(
  documents: Documents,
  who: { secretariat: RequestContext; states: Record<'ec' | 'mx', RequestContext> },
  done: string[],
) {
  const { secretariat } = who;
  const on = {
    meeting: SAMPLE_MEETING_SLUG,
    type: 'declaration',
    titles: SAMPLE_TITLES,
    paragraphs: SAMPLE_PARAGRAPHS,
  };
  let doc = (await findDocument(documents, secretariat, on.meeting, on.titles)) ?? null;
  if (doc?.status === 'adopted') return doc;
  doc = await negotiatedDraft(documents, secretariat, on, done);
  if (doc.status === 'under-negotiation' && doc.footnotes.length === 0) {
    // A reservation on the statistics paragraph (the eighth).
    const input = { state: 'ec', kind: 'reservation', nodeId: doc.body[7]?.id, lang: 'es', text: SAMPLE_FOOTNOTE.es };
    await documents.negotiation.footnote(who.states.ec, doc.id, FootnoteCreateSchema.parse(input));
    done.push('footnote of ec');
  }
  // As the secretariat reads it: the moves it may make next.
  doc = await documents.reads.get(doc.id, 'en', secretariat.actor);
  for (const status of ['agreed-ad-referendum', 'adopted'] as const) {
    if (!doc.transitions.includes(status)) continue;
    doc = await documents.writes.changeStatus(secretariat, doc.id, { version: doc.version, status });
    done.push(`sample declaration ${status}`);
  }
  return doc;
}

/** The MISPA IX draft: Ecuador proposes a change Mexico supports, Mexico an insertion, both pending. */
async function mispaDraft(
  documents: Documents,
  who: { secretariat: RequestContext; states: Record<'ec' | 'mx', RequestContext> },
  done: string[],
) {
  const on = { meeting: DEMO_MEETING_SLUG, type: 'commitment', titles: DRAFT_TITLES, paragraphs: DRAFT_PARAGRAPHS };
  const doc = await negotiatedDraft(documents, who.secretariat, on, done);
  if (doc.status !== 'under-negotiation') return doc;
  if ((await documents.negotiation.amendments(who.secretariat, doc.id)).items.length > 0) return doc;
  const first = doc.body[1]?.id;
  const second = doc.body[2]?.id;
  const ecuador = await documents.negotiation.propose(
    who.states.ec,
    doc.id,
    AmendmentCreateSchema.parse({
      version: doc.version,
      state: 'ec',
      kind: 'replace',
      nodeId: first,
      text: 'Fortalecer la cooperación hemisférica en la prevención de la violencia y del delito.',
      rationale: 'Abarcar la violencia además del delito (enmienda ficticia de demostración).',
    }),
  );
  done.push('amendment of ec');
  await documents.negotiation.propose(
    who.states.mx,
    doc.id,
    AmendmentCreateSchema.parse({
      version: doc.version,
      state: 'mx',
      kind: 'insert',
      nodeId: second,
      paragraphKind: 'operative',
      text: 'Promover la participación de las mujeres en las instituciones de seguridad pública.',
      rationale: 'Incluir la perspectiva de género (enmienda ficticia de demostración).',
    }),
  );
  done.push('amendment of mx');
  await documents.negotiation.position(
    who.states.mx,
    doc.id,
    ecuador.id,
    PositionCreateSchema.parse({ state: 'mx', stance: 'support', comment: 'México apoya esta enmienda.' }),
  );
  done.push('mx supports the amendment of ec');
  return doc;
}
