import type { Kysely } from 'kysely';
import { reason } from '../../../domain/reasons.js';
import type { Database } from '../../db/schema.js';
import { InvalidParameterError } from '../../http/problems.js';
import type { ReasonKey } from '../../i18n/types.js';

type FilterTable = 'pillar' | 'member_state' | 'meeting';

/** Which rows the reader may name in a filter: draft meetings only for those who may read them. */
export interface FilterVisibility {
  draftMeetings: boolean;
}

/** Why an unknown slug is refused, by the table it names. */
const unknownReason: Record<FilterTable, ReasonKey> = {
  pillar: 'reason.filter.pillar',
  member_state: 'reason.filter.memberState',
  meeting: 'reason.filter.meeting',
};

/** Turns a filter's slug into an id, or answers 400 naming the parameter and the values allowed. */
export function resolveFilter(
  db: Kysely<Database>,
  parameter: string,
  table: 'pillar' | 'member_state',
  value: string | undefined,
): Promise<string | undefined> {
  return resolve(db, parameter, table, value, { draftMeetings: false });
}

/**
 * The `meeting` filter: both the lookup and the allowed values see only the meetings the reader may
 * see, so a draft's slug answers exactly like an unknown one to a reader who may not read drafts.
 */
export function resolveMeetingFilter(
  db: Kysely<Database>,
  value: string | undefined,
  visibility: FilterVisibility,
): Promise<string | undefined> {
  return resolve(db, 'meeting', 'meeting', value, visibility);
}

async function resolve(
  db: Kysely<Database>,
  parameter: string,
  table: FilterTable,
  value: string | undefined,
  visibility: FilterVisibility,
): Promise<string | undefined> {
  if (value === undefined) return undefined;
  const column = table === 'pillar' ? 'code' : 'slug';
  // biome-ignore lint/suspicious/noExplicitAny: the three tables share the id/slug shape
  const q = db as Kysely<any>;
  const visible = () => {
    const rows = q.selectFrom(table);
    return table === 'meeting' && !visibility.draftMeetings ? rows.where('status', '<>', 'draft') : rows;
  };
  const found = await visible().select('id').where(column, '=', value).executeTakeFirst();
  if (found) return found.id as string;
  const allowed = await visible().select(column).orderBy(column).execute();
  throw new InvalidParameterError(
    parameter,
    'query',
    reason(unknownReason[table], {
      value,
      allowed: allowed.map((r: Record<string, string>) => r[column]).join(', '),
    }),
  );
}

/** Lookup by id or slug, as every detail route allows. */
export const byIdOrSlug = (idOrSlug: string) => ({ idOrSlug });
