import { v7 as uuidv7 } from 'uuid';
import type { Lang } from '../../../contract/common.js';
import type { PasswordChanged, PasswordReset, PasswordResetRequest } from '../../../contract/users.js';
import { ProblemError } from '../../http/problems.js';
import { renderMail } from '../../mail/templates.js';
import type { RequestContext } from '../../policy/actor.js';
import { consume, resetChecks } from '../../security/rate-limit.js';
import { hashPassword, hashSecret, newSecret } from '../../security/secrets.js';
import { recordAudit } from '../audit/index.js';
import { type LinkDeps, RESET_MINUTES, tokenLink, useOnce } from './links.js';
import { assertAcceptablePassword } from './passwords.js';
import { endAccountAccess, findReset, findUserByEmail, insertReset, setPassword } from './queries.js';

/**
 * Password reset by e-mail: a single-use link, valid one hour, sent only to an active account;
 * the answer is the same whether or not the account exists, so it tells nobody who has one.
 * Choosing the new password ends every session and revokes every API token of the account.
 */

export function passwordResetService(deps: LinkDeps) {
  const { db, clock, mailer, publicUrl, log } = deps;
  const gone = () => new ProblemError(410, 'reset-link-gone', 'reset.gone');

  /** Work done after the answer (see `request`). */
  const pending = new Set<Promise<void>>();

  /** Writes, audits and e-mails a reset link when an active account has this e-mail. */
  async function sendResetLink(email: string, ctx: RequestContext): Promise<void> {
    const user = await findUserByEmail(db, email);
    if (user?.status !== 'active') return;
    const token = newSecret();
    const now = clock();
    const at = now.toISOString();
    const expiresAt = new Date(now.getTime() + RESET_MINUTES * 60_000);
    await db.transaction().execute(async (trx) => {
      const id = uuidv7();
      await insertReset(trx, {
        id,
        token_hash: hashSecret(token),
        user_id: user.id,
        expires_at: expiresAt.toISOString(),
        used_at: null,
        created_at: at,
        updated_at: at,
      });
      await recordAudit(
        trx,
        ctx,
        {
          action: 'auth.password-reset-request',
          role: null,
          entityType: 'user',
          entityId: user.id,
          before: null,
          after: { resetLinkExpiresAt: expiresAt.toISOString() },
        },
        now,
      );
    });
    const lang = user.preferred_lang as Lang;
    await mailer
      .send(
        renderMail('passwordReset', lang, user.email, {
          displayName: user.display_name,
          link: tokenLink(publicUrl, lang, 'password-reset', token),
          expiresAt,
        }),
      )
      .catch((error: unknown) =>
        log.error({ err: error, userId: user.id }, 'the password reset e-mail could not be sent'),
      );
  }

  return {
    /**
     * Counts the attempt, then answers: the account is looked up, and the link written, audited and
     * sent, after the answer (`settled` waits for that work). So the answer takes the same time
     * whether or not the account exists, and tells nobody by its timing.
     */
    async request(input: PasswordResetRequest, ctx: RequestContext): Promise<void> {
      const email = input.email.toLowerCase();
      // Counted whether or not the account exists, so the limit tells nothing either.
      await consume(db, resetChecks(email, ctx.ip), clock());
      const work: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => sendResetLink(email, ctx))
        .catch((error: unknown) => log.error({ err: error }, 'a password reset request could not be carried out'))
        .finally(() => pending.delete(work));
      pending.add(work);
    },

    /** Waits for the work of the requests answered so far (before the app closes; tests). */
    async settled(): Promise<void> {
      await Promise.all(pending);
    },

    /** Sets the new password, uses up every reset link of the account and ends all its sessions and tokens. */
    async reset(token: string, input: PasswordReset, ctx: RequestContext): Promise<PasswordChanged> {
      const found = await findReset(db, hashSecret(token));
      if (!found) throw new ProblemError(404, 'reset-link-not-found', 'reset.unknown');
      if (found.used_at !== null || found.expires_at <= clock().toISOString() || found.status !== 'active') {
        throw gone();
      }
      assertAcceptablePassword(input.password, ctx.lang, found.email);
      const passwordHash = await hashPassword(input.password);
      const now = clock();
      const at = now.toISOString();
      return db.transaction().execute(async (trx) => {
        if (!(await useOnce(trx, 'password_reset', found.id, at))) throw gone();
        if (!(await setPassword(trx, found.user_id, passwordHash, at, { status: 'active' }))) throw gone();
        const ended = await endAccountAccess(trx, found.user_id, at, null);
        await recordAudit(
          trx,
          ctx,
          {
            action: 'auth.password-reset',
            role: null,
            entityType: 'user',
            entityId: found.user_id,
            actorUserId: found.user_id,
            before: null,
            // An audit key naming a token is redacted: the count is kept as API credentials.
            after: { sessionsRevoked: ended.ended, apiCredentialsRevoked: ended.tokensRevoked },
          },
          now,
        );
        return ended;
      });
    },
  };
}

export type PasswordResetService = ReturnType<typeof passwordResetService>;
