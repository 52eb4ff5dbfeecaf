import { type Kysely, type Migration, type MigrationResultSet, Migrator, NO_MIGRATIONS } from 'kysely';
import * as m0001 from './migrations/0001-reference-data.js';
import * as m0002 from './migrations/0002-accounts.js';
import * as m0003UsersSetupToken from './migrations/0003-users-setup-token.js';
import * as m0004TwoFactor from './migrations/0004-two-factor-state.js';
import * as m0005Meetings from './migrations/0005-meetings.js';
import * as m0006ReplyCache from './migrations/0006-reply-cache.js';
import * as m0007AuditHead from './migrations/0007-audit-head.js';
import * as m0008OutcomeDocuments from './migrations/0008-outcome-documents.js';
import * as m0009Observatory from './migrations/0009-observatory.js';
import * as m0010OutcomeNegotiation from './migrations/0010-outcome-negotiation.js';
import * as m0011FollowUp from './migrations/0011-follow-up.js';
import * as m0012SilenceProcedure from './migrations/0012-silence-procedure.js';
import * as m0013FollowUpEvidenceFiles from './migrations/0013-follow-up-evidence-files.js';
import * as m0014DocumentShare from './migrations/0014-document-share.js';
import * as m0015WorkspaceVisit from './migrations/0015-workspace-visit.js';
import * as m0016Notifications from './migrations/0016-notifications.js';
import * as m0017MeetingPrepares from './migrations/0017-meeting-prepares.js';
import * as m0018RegionalBriefs from './migrations/0018-regional-briefs.js';
import * as m0019FollowUpReportIndexes from './migrations/0019-follow-up-report-indexes.js';
import * as m0020SourceTitles from './migrations/0020-source-titles.js';
import * as m0021RecordHtml from './migrations/0021-record-html.js';
import * as m0022FollowUpRatesIndex from './migrations/0022-follow-up-rates-index.js';
import * as m0023HistoricFootnotes from './migrations/0023-historic-footnotes.js';
import * as m0024TechnicalGroupChairs from './migrations/0024-technical-group-chairs.js';
import type { Database } from './schema.js';

/** Migrations in order. Listed here rather than read from disk so that the bundle, tsx and the
 * tests all run the very same set. A new migration is a new file and a new line. */
export const migrations: Record<string, Migration> = {
  '0001-reference-data': m0001,
  '0002-accounts': m0002,
  '0003-users-setup-token': m0003UsersSetupToken,
  '0004-two-factor-state': m0004TwoFactor,
  '0005-meetings': m0005Meetings,
  '0006-reply-cache': m0006ReplyCache,
  '0007-audit-head': m0007AuditHead,
  '0008-outcome-documents': m0008OutcomeDocuments,
  '0009-observatory': m0009Observatory,
  '0010-outcome-negotiation': m0010OutcomeNegotiation,
  '0011-follow-up': m0011FollowUp,
  '0012-silence-procedure': m0012SilenceProcedure,
  '0013-follow-up-evidence-files': m0013FollowUpEvidenceFiles,
  '0014-document-share': m0014DocumentShare,
  '0015-workspace-visit': m0015WorkspaceVisit,
  '0016-notifications': m0016Notifications,
  '0017-meeting-prepares': m0017MeetingPrepares,
  '0018-regional-briefs': m0018RegionalBriefs,
  '0019-follow-up-report-indexes': m0019FollowUpReportIndexes,
  '0020-source-titles': m0020SourceTitles,
  '0021-record-html': m0021RecordHtml,
  '0022-follow-up-rates-index': m0022FollowUpRatesIndex,
  '0023-historic-footnotes': m0023HistoricFootnotes,
  '0024-technical-group-chairs': m0024TechnicalGroupChairs,
};

/** `schema`: where Kysely keeps its own bookkeeping tables, when not the default one. Without it
 * Kysely may find another schema's tables on PostgreSQL and think they are its own. */
function migrator(db: Kysely<Database>, schema?: string) {
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
}

function unwrap({ error, results }: MigrationResultSet): string[] {
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed: ${(error as Error).message}`, { cause: error });
  }
  return (results ?? []).map((r) => r.migrationName);
}

/** Applies every pending migration; returns the names applied. */
export async function migrateToLatest(db: Kysely<Database>, schema?: string): Promise<string[]> {
  return unwrap(await migrator(db, schema).migrateToLatest());
}

/** Reverts every migration, newest first (used by the up-down-up test). */
export async function migrateToZero(db: Kysely<Database>, schema?: string): Promise<string[]> {
  return unwrap(await migrator(db, schema).migrateTo(NO_MIGRATIONS));
}
