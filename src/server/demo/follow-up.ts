import type { Kysely } from 'kysely';
import { type Cycle, CycleCreateSchema, type Report, ReportDraftSchema } from '../../contract/follow-up.js';
import type { FollowUpStatus, ReportState } from '../../domain/follow-up.js';
import type { Database } from '../db/schema.js';
import { ProblemError } from '../http/problems.js';
import { type FollowUpService, followUpService } from '../modules/follow-up/index.js';
import type { RequestContext } from '../policy/actor.js';
import { demoContext, SECRETARIAT_EMAIL, type Texts } from './meeting.js';

/**
 * Demo mode's follow-up (issue 15): a cycle past its deadline on the sample declaration's
 * recommendations, with reports of Ecuador and Mexico at every stage (some accepted and published,
 * one accepted and kept private, one awaiting review, one a draft), and an open cycle taking reports
 * now. Written through the follow-up service as the demo users; each step only when missing.
 */

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
  /** Which recommendation of the sample declaration (0 = the first). */
  item: number;
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
  const closed = await cycle(
    service,
    secretariat,
    {
      names: CLOSED_CYCLE,
      opensOn: '2026-06-01',
      deadline: '2026-09-30',
      documents: [deps.sample.slug],
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
      documents: [deps.sample.slug],
    },
    done,
  );
  for (const planned of REPORTS) {
    await report(service, { secretariat, state: states[planned.state] as RequestContext }, closed, planned, done);
  }
  return {
    done,
    notes: [
      `Demo mode: two follow-up cycles on the sample declaration, one closed with reports of Ecuador and Mexico, are at /en/follow-up.`,
    ],
  };
}

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
  planned: DemoReport,
  done: string[],
) {
  const itemId = cycle.items[planned.item];
  if (!itemId) return;
  const at = [cycle.id, itemId, planned.state] as const;
  let current = await service.getReport(who.state, ...at).catch((error) => {
    if (error instanceof ProblemError && error.status === 404) return null;
    throw error;
  });
  if (!current) {
    const input = { status: planned.status, measures: planned.measures, institution: planned.institution };
    current = (await service.saveDraft(who.state, ...at, ReportDraftSchema.parse(input))).report;
    done.push(`report of ${planned.state} on item ${planned.item + 1}: draft`);
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
    done.push(`report of ${planned.state} on item ${planned.item + 1}: ${stageOf(current)}`);
  }
}
