import type { FastifyBaseLogger } from 'fastify';
import type { Kysely, Transaction } from 'kysely';
import type { Lang } from '../../../contract/common.js';
import type { Database } from '../../db/schema.js';
import type { Mailer } from '../../mail/mailer.js';

/** What a service that e-mails one-time links (invitations, password resets) is built from. */
export interface LinkDeps {
  db: Kysely<Database>;
  clock: () => Date;
  mailer: Mailer;
  publicUrl: string;
  log: Pick<FastifyBaseLogger, 'error'>;
}

/** Where links in e-mails and printed messages point: MISPA_PUBLIC_URL, or the local server. */
export const DEFAULT_PUBLIC_URL = 'http://localhost:3000';

export const INVITATION_DAYS = 7;
export const RESET_MINUTES = 60;

/** A portal page that takes a one-time token: `<publicUrl>/<lang>/<page>/<token>`. */
export function tokenLink(publicUrl: string, lang: Lang, page: 'invitation' | 'password-reset', token: string) {
  return `${publicUrl.replace(/\/+$/, '')}/${lang}/${page}/${token}`;
}

/** The single-use links, each with the column that records its use. */
const USED_COLUMN = { invitation: 'accepted_at', password_reset: 'used_at', setup_token: 'used_at' } as const;

/**
 * Marks the link `id` used at `at` if it is still unused and unexpired, and says whether it did.
 * A conditional update, so of two requests racing with the same link exactly one wins.
 */
export async function useOnce(
  trx: Transaction<Database>,
  table: keyof typeof USED_COLUMN,
  id: string,
  at: string,
): Promise<boolean> {
  const used = USED_COLUMN[table];
  // The three tables share these columns; Kysely cannot type a table chosen at run time.
  const result = await (trx as unknown as Transaction<Pick<Database, 'password_reset'>>)
    .updateTable(table as 'password_reset')
    .set({ [used]: at, updated_at: at } as { used_at: string; updated_at: string })
    .where('id', '=', id)
    .where(used as 'used_at', 'is', null)
    .where('expires_at', '>', at)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
