import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { isAdoptable } from '../../../domain/negotiation.js';
import type { Database } from '../../db/schema.js';
import { PUBLIC, type RequestContext } from '../../policy/actor.js';
import { recordAudit } from '../audit/index.js';
import { updateUnchanged } from '../shared/concurrency.js';
import { scheduleJob } from '../shared/schedule.js';
import { adopt, blockersOf } from './adoption.js';
import { type DocumentRow, findDocument } from './queries.js';

/** How often the silence job looks for deadlines passed. */
export const SILENCE_INTERVAL_MS = 60_000;

/** The job's own request context in the audit trail: no person acted (the system adopts). */
const JOB: RequestContext = { actor: PUBLIC, requestId: 'silence-procedures', ip: null, lang: 'en' };

interface SilenceDeps {
  db: Kysely<Database>;
  clock: () => Date;
}

/**
 * Ends the silence procedures whose deadline has passed: each document is adopted exactly as the
 * chair adopts it (same freeze, content hash and audit entry), or, if something came to block
 * adoption meanwhile (an amendment proposed, an objection raised), the procedure lapses. State is
 * in the database: the claim is a conditional update of the document at the version read while its
 * procedure still runs, so a second run, a run after a restart or another process does nothing more.
 * Returns how many documents were adopted.
 */
export async function closeDueSilences(deps: SilenceDeps): Promise<number> {
  const now = deps.clock();
  const at = now.toISOString();
  const due = await deps.db
    .selectFrom('document')
    .select('id')
    .where('silence_status', '=', 'running')
    .where('silence_deadline', '<=', at)
    .execute();
  let adopted = 0;
  for (const { id } of due) {
    const row = (await findDocument(deps.db, id)) as DocumentRow;
    const { amendments, brackets, objections } = await blockersOf(deps.db, id);
    const open =
      row.status === 'under-negotiation' &&
      isAdoptable({
        pendingAmendments: amendments.length,
        openBrackets: brackets.length,
        standingObjections: objections.length,
      });
    const done = await deps.db.transaction().execute(async (trx) => {
      const claim = { updated_at: at, silence_status: open ? ('adopted' as const) : ('lapsed' as const) };
      if (!(await updateUnchanged(trx, 'document', id, { version: row.version }, claim, { silence_status: 'running' })))
        return false;
      const change = open
        ? await adopt(trx, row, at)
        : {
            action: 'outcome-documents.silence-lapse' as const,
            before: { version: row.version, silence: 'running', status: row.status },
            after: {
              version: row.version + 1,
              silence: 'lapsed',
              amendments: amendments.length,
              brackets: brackets.length,
              objections: objections.length,
            },
          };
      await recordAudit(trx, JOB, { ...change, role: null, entityType: 'document', entityId: id }, now);
      return open;
    });
    if (done) adopted += 1;
  }
  return adopted;
}

/** Runs the silence job every `intervalMs` until stopped (`scheduleJob`). */
export function scheduleSilences(deps: SilenceDeps & { log: FastifyBaseLogger }, intervalMs: number) {
  return scheduleJob(deps.log, intervalMs, () => closeDueSilences(deps), 'silence procedures could not be closed');
}
