import type { Kysely, Updateable } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Lang } from '../../../contract/common.js';
import type {
  Aggregate,
  AggregateList,
  AggregateQuery,
  Indicator,
  IndicatorDetail,
  IndicatorList,
  IndicatorUpdate,
  Observation,
  ObservationCorrect,
  ObservationImport,
  ObservationImportQuery,
  ObservationList,
  ObservationQuery,
  StateIndicatorList,
  SubmissionCreate,
  SubmissionReview,
  Trend,
  TrendList,
} from '../../../contract/indicators.js';
import {
  AGGREGATE_AREAS,
  medianByYear,
  POPULATION_INDICATOR,
  populationKey,
  populationWeightedMeanByYear,
  type StateYearValue,
} from '../../../domain/aggregates.js';
import type { IndicatorSourceType, ObservationStatus } from '../../../domain/indicators.js';
import { reason } from '../../../domain/reasons.js';
import { TREND_YEARS_DEFAULT, trend, trendWindow } from '../../../domain/trends.js';
import type { Database, IndicatorTable } from '../../db/schema.js';
import { ConflictError, InvalidParameterError, ProblemError } from '../../http/problems.js';
import type { Actor, RequestContext } from '../../policy/actor.js';
import { recordAudit } from '../audit/index.js';
import { updateUnchanged } from '../shared/concurrency.js';
import { replacePillarLinks } from '../shared/refs.js';
import { loadTexts, replaceTexts, requiredText } from '../shared/texts.js';
import { versionedWrites } from '../shared/versioned-write.js';
import { observationImports } from './imports.js';
import { observatoryPolicy } from './policy.js';
import {
  allTexts,
  deleteObservation,
  findIndicator,
  findObservation,
  findPublished,
  findStateByCode,
  type IndicatorRow,
  insertObservation,
  insertRevision,
  listIndicators,
  listObservations,
  listStatePublished,
  type ObservationRow,
  pillarCodesOf,
  pillarIds,
  revisionsOf,
  type StateRow,
  yearSpans,
} from './queries.js';

/** How the trend figures are computed, as every trends reply states it. */
export const TREND_METHOD =
  'Theil–Sen slope (median of the pairwise slopes, per year) and Mann–Kendall test (S; variance with the tie correction; z with the continuity correction; two-sided p-value from the normal distribution) over the published values of the window, missing years skipped; fewer than 5 values: not enough data; a significant rise or fall at p < 0.05 (Gilbert 1987, ch. 16).';

/** How the aggregates are computed, as every aggregates reply states it. */
export const AGGREGATE_METHOD =
  'Per year, over the member states with a published value that year: the median (the middle value, or the mean of the middle two), for the region and for each subregion; and, only where the population indicator has a published value for each of those states that year, the mean weighted by population. A year without a value from any state has no aggregate.';

const INDICATOR_ACTIONS = {
  update: 'observatory.manage',
  correct: 'observatory.manage',
  review: 'observatory.manage',
  import: 'observatory.manage',
  submit: 'observatory.submit',
} as const;

const sourceOf = (row: IndicatorRow) => ({
  type: row.source_type as IndicatorSourceType,
  organisation: row.source_organisation,
  url: row.source_url,
  licence: row.licence,
  licenceUrl: row.licence_url,
  attribution: row.attribution,
});

const stateOf = (row: { slug: string; iso2: string; iso3: string }) => ({
  slug: row.slug,
  iso2: row.iso2,
  iso3: row.iso3,
});

/** A state's trend from its values in the window (Theil–Sen and Mann–Kendall, domain/trends.ts). */
function trendOf(state: { slug: string; iso2: string; iso3: string }, own: ObservationRow[]): Trend {
  const result = trend(own.map((row) => ({ year: row.year, value: row.value })));
  const figures =
    result.flag === 'not-enough-data'
      ? { slope: null, s: null, variance: null, z: null, p: null }
      : { slope: result.slope, s: result.s, variance: result.variance, z: result.z, p: result.p };
  return {
    state: stateOf(state),
    years: result.years,
    n: result.n,
    ...figures,
    flag: result.flag,
    breakInSeries: own.some((row) => row.break_in_series === 1),
  };
}

