import { MatrixQuerySchema, RatesQuerySchema } from '../../../src/contract/follow-up.js';
import { followUpService } from '../../../src/server/modules/follow-up/service.js';
import { PUBLIC } from '../../../src/server/policy/actor.js';
import type { BenchArea } from '../db-timings.js';
import { benchContext } from './meetings.js';

/** Issue 15: the matrix of one document and the per-state rates of one cycle within 200 ms (p99). */
const TARGET_P99_MS = 200;

/**
 * Issue 15's reads (scripts/bench/data/follow-up.ts makes their data): the matrix of the document
 * with the most items, and the rates by state, of the cycle before the newest (bench:data leaves the
 * newest open, mostly drafts; the others are mostly accepted, so this one has the most reports to
 * count), as the public (accepted and published reports) and as the secretariat (all).
 */
export const followUpArea: BenchArea = {
  name: 'follow-up',
  async prepare(db) {
    const cycle = (
      await db.selectFrom('follow_up_cycle').select('id').orderBy('opens_on', 'desc').limit(2).execute()
    ).at(-1);
    const document = await db
      .selectFrom('follow_up_item')
      .innerJoin('document', 'document.id', 'follow_up_item.document_id')
      .select(['document.slug', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('document.slug')
      .orderBy('n', 'desc')
      .orderBy('document.slug')
      .executeTakeFirst();
    if (!cycle || !document) return null;
    const matrix = `/api/v1/follow-up/matrix?document=${document.slug}&cycle=${cycle.id}`;
    const rates = `/api/v1/follow-up/rates?cycle=${cycle.id}&by=state`;
    return {
      async queries({ db, admin, time }) {
        const service = followUpService({ db, clock: () => new Date() });
        const matrixQuery = MatrixQuerySchema.parse({ cycle: cycle.id, document: document.slug });
        const ratesQuery = RatesQuerySchema.parse({ cycle: cycle.id, by: 'state' });
        const [anyone, secretariat] = [benchContext(PUBLIC), benchContext(admin)];
        return [
          await time('follow-up: matrix, public', () => service.matrix(anyone, matrixQuery), TARGET_P99_MS),
          await time('follow-up: matrix, secretariat', () => service.matrix(secretariat, matrixQuery), TARGET_P99_MS),
          await time('follow-up: rates by state, public', () => service.rates(anyone, ratesQuery), TARGET_P99_MS),
          await time(
            'follow-up: rates by state, secretariat',
            () => service.rates(secretariat, ratesQuery),
            TARGET_P99_MS,
          ),
        ];
      },
      routes: [
        { name: 'follow-up matrix', group: 'public', path: matrix, targetP99Ms: TARGET_P99_MS },
        { name: 'follow-up rates by state', group: 'public', path: rates, targetP99Ms: TARGET_P99_MS },
        { name: 'follow-up matrix (secretariat)', group: 'authenticated', path: matrix, targetP99Ms: TARGET_P99_MS },
        { name: 'follow-up rates (secretariat)', group: 'authenticated', path: rates, targetP99Ms: TARGET_P99_MS },
      ],
      pages: [{ page: 'follow-up matrix', path: `/en/follow-up/matrix?cycle=${cycle.id}&document=${document.slug}` }],
    };
  },
};
