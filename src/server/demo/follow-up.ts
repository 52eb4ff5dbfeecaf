import type { Kysely } from 'kysely';
import {
  type Cycle,
  CycleCreateSchema,
  ItemCreateSchema,
  type Report,
  ReportDraftSchema,
} from '../../contract/follow-up.js';
import type { FollowUpStatus, ReportState } from '../../domain/follow-up.js';
import type { Database } from '../db/schema.js';
import { ProblemError } from '../http/problems.js';
import { type FollowUpService, followUpService } from '../modules/follow-up/index.js';
import type { RequestContext } from '../policy/actor.js';
import { demoContext, SECRETARIAT_EMAIL, type Texts } from './meeting.js';

/**
 * Demo mode's follow-up (issue 15): a cycle past its deadline on the sample declaration's
 * recommendations and two demo items of a historic document (the Lima Recommendations), with
 * reports of Ecuador and Mexico at every stage (some accepted and published, one accepted and kept
 * private, one awaiting review, one a draft), and an open cycle taking reports now. Written through
 * the follow-up service as the demo users; each step only when missing.
 */

/** The historic document whose demo items the cycles follow. */
const HISTORIC = 'recommendations-lima';
/** Demo items of it: made-up texts, said to be so, since its official operative text is not on the
 * platform (the secretariat imports the real ones, docs/follow-up.md). */
const HISTORIC_ITEMS = [
  {
    number: 'demo-1',
    texts: {
      en: 'Demo item: strengthen community crime-prevention councils (demo data, not the official text).',
      es: 'Punto de demostración: fortalecer los consejos comunitarios de prevención (datos de demostración, no el texto oficial).',
      fr: 'Point de démonstration : renforcer les conseils communautaires de prévention (données de démonstration, pas le texte officiel).',
      pt: 'Item de demonstração: fortalecer os conselhos comunitários de prevenção (dados de demonstração, não o texto oficial).',
    },
  },
  {
    number: 'demo-2',
    texts: {
      en: 'Demo item: publish crime and violence data for prevention policies (demo data, not the official text).',
      es: 'Punto de demostración: publicar datos de delito y violencia para las políticas de prevención (datos de demostración, no el texto oficial).',
      fr: 'Point de démonstration : publier des données sur la criminalité et la violence pour la prévention (données de démonstration, pas le texte officiel).',
      pt: 'Item de demonstração: publicar dados de crime e violência para as políticas de prevenção (dados de demonstração, não o texto oficial).',
    },
  },
];

const CLOSED_CYCLE: Texts = {
  en: 'Demo follow-up cycle 2026 (closed, demo data)',
  es: 'Ciclo de seguimiento de demostración 2026 (cerrado, datos de demostración)',
  fr: 'Cycle de suivi de démonstration 2026 (clos, données de démonstration)',
  pt: 'Ciclo de acompanhamento de demonstração 2026 (encerrado, dados de demonstração)',
};
const OPEN_CYCLE: Texts = {
  en: 'Current demo follow-up cycle (open, demo data)',
  es: 'Ciclo de seguimiento de demostración en curso (abierto, datos de demostración)',
  fr: 'Cycle de suivi de démonstration en cours (ouvert, données de démonstration)',
  pt: 'Ciclo de acompanhamento de demonstração em curso (aberto, dados de demonstração)',
};

/** How far each demo report goes: a draft, submitted, accepted, or accepted and made public. */
type Stage = 'draft' | 'submitted' | 'accepted' | 'published';
interface DemoReport {
  state: 'ec' | 'mx';
  /** Which recommendation of the sample declaration (0 = the first), or which historic demo item. */
  item: number;
  historic?: true;
  stage: Stage;
  status: FollowUpStatus;
  measures: string;
  institution: string;
}

const REPORTS: DemoReport[] = [
  {
    state: 'ec',
    item: 0,
    stage: 'published',
    status: 'implemented',
    measures:
      'Plan nacional de prevención con comités comunitarios en 24 provincias (datos ficticios de demostración).',
    institution: 'Ministerio de demostración, Ecuador',
  },
  {
    state: 'ec',
    item: 1,
    stage: 'accepted',
    status: 'in-progress',
    measures: 'Programa de formación continua en curso (datos ficticios de demostración).',
    institution: 'Ministerio de demostración, Ecuador',
  },
  {
    state: 'mx',
    item: 0,
    stage: 'published',
    status: 'planned',
    measures: 'Estrategia comunitaria aprobada, a aplicarse el próximo año (datos ficticios de demostración).',
    institution: 'Secretaría de demostración, México',
  },
  {
    state: 'mx',
    item: 2,
    stage: 'submitted',
    status: 'in-progress',
    measures: 'Acuerdos de intercambio de información en negociación (datos ficticios de demostración).',
    institution: 'Secretaría de demostración, México',
  },
  {
    state: 'ec',
    item: 3,
    stage: 'draft',
    status: 'not-started',
    measures: 'Por definir (datos ficticios de demostración).',
    institution: 'Ministerio de demostración, Ecuador',
  },
  {
    state: 'ec',
    item: 0,
    historic: true,
    stage: 'published',
    status: 'implemented',
    measures: 'Consejos comunitarios instalados en todos los cantones (datos ficticios de demostración).',
    institution: 'Ministerio de demostración, Ecuador',
  },
  {
    state: 'mx',
    item: 0,
    historic: true,
    stage: 'published',
    status: 'implemented',
    measures: 'Red nacional de consejos de prevención en funcionamiento (datos ficticios de demostración).',
    institution: 'Secretaría de demostración, México',
  },
  {
    state: 'mx',
    item: 1,
    historic: true,
    stage: 'submitted',
    status: 'planned',
    measures: 'Portal de datos abiertos de seguridad en preparación (datos ficticios de demostración).',
    institution: 'Secretaría de demostración, México',
  },
];

