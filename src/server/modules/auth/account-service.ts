import type { Kysely } from 'kysely';
import type { Me } from '../../../contract/accounts.js';
import type { AccountUpdate, PasswordChange, PasswordChanged } from '../../../contract/users.js';
import type { Database } from '../../db/schema.js';
import { InvalidParameterError } from '../../http/problems.js';
import { message } from '../../i18n/messages.js';
import type { RequestContext } from '../../policy/actor.js';
import { ownAccountActor, ownSessionActor } from '../../policy/own-account.js';
import { deviceCookies } from '../../security/device-cookie.js';
import { refund } from '../../security/rate-limit.js';
import { hashPassword, verifyPassword } from '../../security/secrets.js';
import { admitPasswordAttempt } from '../../security/sign-in-throttle.js';
import { recordAudit } from '../audit/index.js';
import { assertAcceptablePassword } from './passwords.js';
import { endAccountAccess, findUser, setPassword, updateProfile } from './queries.js';

/**
 * Changes a signed-in user makes to their own account: name and language, and the password. Each
 * writes its change and one audit entry in one transaction; the audit entry never holds a password.
 */
export function accountService(deps: {
  db: Kysely<Database>;
  clock: () => Date;
  /** The /me reply for a request context (auth/service.ts). */
  present: (ctx: RequestContext) => Promise<Me>;
  /** Checks the known-device cookies (MISPA_SECRET_KEY). */
  secretKey?: string | undefined;
}) {
  const { db, clock, present } = deps;
  const devices = deviceCookies(deps.secretKey);

  return {
    /** Changes the fields given that differ from the stored ones; answers with /me as it now is. */
    async update(ctx: RequestContext, input: AccountUpdate): Promise<Me> {
      const actor = ownAccountActor(ctx, 'account.update');
      const before: Partial<AccountUpdate> = {};
      const after: Partial<AccountUpdate> = {};
      if (input.displayName !== undefined && input.displayName !== actor.displayName) {
        before.displayName = actor.displayName;
        after.displayName = input.displayName;
      }
      if (input.preferredLang !== undefined && input.preferredLang !== actor.lang) {
        before.preferredLang = actor.lang;
        after.preferredLang = input.preferredLang;
      }
      // Nothing differs: nothing to write, nothing to audit.
      if (Object.keys(after).length === 0) return present(ctx);
      const now = clock();
      const at = now.toISOString();
      await db.transaction().execute(async (trx) => {
        await updateProfile(trx, actor.userId, after, at);
        await recordAudit(
          trx,
          ctx,
          { action: 'account.update', role: null, entityType: 'user', entityId: actor.userId, before, after },
          now,
        );
      });
      return present({
        ...ctx,
        actor: {
          ...actor,
          displayName: after.displayName ?? actor.displayName,
          lang: after.preferredLang ?? actor.lang,
        },
      });
    },

    /**
     * Replaces the password once the current one is confirmed, and ends every other session, every
     * API token and every unused reset link of the account (whoever knew the old password is signed
     * out, and a token or link they had stops working); this session stays. Only a person at
     * a signed-in session may do it, never an API token. Wrong current passwords count against the
     * same allowances as sign-ins (`device`: the browser's known-device cookie), so this is no way
     * around the sign-in limits. The new password forgets every known device: this browser, where the
     * owner just proved it, gets a new known-device cookie (`device` in the answer).
     */
    async changePassword(
      ctx: RequestContext,
      input: PasswordChange,
      device: string | undefined,
    ): Promise<{ changed: PasswordChanged; device: string }> {
      const actor = ownSessionActor(ctx, 'account.change-password');
      assertAcceptablePassword(input.newPassword, ctx.lang, actor.email, 'newPassword');
      const user = await findUser(db, actor.userId);
      const attempts = await admitPasswordAttempt(
        db,
        { account: actor.email, ip: ctx.ip, device: devices.recognise(device, user, clock()) },
        clock(),
      );
      if (!user?.password_hash || !(await verifyPassword(input.currentPassword, user.password_hash))) {
        throw new InvalidParameterError('currentPassword', 'body', message(ctx.lang, 'account.wrongPassword'));
      }
      const passwordHash = await hashPassword(input.newPassword);
      const now = clock();
      const at = now.toISOString();
      const changed = await db.transaction().execute(async (trx) => {
        await setPassword(trx, actor.userId, passwordHash, at);
        const ended = await endAccountAccess(trx, actor.userId, at, actor.sessionId);
        await recordAudit(
          trx,
          ctx,
          {
            action: 'account.change-password',
            role: null,
            entityType: 'user',
            entityId: actor.userId,
            before: null,
            // The action says what changed; a key named like a password would be redacted anyway.
            // An audit key naming a token is redacted: the count is kept as API credentials.
            after: { otherSessionsEnded: ended.ended, apiCredentialsRevoked: ended.tokensRevoked },
          },
          now,
        );
        return ended;
      });
      // The right password is not an attack: the attempt is given back.
      await refund(db, attempts);
      return { changed, device: devices.issue({ id: actor.userId, password_hash: passwordHash }, now) };
    },
  };
}

export type AccountService = ReturnType<typeof accountService>;
