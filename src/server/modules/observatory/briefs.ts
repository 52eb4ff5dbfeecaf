import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Lang } from '../../../contract/common.js';
import type {
  BriefFindings,
  RegionalBrief,
  RegionalBriefCreate,
  RegionalBriefExport,
  RegionalBriefList,
  RegionalBriefUpdate,
} from '../../../contract/indicators.js';
import { worsened } from '../../../domain/briefs.js';
import { LANGS } from '../../../domain/languages.js';
import { SUBREGIONS, type Subregion } from '../../../domain/reference.js';
import type { Database } from '../../db/schema.js';
import { transact } from '../../db/transaction.js';
import { DOCUMENT_KINDS, type ErrorLog, type FileStore, type Upload } from '../../files/index.js';
import { ConflictError, ProblemError } from '../../http/problems.js';
import { message } from '../../i18n/messages.js';
import type { RequestContext } from '../../policy/actor.js';
import { recordAudit } from '../audit/index.js';
import { meetingDocumentsService } from '../meeting-documents/index.js';
import { findVisibleMeeting } from '../meetings/index.js';
import { updateUnchanged } from '../shared/concurrency.js';
import { namesOf } from '../shared/meeting-names.js';
import { loadTexts, textOf } from '../shared/texts.js';
import { versionedWrites } from '../shared/versioned-write.js';
import { type BriefNames, briefPdf } from './brief-pdf.js';
import { observatoryPolicy } from './policy.js';
import { listIndicators, pillarCodesOf } from './queries.js';
import type { ObservatoryService } from './service.js';

type BriefTexts = RegionalBrief['texts'];
type BriefRow = Awaited<ReturnType<typeof findBrief>>;

function findBrief(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('regional_brief')
    .innerJoin('meeting', 'meeting.id', 'regional_brief.meeting_id')
    .selectAll('regional_brief')
    .select('meeting.slug as meeting_slug')
    .where('regional_brief.id', '=', id)
    .executeTakeFirst();
}

/**
 * The observatory's "regional concerns" briefs (issue 14): generated for a meeting from every
 * indicator's trends, edited by the secretariat as a draft, and exported as a PDF in the four
 * languages to a meeting document (through the meeting-documents module, which gives its symbol).
 */