/** How far a report has gone, in the order of the stages. */
const STAGES: Stage[] = ['draft', 'submitted', 'accepted', 'published'];
const stageOf = (report: Report): Stage =>
  report.published
    ? 'published'
    : (({ 'changes-requested': 'draft' } as Partial<Record<ReportState, Stage>>)[report.reportState] ??
      (report.reportState as Stage));

/** The open cycle takes reports from the first start on, for 120 days. */
const days = (date: Date, n: number) => new Date(date.getTime() + n * 86_400_000).toISOString().slice(0, 10);

/** Makes the two demo cycles and the closed one's reports exist. Needs the adopted sample declaration. */
export async function loadDemoFollowUp(deps: {
  db: Kysely<Database>;
  clock: () => Date;
  sample: { slug: string } | null;
}): Promise<{ done: string[]; notes: string[] }> {
  const done: string[] = [];
  const secretariat = await demoContext(deps.db, SECRETARIAT_EMAIL);
  const states = {
    ec: await demoContext(deps.db, 'focal.ec@demo.invalid'),
    mx: await demoContext(deps.db, 'focal.mx@demo.invalid'),
  };
  if (!secretariat || !states.ec || !states.mx || !deps.sample) return { done, notes: [] };
  // Demo cycles e-mail no one: the opening mails are for real focal points.
  const service = followUpService({ db: deps.db, clock: deps.clock });
  const today = deps.clock();
  const historic = await historicItems(service, secretariat, done);
  const sampleItems = (await service.listItems(secretariat, { document: deps.sample.slug })).items.map((i) => i.id);
  const closed = await cycle(
    service,
    secretariat,
    {
      names: CLOSED_CYCLE,
      opensOn: '2026-06-01',
      deadline: '2026-09-30',
      documents: [deps.sample.slug, HISTORIC],
      states: ['ec', 'mx'],
    },
    done,
  );
  await cycle(
    service,
    secretariat,
    {
      names: OPEN_CYCLE,
      opensOn: days(today, 0),
      deadline: days(today, 120),
      documents: [deps.sample.slug, HISTORIC],
    },
    done,
  );
  for (const planned of REPORTS) {
    // Taken from the cycle's own items, so a cycle made before the historic items were added has none.
    const itemId = (planned.historic ? historic : sampleItems).filter((id) => closed.items.includes(id))[planned.item];
    if (!itemId) continue;
    const who = { secretariat, state: states[planned.state] as RequestContext };
    await report(service, who, closed, itemId, planned, done);
  }
  return {
    done,
    notes: [
      `Demo mode: two follow-up cycles on the sample declaration and two demo items of the Lima Recommendations, one closed with reports of Ecuador and Mexico, are at /en/follow-up.`,
    ],
  };
}

/** The historic document's demo items, added when missing; their ids in order. */
async function historicItems(service: FollowUpService, ctx: RequestContext, done: string[]): Promise<string[]> {
  const existing = (await service.listItems(ctx, { document: HISTORIC })).items;
  const ids: string[] = [];
  for (const item of HISTORIC_ITEMS) {
    const found = existing.find((i) => i.number === item.number);
    if (found) {
      ids.push(found.id);
      continue;
    }
    const input = { document: HISTORIC, ...item, pillars: ['prevention'], sourceUrl: LIMA_SOURCE };
    ids.push((await service.createItem(ctx, ItemCreateSchema.parse(input))).id);
    done.push(`historic item: ${HISTORIC} ${item.number}`);
  }
  return ids;
}

/** Where the Lima Recommendations are public (the US State Department's copy, docs/data.md). */
const LIMA_SOURCE = 'https://2009-2017.state.gov/p/wha/rls/259344.htm';

/** The cycle named `input.names`, opened when missing. */
async function cycle(
  service: FollowUpService,
  ctx: RequestContext,
  input: { names: Texts; opensOn: string; deadline: string; documents: string[]; states?: string[] },
  done: string[],
): Promise<Cycle> {
  const existing = (await service.listCycles({ ...ctx, lang: 'en' })).items.find((c) => c.name.text === input.names.en);
  if (existing) return existing;
  done.push(`cycle opened: ${input.names.en}`);
  return service.createCycle(ctx, CycleCreateSchema.parse(input));
}

/** Takes one demo report to its stage, from wherever an earlier start left it. */
async function report(
  service: FollowUpService,
  who: { secretariat: RequestContext; state: RequestContext },
  cycle: Cycle,
  itemId: string,
  planned: DemoReport,
  done: string[],
) {
  const label = planned.historic ? `historic item ${planned.item + 1}` : `item ${planned.item + 1}`;
  const at = [cycle.id, itemId, planned.state] as const;
  let current = await service.getReport(who.state, ...at).catch((error) => {
    if (error instanceof ProblemError && error.status === 404) return null;
    throw error;
  });
  if (!current) {
    const input = { status: planned.status, measures: planned.measures, institution: planned.institution };
    current = (await service.saveDraft(who.state, ...at, ReportDraftSchema.parse(input))).report;
    done.push(`report of ${planned.state} on ${label}: draft`);
  }
  const target = STAGES.indexOf(planned.stage);
  while (STAGES.indexOf(stageOf(current)) < target) {
    const stage = stageOf(current);
    if (stage === 'draft') current = await service.submit(who.state, ...at, current.version);
    else if (stage === 'submitted')
      current = await service.review(who.secretariat, ...at, {
        version: current.version,
        decision: 'accept',
        comment: 'Accepted (demo data).',
      });
    else current = await service.publish(who.state, ...at, { version: current.version, published: true });
    done.push(`report of ${planned.state} on ${label}: ${stageOf(current)}`);
  }
}
