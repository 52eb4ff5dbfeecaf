// The module's public face: all that app.ts, demo mode and other modules may import from it (docs/architecture.md).
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { FileStore } from '../../files/index.js';
import type { AuditFeed } from '../audit/index.js';
import { documentsImport } from './import.js';
import { documentsLive, documentsLiveRoutes, type LiveOptions } from './live.js';
import { documentsNegotiation } from './negotiation.js';
import { documentsRoutes } from './routes.js';
import { type DocumentsDeps, documentsReads } from './service.js';
import { documentsSharing } from './sharing.js';
import { SILENCE_INTERVAL_MS, scheduleSilences } from './silence.js';
import { documentsWrites } from './writes.js';

export type { LiveEvent, LiveOptions } from './live.js';
export { type DelegationAt, type DocumentsReads, documentsReads } from './service.js';
export { closeDueSilences } from './silence.js';
export type { DocumentsWrites } from './writes.js';

export interface SilenceOptions {
  /** How often the job looks for silence deadlines passed (default 1 minute). */
  intervalMs?: number;
}

/** The documents area's services without its routes or job: what demo mode writes through. */
export function documentsServices(deps: DocumentsDeps) {
  const reads = documentsReads(deps);
  return {
    reads,
    writes: documentsWrites({ ...deps, reads }),
    negotiation: documentsNegotiation({ ...deps, reads }),
    sharing: documentsSharing({ ...deps, reads }),
  };
}

/** The documents area built from its dependencies: its reads (the portal's record lookup uses them
 * too), its routes, its live streams (fed by `feed`; `endStreams` ends them, which buildApp does
 * before the server closes), and the silence procedures' job, which runs until `stop` (buildApp
 * stops it when the app closes). */
export function documentsModule(
  deps: DocumentsDeps & {
    log: FastifyBaseLogger;
    silences?: SilenceOptions | false | undefined;
    feed: AuditFeed;
    live?: LiveOptions | undefined;
    /** Where a DOCX to start a text from is checked as any upload is. */
    files: FileStore;
  },
) {
  const { reads, writes, negotiation, sharing } = documentsServices(deps);
  const stop =
    deps.silences === false ? async () => {} : scheduleSilences(deps, deps.silences?.intervalMs ?? SILENCE_INTERVAL_MS);
  const live = documentsLive(reads, deps.feed, deps.clock, deps.live);
  const routes = async (app: FastifyInstance) => {
    const importer = documentsImport({ ...deps, reads });
    await app.register(documentsRoutes(reads, writes, negotiation, deps.clock, sharing, importer));
    await app.register(documentsLiveRoutes(reads, live));
  };
  return { reads, writes, negotiation, routes, stop, endStreams: live.close, liveStreams: live.size };
}
export { documentsWorkspaceQueues } from './workspace.js';
