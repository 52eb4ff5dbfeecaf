import { ObservationQuerySchema } from '../../../src/contract/indicators.js';
import { TREND_YEARS_DEFAULT } from '../../../src/domain/trends.js';
import { observatoryService } from '../../../src/server/modules/observatory/service.js';
import { PUBLIC } from '../../../src/server/policy/actor.js';
import { benchIndicatorCode } from '../data/observatory.js';
import type { BenchArea } from '../db-timings.js';
import { benchContext } from './meetings.js';

/** Issue 14's target for the observatory's reads, in process. */
const TARGET_P99_MS = 100;

/**
 * The observatory (issue 14), on the first bench indicator (a value per state and year): its whole
 * series for all states, the map of its latest year, its trend table; and the observatory's pages.
 */
export const observatoryArea: BenchArea = {
  name: 'observatory',
  async prepare(db) {
    const code = benchIndicatorCode(1);
    const span = await db
      .selectFrom('observation')
      .innerJoin('indicator', 'indicator.id', 'observation.indicator_id')
      .select((eb) => eb.fn.max<number>('observation.year').as('last'))
      .where('indicator.code', '=', code)
      .executeTakeFirst();
    if (!span?.last) return null;
    const year = Number(span.last);
    const i = `/api/v1/indicators/${code}`;
    return {
      async queries({ db, time }) {
        const observatory = observatoryService({ db, clock: () => new Date() });
        const ctx = benchContext(PUBLIC);
        return [
          await time(
            'observatory: series, all states',
            () => observatory.observations(ctx, code, ObservationQuerySchema.parse({})),
            TARGET_P99_MS,
          ),
          await time(
            'observatory: map of one year',
            () => observatory.observations(ctx, code, ObservationQuerySchema.parse({ from: year, to: year })),
            TARGET_P99_MS,
          ),
          await time(
            'observatory: trend table',
            () => observatory.trends(code, TREND_YEARS_DEFAULT, 'en'),
            TARGET_P99_MS,
          ),
        ];
      },
      routes: [
        { name: 'indicator series', group: 'public', path: `${i}/observations` },
        { name: 'indicator map year', group: 'public', path: `${i}/observations?from=${year}&to=${year}` },
        { name: 'indicator trends', group: 'public', path: `${i}/trends` },
      ],
      pages: [
        { page: 'the observatory', path: '/en/observatory' },
        { page: 'an indicator', path: `/en/observatory/${code}` },
      ],
      chunks: [
        { page: 'the observatory', chunk: 'ObservatoryPage' },
        { page: 'an indicator', chunk: 'IndicatorPage' },
      ],
    };
  },
};