export function regionalBriefs(deps: {
  db: Kysely<Database>;
  clock: () => Date;
  observatory: ObservatoryService;
  files: FileStore;
}) {
  const { db, clock, observatory, files } = deps;
  const versionedWrite = versionedWrites({ db, clock });

  async function namesIn(lang: Lang, meetingId: string): Promise<BriefNames> {
    const indicators = await db.selectFrom('indicator').select(['id', 'code']).execute();
    const states = await db.selectFrom('member_state').select(['id', 'iso3']).execute();
    const pillars = await db.selectFrom('pillar').select(['id', 'code']).execute();
    const [indicatorTexts, stateTexts, pillarTexts, meetingNames] = await Promise.all([
      loadTexts(
        db,
        'indicator',
        indicators.map((r) => r.id),
        lang,
      ),
      loadTexts(
        db,
        'member_state',
        states.map((r) => r.id),
        lang,
      ),
      loadTexts(
        db,
        'pillar',
        pillars.map((r) => r.id),
        lang,
      ),
      namesOf(db, [meetingId], lang),
    ]);
    const lookup = (rows: Array<{ id: string }>, key: (r: never) => string, texts: typeof indicatorTexts) =>
      new Map(rows.map((r) => [key(r as never), textOf(texts, r.id, 'name')?.text]));
    const indicatorNames = lookup(indicators, (r: { code: string }) => r.code, indicatorTexts);
    const stateNames = lookup(states, (r: { iso3: string }) => r.iso3, stateTexts);
    const pillarNames = lookup(pillars, (r: { code: string }) => r.code, pillarTexts);
    const format = new Map<number, Intl.NumberFormat>();
    return {
      lang,
      meeting: meetingNames.get(meetingId)?.text ?? '',
      indicator: (code) => indicatorNames.get(code) ?? code,
      state: (iso3) => stateNames.get(iso3) ?? iso3,
      pillar: (code) => pillarNames.get(code) ?? code,
      subregion: (subregion) => message(lang, `observatory.brief.subregion.${subregion}`),
      number: (value, digits) => {
        let formatter = format.get(digits);
        if (!formatter) {
          formatter = new Intl.NumberFormat(lang, { maximumFractionDigits: digits, signDisplay: 'exceptZero' });
          format.set(digits, formatter);
        }
        return formatter.format(value);
      },
    };
  }

  /** The draft's title and body in `lang`: per subregion, per pillar, the indicators that worsened
   * and where, then how it was computed. */
  function draftText(findings: BriefFindings, years: number, names: BriefNames): { title: string; body: string } {
    const { lang } = names;
    const paragraphs: string[] = [message(lang, 'observatory.brief.intro', { years: String(years) })];
    for (const subregion of SUBREGIONS) {
      paragraphs.push(`# ${names.subregion(subregion)}`);
      const byPillar = new Map<string, string[]>();
      for (const indicator of findings.indicators) {
        const here = indicator.worsened.filter((w) => w.subregion === subregion);
        if (here.length === 0) continue;
        const states = here
          .map((w) =>
            message(lang, 'observatory.brief.stateTrend', {
              state: names.state(w.state.iso3),
              slope: names.number(w.slope, 3),
              p: names.number(w.p, 3).replace(/^\+/, ''),
            }),
          )
          .join('; ');
        const line = message(lang, 'observatory.brief.worsenedIn', {
          indicator: names.indicator(indicator.code),
          from: String(indicator.from),
          to: String(indicator.to),
          states,
        });
        for (const pillar of indicator.pillars.length > 0 ? indicator.pillars : [''])
          byPillar.set(pillar, [...(byPillar.get(pillar) ?? []), line]);
      }
      if (byPillar.size === 0) paragraphs.push(message(lang, 'observatory.brief.noneWorsened'));
      for (const [pillar, lines] of byPillar)
        paragraphs.push(
          `${pillar ? names.pillar(pillar) : message(lang, 'observatory.brief.noPillar')}: ${lines.join(' ')}`,
        );
    }
    paragraphs.push(`# ${message(lang, 'observatory.brief.methodTitle')}`, message(lang, 'observatory.brief.method'));
    const sources = [...new Set(findings.indicators.map((i) => i.attribution))];
    paragraphs.push(`${message(lang, 'observatory.brief.sources')}: ${sources.join('; ')}`);
    return {
      title: message(lang, 'observatory.brief.title', { meeting: names.meeting }),
      body: paragraphs.join('\n\n'),
    };
  }

  /** Every indicator's trends over `years`, and the states where each worsened significantly. */
  async function findingsOf(years: number, lang: Lang): Promise<BriefFindings> {
    const indicators = await listIndicators(db);
    const pillars = await pillarCodesOf(
      db,
      indicators.map((i) => i.id),
    );
    const subregions = new Map(
      (await db.selectFrom('member_state').select(['iso3', 'subregion']).execute()).map((s) => [s.iso3, s.subregion]),
    );
    const result: BriefFindings = { indicators: [] };
    for (const indicator of indicators) {
      const trends = await observatory.trends(indicator.code, years, lang);
      result.indicators.push({
        code: indicator.code,
        unit: indicator.unit,
        higherIsWorse: trends.higherIsWorse,
        from: trends.from,
        to: trends.to,
        pillars: pillars.get(indicator.id) ?? [],
        assessed: trends.items.filter((t) => t.flag !== 'not-enough-data').length,
        attribution: trends.source.attribution,
        worsened: trends.items
          .filter((t) => worsened(t.flag, trends.higherIsWorse))
          .map((t) => ({
            state: t.state,
            subregion: subregions.get(t.state.iso3) as Subregion,
            n: t.n,
            slope: t.slope as number,
            p: t.p as number,
            breakInSeries: t.breakInSeries,
          })),
      });
    }
    return result;
  }

  async function present(row: NonNullable<BriefRow>): Promise<RegionalBrief> {
    let document: RegionalBrief['document'] = null;
    if (row.meeting_document_id) {
      const latest = await db
        .selectFrom('meeting_document_revision')
        .select('symbol')
        .where('document_id', '=', row.meeting_document_id)
        .orderBy('revision', 'desc')
        .executeTakeFirstOrThrow();
      document = { id: row.meeting_document_id, symbol: latest.symbol };
    }
    return {
      id: row.id,
      meeting: row.meeting_slug,
      years: row.years,
      method: message('en', 'observatory.brief.method'),
      findings: JSON.parse(row.findings) as BriefFindings,
      texts: JSON.parse(row.texts) as BriefTexts,
      document,
      version: row.version,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  async function briefOf(ctx: RequestContext, id: string): Promise<NonNullable<BriefRow>> {
    observatoryPolicy.require(ctx, 'observatory.read-briefs');
    const row = await findBrief(db, id);
    if (!row) throw new ProblemError(404, 'not-found', 'observatory.briefNotFound', { id });
    return row;
  }

  const stale = async (id: string, sent: number): Promise<never> => {
    const current = await present((await findBrief(db, id)) as NonNullable<BriefRow>);
    throw new ConflictError(
      'observatory.stale',
      { sent: String(sent), current: String(current.version) },
      current.version,
      current,
    );
  };

  return {
    async list(ctx: RequestContext, meeting?: string): Promise<RegionalBriefList> {
      observatoryPolicy.require(ctx, 'observatory.read-briefs');
      let query = db
        .selectFrom('regional_brief')
        .innerJoin('meeting', 'meeting.id', 'regional_brief.meeting_id')
        .selectAll('regional_brief')
        .select('meeting.slug as meeting_slug')
        .orderBy('regional_brief.created_at', 'desc')
        .orderBy('regional_brief.id', 'desc');
      if (meeting) query = query.where('meeting.slug', '=', meeting);
      return { items: await Promise.all((await query.execute()).map(present)) };
    },

    async get(ctx: RequestContext, id: string): Promise<RegionalBrief> {
      return present(await briefOf(ctx, id));
    },

    /** A new draft for the meeting, from the trends as they are now, in the four languages. */
    async generate(ctx: RequestContext, input: RegionalBriefCreate): Promise<RegionalBrief> {
      const role = observatoryPolicy.require(ctx, 'observatory.briefs');
      const meeting = await findVisibleMeeting(db, ctx.actor, input.meeting);
      const findings = await findingsOf(input.years, ctx.lang);
      const texts = Object.fromEntries(
        await Promise.all(
          LANGS.map(async (lang) => [lang, draftText(findings, input.years, await namesIn(lang, meeting.id))] as const),
        ),
      ) as BriefTexts;
      const now = clock();
      const at = now.toISOString();
      const id = uuidv7();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('regional_brief')
          .values({
            id,
            meeting_id: meeting.id,
            years: input.years,
            findings: JSON.stringify(findings),
            texts: JSON.stringify(texts),
            meeting_document_id: null,
            created_by: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
            created_at: at,
            updated_at: at,
          })
          .execute();
        await recordAudit(
          trx,
          ctx,
          {
            action: 'observatory.brief-generate',
            role,
            entityType: 'regional_brief',
            entityId: id,
            before: null,
            after: {
              meeting: meeting.slug,
              years: input.years,
              worsened: findings.indicators.map((i) => ({
                indicator: i.code,
                states: i.worsened.map((w) => w.state.iso3),
              })),
            },
          },
          now,
        );
      });
      return present((await findBrief(db, id)) as NonNullable<BriefRow>);
    },

    /** The secretariat's edit of the draft's texts, at the version read. */
    async update(ctx: RequestContext, id: string, input: RegionalBriefUpdate): Promise<RegionalBrief> {
      return versionedWrite(ctx, {
        find: () => briefOf(ctx, id),
        require: () => observatoryPolicy.require(ctx, 'observatory.briefs'),
        sent: input.version,
        version: (row) => row.version,
        stale: () => stale(id, input.version),
        async change(trx, row, _prepared, now) {
          const before = JSON.parse(row.texts) as BriefTexts;
          const after: BriefTexts = { ...before, ...input.texts };
          const changed = await updateUnchanged(
            trx,
            'regional_brief',
            row.id,
            { version: input.version },
            { texts: JSON.stringify(after), updated_at: now.toISOString() },
          );
          if (!changed) return false;
          return {
            action: 'observatory.brief-edit',
            entityType: 'regional_brief',
            entityId: row.id,
            before: { version: row.version, texts: before },
            after: { version: row.version + 1, texts: after },
          };
        },
        present: async () => present((await findBrief(db, id)) as NonNullable<BriefRow>),
      });
    },

    /** The brief as a PDF in one language, as the export attaches it. */
    async pdf(ctx: RequestContext, id: string, lang: Lang): Promise<{ pdf: Buffer; filename: string }> {
      const row = await briefOf(ctx, id);
      return { pdf: await pdfOf(row, lang), filename: `regional-concerns-${row.meeting_slug}-${lang}.pdf` };
    },

    /**
     * Exports the brief at the version read: a PDF per language, attached to the meeting as a
     * document (its next working-document symbol; a later export adds a revision to it). The PDFs
     * are made before anything is written.
     */
    async export(ctx: RequestContext, id: string, input: RegionalBriefExport, log: ErrorLog): Promise<RegionalBrief> {
      const row = await briefOf(ctx, id);
      const role = observatoryPolicy.require(ctx, 'observatory.briefs');
      if (row.version !== input.version) await stale(id, input.version);
      const texts = JSON.parse(row.texts) as BriefTexts;
      const pdfs = await Promise.all(LANGS.map(async (lang) => [lang, await pdfOf(row, lang)] as const));
      const titles = Object.fromEntries(LANGS.map((lang) => [lang, texts[lang].title]));
      const uploads: [Lang, Upload][] = [];
      try {
        for (const [lang, pdf] of pdfs) {
          const name = `regional-concerns-${row.meeting_slug}-${lang}.pdf`;
          uploads.push([lang, await files.receiveBytes(pdf, name, DOCUMENT_KINDS, log)]);
        }
        // One transaction: the meeting document, its files and the brief's link to them are all
        // written, or none is (a brief that changed meanwhile leaves no document behind).
        await transact(db, async (trx) => {
          const documents = meetingDocumentsService({ db: trx, clock });
          let document = row.meeting_document_id
            ? await documents.get(ctx, row.meeting_slug, row.meeting_document_id, ctx.lang)
            : null;
          if (document)
            document = await documents.addRevision(ctx, row.meeting_slug, document.id, { version: document.version });
          else
            document = await documents.create(ctx, row.meeting_slug, {
              category: 'working',
              titles,
              originalLang: 'en',
              visibility: 'public',
            });
          const revision = document.revisions[0]?.revision ?? 0;
          for (const [lang, upload] of uploads)
            await documents.putFile(ctx, { slug: row.meeting_slug, id: document.id, revision, lang }, upload);
          const now = clock();
          const changed = await updateUnchanged(
            trx,
            'regional_brief',
            row.id,
            { version: input.version },
            { meeting_document_id: document.id, updated_at: now.toISOString() },
          );
          if (!changed) throw new ProblemError(409, 'stale', 'observatory.briefRaced', { id });
          await recordAudit(
            trx,
            ctx,
            {
              action: 'observatory.brief-export',
              role,
              entityType: 'regional_brief',
              entityId: row.id,
              before: { version: row.version, document: row.meeting_document_id },
              after: { version: row.version + 1, document: document.id, revision },
            },
            now,
          );
        });
      } finally {
        for (const [, upload] of uploads) await upload.release();
      }
      return present((await findBrief(db, id)) as NonNullable<BriefRow>);
    },
  };

  async function pdfOf(row: NonNullable<BriefRow>, lang: Lang): Promise<Buffer> {
    const findings = JSON.parse(row.findings) as BriefFindings;
    const texts = JSON.parse(row.texts) as BriefTexts;
    const names = await namesIn(lang, row.meeting_id);
    return briefPdf({ ...texts[lang], findings, names });
  }
}

export type RegionalBriefs = ReturnType<typeof regionalBriefs>;