/** The audit trail's view of an observation. */
const auditedValue = (row: {
  value: number;
  source: string;
  notes: string | null;
  break_in_series: number;
  status: string;
}) => ({
  value: row.value,
  source: row.source,
  notes: row.notes,
  breakInSeries: row.break_in_series === 1,
  status: row.status,
});

export function observatoryService(deps: { db: Kysely<Database>; clock: () => Date }) {
  const { db, clock } = deps;
  const versionedWrite = versionedWrites({ db, clock });
  const importObservations = observationImports({ db, clock });

  async function present(rows: IndicatorRow[], lang: Lang): Promise<Indicator[]> {
    const ids = rows.map((r) => r.id);
    const [texts, pillars, spans] = await Promise.all([
      loadTexts(db, 'indicator', ids, lang),
      pillarCodesOf(db, ids),
      yearSpans(db, ids),
    ]);
    return rows.map((row) => ({
      code: row.code,
      name: requiredText(texts, row.id, 'name'),
      definition: requiredText(texts, row.id, 'definition'),
      unit: row.unit,
      iccsCode: row.iccs_code,
      sdgCode: row.sdg_code,
      source: sourceOf(row),
      higherIsWorse: row.higher_is_worse === 1,
      pillars: pillars.get(row.id) ?? [],
      firstYear: spans.get(row.id)?.first ?? null,
      lastYear: spans.get(row.id)?.last ?? null,
    }));
  }

  async function indicatorOf(code: string): Promise<IndicatorRow> {
    const row = await findIndicator(db, code);
    if (!row) throw new ProblemError(404, 'not-found', 'observatory.notFound', { code });
    return row;
  }

  async function stateOfCode(code: string, parameter: string, location: 'query' | 'path' | 'body'): Promise<StateRow> {
    const state = await findStateByCode(db, code);
    if (!state)
      throw new InvalidParameterError(parameter, location, reason('reason.observatory.unknownState', { code }));
    return state;
  }

  async function presentObservations(rows: ObservationRow[]): Promise<Observation[]> {
    const revisions = await revisionsOf(
      db,
      rows.map((r) => r.id),
    );
    return rows.map((row) => ({
      id: row.id,
      state: stateOf(row),
      year: row.year,
      value: row.value,
      status: row.status as ObservationStatus,
      source: row.source,
      notes: row.notes,
      breakInSeries: row.break_in_series === 1,
      version: row.version,
      revisions: revisions
        .filter((r) => r.observation_id === row.id)
        .map((r) => ({
          value: r.value,
          source: r.source,
          notes: r.notes,
          breakInSeries: r.break_in_series === 1,
          reason: r.reason,
          changedAt: r.created_at,
        })),
    }));
  }

  async function observationById(indicator: IndicatorRow, id: string): Promise<Observation> {
    const [row] = await listObservations(db, indicator.id, { ids: [id] });
    if (!row) throw new ProblemError(404, 'not-found', 'observatory.submissionNotFound', { code: indicator.code, id });
    return (await presentObservations([row]))[0] as Observation;
  }

  const userOf = (actor: Actor) => (actor.kind === 'user' ? actor.userId : null);

  async function detail(row: IndicatorRow, ctx: RequestContext): Promise<IndicatorDetail> {
    const [indicator] = await present([row], ctx.lang);
    const [names, definitions] = await Promise.all([allTexts(db, row.id, 'name'), allTexts(db, row.id, 'definition')]);
    return {
      ...(indicator as Indicator),
      names,
      definitions,
      version: row.version,
      can: observatoryPolicy.abilities(ctx.actor, INDICATOR_ACTIONS),
    };
  }

  return {
    async list(lang: Lang): Promise<IndicatorList> {
      return { lang, items: await present(await listIndicators(db), lang) };
    },

    async get(ctx: RequestContext, code: string): Promise<IndicatorDetail> {
      return detail(await indicatorOf(code), ctx);
    },

    /** Values of an indicator; unpublished ones only to those who may see them, and a focal point
     * only their own state's. */
    async observations(ctx: RequestContext, code: string, query: ObservationQuery): Promise<ObservationList> {
      const indicator = await indicatorOf(code);
      if (query.from !== undefined && query.to !== undefined && query.from > query.to) {
        throw new InvalidParameterError('from', 'query', reason('reason.audit.fromAfterTo'));
      }
      let stateIds: string[] | undefined;
      if (query.state !== undefined) stateIds = [(await stateOfCode(query.state, 'state', 'query')).id];
      if (query.status !== 'published') {
        observatoryPolicy.require(ctx, 'observatory.read-submissions');
        const reach = observatoryPolicy.reach(ctx.actor, 'observatory.read-submissions');
        if (!reach.all) stateIds = (stateIds ?? reach.memberStateIds).filter((id) => reach.memberStateIds.includes(id));
      }
      const rows = await listObservations(db, indicator.id, {
        status: query.status,
        stateIds,
        from: query.from,
        to: query.to,
      });
      return {
        lang: ctx.lang,
        indicator: indicator.code,
        unit: indicator.unit,
        source: sourceOf(indicator),
        items: await presentObservations(rows),
      };
    },

    /** The regional and subregional aggregates of an indicator, per year, from its published values. */
    async aggregates(code: string, query: AggregateQuery, lang: Lang): Promise<AggregateList> {
      const indicator = await indicatorOf(code);
      if (query.from !== undefined && query.to !== undefined && query.from > query.to) {
        throw new InvalidParameterError('from', 'query', reason('reason.audit.fromAfterTo'));
      }
      const window = { status: 'published', from: query.from, to: query.to };
      const [rows, states, populationIndicator] = await Promise.all([
        listObservations(db, indicator.id, window),
        db.selectFrom('member_state').select(['id', 'subregion']).execute(),
        findIndicator(db, POPULATION_INDICATOR),
      ]);
      const population = new Map<string, number>();
      if (populationIndicator && populationIndicator.id !== indicator.id) {
        for (const row of await listObservations(db, populationIndicator.id, window))
          population.set(populationKey(row.member_state_id, row.year), row.value);
      }
      const subregionOf = new Map(states.map((s) => [s.id, s.subregion]));
      const points: Array<StateYearValue & { subregion: string | undefined }> = rows.map((row) => ({
        state: row.member_state_id,
        year: row.year,
        value: row.value,
        subregion: subregionOf.get(row.member_state_id),
      }));
      const populationLoaded = population.size > 0;
      const items: Aggregate[] = AGGREGATE_AREAS.flatMap((area) => {
        const own = area === 'region' ? points : points.filter((p) => p.subregion === area);
        const medians: Aggregate = { area, statistic: 'median', points: medianByYear(own) };
        if (!populationLoaded) return [medians];
        const means: Aggregate = {
          area,
          statistic: 'population-weighted-mean',
          points: populationWeightedMeanByYear(own, population),
        };
        return [medians, means];
      });
      return {
        lang,
        indicator: indicator.code,
        unit: indicator.unit,
        populationLoaded,
        method: AGGREGATE_METHOD,
        source: sourceOf(indicator),
        items,
      };
    },

    /** The trend of every member state (or only of the state `stateCode` names: a state's page
     * shows its own of each indicator) over the `years` ending with the indicator's latest year. */
    async trends(code: string, years: number, lang: Lang, stateCode?: string): Promise<TrendList> {
      const indicator = await indicatorOf(code);
      const only = stateCode === undefined ? undefined : await stateOfCode(stateCode, 'state', 'query');
      const span = (await yearSpans(db, [indicator.id])).get(indicator.id);
      const window = span ? trendWindow(span.last, years) : null;
      const stateIds = only && [only.id];
      const rows = window ? await listObservations(db, indicator.id, { status: 'published', stateIds, ...window }) : [];
      let statesQuery = db.selectFrom('member_state').select(['id', 'slug', 'iso2', 'iso3']).orderBy('iso3');
      if (only) statesQuery = statesQuery.where('id', '=', only.id);
      const states = await statesQuery.execute();
      return {
        lang,
        indicator: indicator.code,
        unit: indicator.unit,
        higherIsWorse: indicator.higher_is_worse === 1,
        from: window?.from ?? null,
        to: window?.to ?? null,
        method: TREND_METHOD,
        source: sourceOf(indicator),
        items: states.map((state) =>
          trendOf(
            state,
            rows.filter((row) => row.member_state_id === state.id),
          ),
        ),
      };
    },

    /** A member state's latest value and trend on every indicator: its page's summary, in a handful
     * of queries instead of two requests per indicator. */
    async stateIndicators(stateCode: string, lang: Lang): Promise<StateIndicatorList> {
      const state = await stateOfCode(stateCode, 'idOrSlug', 'path');
      const rows = await listIndicators(db);
      const [indicators, values] = await Promise.all([present(rows, lang), listStatePublished(db, state.id)]);
      return {
        lang,
        state: stateOf(state),
        method: TREND_METHOD,
        items: indicators.map((indicator, i) => {
          const own = values.filter((value) => value.indicator_id === rows[i]?.id);
          const latest = own.at(-1);
          const window = indicator.lastYear === null ? null : trendWindow(indicator.lastYear, TREND_YEARS_DEFAULT);
          return {
            indicator,
            latest: latest ? { year: latest.year, value: latest.value } : null,
            trend: window && {
              ...trendOf(
                state,
                own.filter((value) => value.year >= window.from && value.year <= window.to),
              ),
              ...window,
            },
          };
        }),
      };
    },

    /** Edits the catalogue entry at the version read. */
    async update(ctx: RequestContext, code: string, input: IndicatorUpdate): Promise<IndicatorDetail> {
      return versionedWrite(ctx, {
        find: () => indicatorOf(code),
        require: () => observatoryPolicy.require(ctx, 'observatory.manage'),
        sent: input.version,
        version: (row) => row.version,
        stale: async (row) => {
          const current = await detail((await findIndicator(db, code)) ?? row, ctx);
          throw new ConflictError(
            'observatory.stale',
            { sent: String(input.version), current: String(current.version) },
            current.version,
            current,
          );
        },
        async prepare() {
          if (input.pillars === undefined) return undefined;
          const known = await pillarIds(db);
          return input.pillars.map((pillar, i) => {
            const id = known.get(pillar);
            if (!id)
              throw new InvalidParameterError(
                `pillars.${i}`,
                'body',
                reason('reason.agenda.unknownPillar', { code: pillar }),
              );
            return id;
          });
        },
        async change(trx, row, pillars, now) {
          const at = now.toISOString();
          const patch: Updateable<IndicatorTable> = {};
          if (input.unit !== undefined) patch.unit = input.unit;
          if (input.iccsCode !== undefined) patch.iccs_code = input.iccsCode;
          if (input.sdgCode !== undefined) patch.sdg_code = input.sdgCode;
          if (input.sourceType !== undefined) patch.source_type = input.sourceType;
          if (input.sourceOrganisation !== undefined) patch.source_organisation = input.sourceOrganisation;
          if (input.sourceUrl !== undefined) patch.source_url = input.sourceUrl;
          if (input.licence !== undefined) patch.licence = input.licence;
          if (input.licenceUrl !== undefined) patch.licence_url = input.licenceUrl;
          if (input.attribution !== undefined) patch.attribution = input.attribution;
          if (input.higherIsWorse !== undefined) patch.higher_is_worse = input.higherIsWorse ? 1 : 0;
          if (
            !(await updateUnchanged(trx, 'indicator', row.id, { version: input.version }, { ...patch, updated_at: at }))
          )
            return false;
          if (input.name) await replaceTexts(trx, 'indicator', row.id, 'name', input.name, at);
          if (input.definition) await replaceTexts(trx, 'indicator', row.id, 'definition', input.definition, at);
          if (pillars) await replacePillarLinks(trx, 'indicator', row.id, pillars, at);
          const { version: _version, ...changes } = input;
          return {
            action: 'observatory.update',
            entityType: 'indicator',
            entityId: row.id,
            before: { code: row.code, version: row.version },
            after: { code: row.code, ...changes, version: row.version + 1 },
          };
        },
        present: async () => detail(await indicatorOf(code), ctx),
      });
    },

    /** Corrects a published value, keeping the earlier one with the reason; adds a missing one. */
    async correct(
      ctx: RequestContext,
      code: string,
      stateCode: string,
      year: number,
      input: ObservationCorrect,
    ): Promise<Observation> {
      const role = observatoryPolicy.require(ctx, 'observatory.manage');
      const indicator = await indicatorOf(code);
      const state = await stateOfCode(stateCode, 'state', 'path');
      const existing = await findPublished(db, indicator.id, state.id, year);
      const values = {
        value: input.value,
        notes: input.notes ?? null,
        break_in_series: input.breakInSeries ? 1 : 0,
      };
      if (!existing) {
        if (input.version !== undefined) {
          throw new ProblemError(404, 'not-found', 'observatory.observationNotFound', {
            code,
            state: state.iso3,
            year: String(year),
          });
        }
        const now = clock();
        const at = now.toISOString();
        const id = uuidv7();
        // A value added by hand names where it comes from: the indicator's usual source may not be it.
        if (input.source === undefined) throw new InvalidParameterError('source', 'body', reason('reason.required'));
        const row = { ...values, source: input.source, status: 'published' };
        await db.transaction().execute(async (trx) => {
          await insertObservation(trx, {
            id,
            indicator_id: indicator.id,
            member_state_id: state.id,
            year,
            ...row,
            reviewed_by: userOf(ctx.actor),
            reviewed_at: at,
            review_reason: input.reason,
            created_at: at,
            updated_at: at,
          });
          await recordAudit(
            trx,
            ctx,
            {
              action: 'observatory.add',
              role,
              entityType: 'observation',
              entityId: id,
              before: null,
              after: { indicator: code, state: state.iso3, year, ...auditedValue(row), reason: input.reason },
            },
            now,
          );
        });
        return observationById(indicator, id);
      }
      if (input.version === undefined) {
        throw new ProblemError(409, 'version-required', 'observatory.versionRequired', {
          current: String(existing.version),
        });
      }
      const sent = input.version;
      return versionedWrite(ctx, {
        find: async () => existing,
        require: () => role,
        sent,
        version: (row) => row.version,
        stale: async (row) => {
          const current = await observationById(indicator, row.id);
          throw new ConflictError(
            'observatory.stale',
            { sent: String(sent), current: String(current.version) },
            current.version,
            current,
          );
        },
        async change(trx, row, _prepared, now) {
          const at = now.toISOString();
          const after = { ...values, source: input.source ?? row.source };
          if (!(await updateUnchanged(trx, 'observation', row.id, { version: sent }, { ...after, updated_at: at })))
            return false;
          await insertRevision(trx, {
            id: uuidv7(),
            observation_id: row.id,
            value: row.value,
            source: row.source,
            notes: row.notes,
            break_in_series: row.break_in_series,
            changed_by: userOf(ctx.actor),
            reason: input.reason,
            at,
          });
          return {
            action: 'observatory.correct',
            entityType: 'observation',
            entityId: row.id,
            before: { indicator: code, state: state.iso3, year, ...auditedValue(row) },
            after: {
              indicator: code,
              state: state.iso3,
              year,
              ...auditedValue({ ...after, status: row.status }),
              reason: input.reason,
            },
          };
        },
        present: (row) => observationById(indicator, row.id),
      });
    },

    /** Values from a CSV or SDMX-CSV file: previewed, or written all at once (imports.ts). */
    async import(
      ctx: RequestContext,
      code: string,
      file: Buffer,
      query: ObservationImportQuery,
    ): Promise<ObservationImport> {
      observatoryPolicy.require(ctx, 'observatory.manage');
      return importObservations(ctx, await indicatorOf(code), file, query);
    },

    /** A focal point's value for their own state: kept as submitted, out of public view. */
    async submit(ctx: RequestContext, code: string, input: SubmissionCreate): Promise<Observation> {
      observatoryPolicy.require(ctx, 'observatory.submit');
      const indicator = await indicatorOf(code);
      const state = await stateOfCode(input.state, 'state', 'body');
      const role = observatoryPolicy.require(ctx, 'observatory.submit', { memberStateId: state.id });
      const now = clock();
      const at = now.toISOString();
      const id = uuidv7();
      const row = {
        value: input.value,
        source: input.source,
        notes: input.notes ?? null,
        break_in_series: input.breakInSeries ? 1 : 0,
        status: 'submitted',
      };
      await db.transaction().execute(async (trx) => {
        await insertObservation(trx, {
          id,
          indicator_id: indicator.id,
          member_state_id: state.id,
          year: input.year,
          ...row,
          submitted_by: userOf(ctx.actor),
          created_at: at,
          updated_at: at,
        });
        await recordAudit(
          trx,
          ctx,
          {
            action: 'observatory.submit',
            role,
            entityType: 'observation',
            entityId: id,
            before: null,
            after: { indicator: code, state: state.iso3, year: input.year, ...auditedValue(row) },
          },
          now,
        );
      });
      return observationById(indicator, id);
    },

    /**
     * Accepts a submitted value (it becomes the published one; a value it replaces is kept as a
     * revision with the reason) or rejects it (kept as rejected, with the reason).
     */
    async review(ctx: RequestContext, code: string, id: string, input: SubmissionReview): Promise<Observation> {
      const indicator = await indicatorOf(code);
      let resultId = id;
      return versionedWrite(ctx, {
        async find() {
          const row = await findObservation(db, indicator.id, id);
          if (!row) throw new ProblemError(404, 'not-found', 'observatory.submissionNotFound', { code, id });
          return row;
        },
        require: () => observatoryPolicy.require(ctx, 'observatory.manage'),
        refuse(row) {
          if (row.status !== 'submitted')
            throw new ProblemError(409, 'reviewed', 'observatory.reviewed', { status: row.status });
        },
        sent: input.version,
        version: (row) => row.version,
        stale: async (row) => {
          const current = await observationById(indicator, row.id);
          throw new ConflictError(
            'observatory.stale',
            { sent: String(input.version), current: String(row.version) },
            row.version,
            current,
          );
        },
        async change(trx, row, _prepared, now) {
          const at = now.toISOString();
          const review = {
            reviewed_by: userOf(ctx.actor),
            reviewed_at: at,
            review_reason: input.reason,
            updated_at: at,
          };
          const base = { indicator: code, year: row.year, submittedBy: row.submitted_by, reason: input.reason };
          /** The submission itself becomes rejected, or published where no value is yet. */
          const settle = async (status: 'rejected' | 'published') => {
            const claimed = await updateUnchanged(
              trx,
              'observation',
              row.id,
              { version: input.version },
              { status, ...review },
              { status: 'submitted' },
            );
            if (!claimed) return false;
            return {
              action: status === 'rejected' ? ('observatory.reject' as const) : ('observatory.accept' as const),
              entityType: 'observation' as const,
              entityId: row.id,
              before: { ...base, ...auditedValue(row) },
              after: { ...base, ...auditedValue({ ...row, status }) },
            };
          };
          if (input.decision === 'reject') return settle('rejected');
          const published = await findPublished(trx, indicator.id, row.member_state_id, row.year);
          if (!published) return settle('published');
          // A value is published already: it takes the submitted one, its earlier value kept.
          if (
            !(await updateUnchanged(
              trx,
              'observation',
              row.id,
              { version: input.version },
              { updated_at: at },
              { status: 'submitted' },
            ))
          )
            return false;
          const values = {
            value: row.value,
            source: row.source,
            notes: row.notes,
            break_in_series: row.break_in_series,
          };
          await insertRevision(trx, {
            id: uuidv7(),
            observation_id: published.id,
            value: published.value,
            source: published.source,
            notes: published.notes,
            break_in_series: published.break_in_series,
            changed_by: userOf(ctx.actor),
            reason: input.reason,
            at,
          });
          if (
            !(await updateUnchanged(
              trx,
              'observation',
              published.id,
              { version: published.version },
              { ...values, submitted_by: row.submitted_by, ...review },
            ))
          )
            return false;
          await deleteObservation(trx, row.id);
          resultId = published.id;
          return {
            action: 'observatory.accept',
            entityType: 'observation',
            entityId: published.id,
            before: { ...base, ...auditedValue(published) },
            after: { ...base, ...auditedValue({ ...row, status: 'published' }), submissionId: row.id },
          };
        },
        present: () => observationById(indicator, resultId),
      });
    },
  };
}

export type ObservatoryService = ReturnType<typeof observatoryService>;
