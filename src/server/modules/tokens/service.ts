import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { ApiToken, ApiTokenCreate, ApiTokenCreated, ApiTokenList } from '../../../contract/tokens.js';
import type { Database } from '../../db/schema.js';
import { ProblemError } from '../../http/problems.js';
import type { RequestContext } from '../../policy/actor.js';
import { ownAccountActor, ownSessionActor } from '../../policy/own-account.js';
import { API_TOKEN_PREFIX, hashSecret, newSecret } from '../../security/secrets.js';
import { recordAudit } from '../audit/index.js';
import { countLiveTokens, findToken, insertToken, listTokens, revokeToken } from './queries.js';

/** Live tokens one user may hold: enough for every system they run, few enough to keep track of. */
export const MAX_LIVE_TOKENS = 50;

const DAY = 86_400_000;

type TokenRow = Awaited<ReturnType<typeof listTokens>>[number];

function present(row: TokenRow, now: Date): ApiToken {
  return {
    id: row.id,
    name: row.name,
    scope: row.scope,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
    active: row.revoked_at === null && row.expires_at > now.toISOString(),
  };
}

/** The audit trail's view of a token: what identifies it, never its value or hash. */
const audited = (row: Pick<TokenRow, 'name' | 'scope' | 'expires_at' | 'revoked_at'>) => ({
  name: row.name,
  scope: row.scope,
  expiresAt: row.expires_at,
  revokedAt: row.revoked_at,
});

/**
 * API tokens act with their owner's grants (auth/service.ts `authenticate` reads them); a read
 * token is refused every action the permission table marks `write`. Only the hash is stored.
 */
export function tokensService(deps: { db: Kysely<Database>; clock: () => Date }) {
  const { db, clock } = deps;

  return {
    async list(ctx: RequestContext): Promise<ApiTokenList> {
      const actor = ownAccountActor(ctx, 'tokens.read');
      const now = clock();
      return { items: (await listTokens(db, actor.userId)).map((row) => present(row, now)) };
    },

    /** Creates a token and returns its value, the only time it is ever shown. */
    async create(ctx: RequestContext, input: ApiTokenCreate): Promise<ApiTokenCreated> {
      const actor = ownSessionActor(ctx, 'tokens.create');
      const now = clock();
      const at = now.toISOString();
      if ((await countLiveTokens(db, actor.userId, at)) >= MAX_LIVE_TOKENS) {
        throw new ProblemError(409, 'too-many-tokens', 'tokens.tooMany', { max: String(MAX_LIVE_TOKENS) });
      }
      const value = newSecret(API_TOKEN_PREFIX);
      const row = {
        id: uuidv7(),
        user_id: actor.userId,
        name: input.name,
        scope: input.scope,
        token_hash: hashSecret(value),
        created_at: at,
        updated_at: at,
        expires_at: new Date(now.getTime() + input.expiresInDays * DAY).toISOString(),
        last_used_at: null,
        revoked_at: null,
      };
      await db.transaction().execute(async (trx) => {
        await insertToken(trx, row);
        await recordAudit(
          trx,
          ctx,
          {
            action: 'tokens.create',
            role: null,
            entityType: 'api_token',
            entityId: row.id,
            before: null,
            after: audited(row),
          },
          now,
        );
      });
      return { ...present(row, now), token: value };
    },

    /** Revokes one of the caller's tokens; revoking a revoked token changes nothing. */
    async revoke(ctx: RequestContext, id: string): Promise<void> {
      const row = await findToken(db, id);
      if (!row) throw new ProblemError(404, 'not-found', 'tokens.notFound', { id });
      ownAccountActor(ctx, 'tokens.revoke', row.user_id);
      if (row.revoked_at !== null) return;
      const now = clock();
      const at = now.toISOString();
      await db.transaction().execute(async (trx) => {
        if (!(await revokeToken(trx, id, at))) return;
        await recordAudit(
          trx,
          ctx,
          {
            action: 'tokens.revoke',
            role: null,
            entityType: 'api_token',
            entityId: id,
            before: audited(row),
            after: audited({ ...row, revoked_at: at }),
          },
          now,
        );
      });
    },
  };
}

export type TokensService = ReturnType<typeof tokensService>;
