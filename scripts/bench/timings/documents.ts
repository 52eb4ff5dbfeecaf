import { documentsServices } from '../../../src/server/modules/documents/index.js';
import { NEGOTIATED_SLUG, NEGOTIATED_VERSIONS } from '../data/documents.js';
import type { BenchArea } from '../db-timings.js';
import { benchContext } from './meetings.js';

/** Issue 13's target for reading a document under negotiation, in process. */
const TARGET_P99_MS = 100;

/**
 * Outcome documents (issue 13): the document under negotiation that bench:data makes (its
 * `negotiatedParagraphs` paragraphs, pending amendments, versions), opened with its pending
 * amendments as the negotiation screen does, and the comparison of its first and last versions.
 */
export const documentsArea: BenchArea = {
  name: 'outcome documents',
  async prepare(db) {
    const document = await db
      .selectFrom('document')
      .select(['slug', 'version'])
      .where('slug', '=', NEGOTIATED_SLUG)
      .executeTakeFirst();
    if (!document) return null;
    const last = Math.min(document.version, NEGOTIATED_VERSIONS);
    const d = `/api/v1/documents/${document.slug}`;
    return {
      async queries({ db, admin, time }) {
        const { reads, negotiation } = documentsServices({ db, clock: () => new Date() });
        const ctx = benchContext(admin);
        return [
          await time(
            'documents: open the negotiated one + pending amendments',
            () =>
              Promise.all([
                reads.get(document.slug, 'en', admin),
                negotiation.amendments(ctx, document.slug, 'pending'),
              ]),
            TARGET_P99_MS,
          ),
          await time(
            `documents: diff of versions 1 and ${last}`,
            () => negotiation.compare(ctx, document.slug, 1, last),
            TARGET_P99_MS,
          ),
        ];
      },
      // Not yet adopted: only those it reaches read it, so these reads are signed in.
      routes: [
        { name: 'negotiated document', group: 'authenticated', path: d },
        { name: 'its pending amendments', group: 'authenticated', path: `${d}/amendments?status=pending` },
        { name: 'its version diff', group: 'authenticated', path: `${d}/versions/compare?from=1&to=${last}` },
      ],
      pages: [],
    };
  },
};
