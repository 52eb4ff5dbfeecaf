import type { Kysely, Transaction } from 'kysely';
import type {
  RecoveryCodes,
  TwoFactorChallenge,
  TwoFactorEnrolment,
  TwoFactorPassed,
} from '../../../contract/two-factor.js';
import type { AuditAction } from '../../../domain/audit.js';
import { reason } from '../../../domain/reasons.js';
import type { Database } from '../../db/schema.js';
import { DeniedError, InvalidParameterError, ProblemError } from '../../http/problems.js';
import type { RequestContext } from '../../policy/actor.js';
import { ownSessionActor } from '../../policy/own-account.js';
import { type Action, ROLES_REQUIRING_SECOND_FACTOR } from '../../policy/permissions.js';
import { deviceCookies } from '../../security/device-cookie.js';
import { consume, type Limit, type RateCheck, refund } from '../../security/rate-limit.js';
import { secretBox } from '../../security/secret-box.js';
import { recordAudit } from '../audit/index.js';
import {
  clearTwoFactor,
  enablePendingSecret,
  findTwoFactorState,
  passSecondFactor,
  replaceRecoveryCodes,
  setPendingSecret,
  spendRecoveryCode,
  spendStep,
  unusedRecoveryCodes,
} from './queries.js';
import { enrolmentOf, matchStep, newRecoveryCodes, newTotpSecret, recoveryCodeHash } from './totp.js';

/**
 * Codes an account may try (at the challenge or to turn two-factor off) in a window: per account,
 * not per session, so signing in again does not buy more guesses. Six digits with a window of
 * three steps leave an attacker who has the password about one chance in 67,000 per window.
 */
export const SECOND_FACTOR_LIMIT: Limit = { max: 5, windowMinutes: 15 };

const attemptsOf = (userId: string): RateCheck[] => [
  { key: `two-factor:account:${userId}`, limit: SECOND_FACTOR_LIMIT },
];
const attemptKeys = (userId: string) => attemptsOf(userId).map((a) => a.key);

/** The one audit entry of a change to the caller's own two-factor state (never a secret or a code). */
function audit(
  trx: Transaction<Database>,
  ctx: RequestContext,
  userId: string,
  action: Extract<Action, AuditAction>,
  change: { before: unknown; after: unknown },
  now: Date,
) {
  return recordAudit(trx, ctx, { action, role: null, entityType: 'user', entityId: userId, ...change }, now);
}

const wrongCode = () => new InvalidParameterError('code', 'body', reason('reason.twoFactor.wrongCode'));

export function twoFactorService(deps: { db: Kysely<Database>; clock: () => Date; secretKey?: string | undefined }) {
  const { db, clock } = deps;
  const box = secretBox(deps.secretKey);
  const devices = deviceCookies(deps.secretKey);

  return {
    /**
     * Starts (or restarts) an enrolment: a new secret, kept aside until a code from it is
     * confirmed, so an enabled factor keeps working meanwhile. Replacing an enabled factor needs
     * this session to have passed it: a password alone must not be enough to swap the phone.
     */
    async startEnrolment(ctx: RequestContext): Promise<TwoFactorEnrolment> {
      const actor = ownSessionActor(ctx, 'two-factor.enrol');
      const state = await findTwoFactorState(db, actor.userId);
      if (state.totp_enabled_at !== null && !actor.secondFactorPassed) {
        throw new DeniedError(403, 'second-factor', 'two-factor.enrol');
      }
      const secret = newTotpSecret();
      const enrolment = await enrolmentOf(secret, state.email);
      const now = clock();
      await db.transaction().execute(async (trx) => {
        await setPendingSecret(trx, actor.userId, box.seal(secret, actor.userId), now.toISOString());
        await audit(
          trx,
          ctx,
          actor.userId,
          'two-factor.enrol',
          {
            before: { twoFactor: state.totp_enabled_at ? 'enabled' : 'off' },
            after: { twoFactor: state.totp_enabled_at ? 'enabled' : 'off', enrolment: 'started' },
          },
          now,
        );
      });
      return enrolment;
    },

    /**
     * Confirms the enrolment with a code from the new secret: two-factor is on, this session has
     * passed it, and ten new recovery codes replace any old ones. They are returned only here.
     */
    async confirmEnrolment(ctx: RequestContext, code: string): Promise<RecoveryCodes> {
      const actor = ownSessionActor(ctx, 'two-factor.enrol');
      const state = await findTwoFactorState(db, actor.userId);
      // An enrolment left pending by another session must not replace the factor from this one.
      if (state.totp_enabled_at !== null && !actor.secondFactorPassed) {
        throw new DeniedError(403, 'second-factor', 'two-factor.enrol');
      }
      const pending = state.totp_pending_secret;
      if (pending === null) throw new ProblemError(409, 'no-enrolment', 'twoFactor.noEnrolment');
      const now = clock();
      const step = matchStep(box.open(pending, actor.userId), code, now);
      if (step === null) throw wrongCode();
      const recoveryCodes = newRecoveryCodes();
      const at = now.toISOString();
      await db.transaction().execute(async (trx) => {
        // Another enrolment started since the secret was read: this code confirms nothing now.
        if (!(await enablePendingSecret(trx, actor.userId, pending, step, at))) {
          throw new ProblemError(409, 'no-enrolment', 'twoFactor.noEnrolment');
        }
        await replaceRecoveryCodes(trx, actor.userId, recoveryCodes.map(recoveryCodeHash), at);
        await passSecondFactor(trx, actor.sessionId, at);
        await audit(
          trx,
          ctx,
          actor.userId,
          'two-factor.enrol',
          {
            before: { twoFactor: state.totp_enabled_at ? 'enabled' : 'off' },
            after: { twoFactor: 'enabled', enrolment: 'confirmed', secondFactor: 'passed' },
          },
          now,
        );
      });
      return { recoveryCodes };
    },

    /**
     * Passes the second factor of this session with the app's code or with a recovery code (spent).
     * The sign-in is now complete: `device` is a new known-device cookie for this browser
     * (auth/service.ts gives none at the password when two-factor is on).
     */
    async challenge(
      ctx: RequestContext,
      input: TwoFactorChallenge,
    ): Promise<{ passed: TwoFactorPassed; device: string | null }> {
      const actor = ownSessionActor(ctx, 'two-factor.challenge');
      if (actor.secondFactorPassed) {
        throw new ProblemError(409, 'two-factor-passed', 'twoFactor.alreadyPassed');
      }
      const state = await findTwoFactorState(db, actor.userId);
      if (state.totp_enabled_at === null || state.totp_secret === null) {
        throw new ProblemError(409, 'two-factor-off', 'twoFactor.notEnabled');
      }
      const now = clock();
      // Counted before the code is checked, so attempts made at once cannot all slip under the limit.
      await consume(db, attemptsOf(actor.userId), now);
      const at = now.toISOString();
      const secret = box.open(state.totp_secret, actor.userId);
      const method = input.code !== undefined ? 'totp' : 'recovery-code';
      const passed = await db.transaction().execute(async (trx) => {
        if (input.code !== undefined) {
          const step = matchStep(secret, input.code, now);
          if (step === null || !(await spendStep(trx, actor.userId, step))) return false;
        } else if (!(await spendRecoveryCode(trx, actor.userId, recoveryCodeHash(input.recoveryCode ?? ''), at))) {
          return false;
        }
        await passSecondFactor(trx, actor.sessionId, at);
        await audit(
          trx,
          ctx,
          actor.userId,
          'two-factor.challenge',
          { before: null, after: { secondFactor: 'passed', method } },
          now,
        );
        return true;
      });
      if (!passed) throw new ProblemError(401, 'two-factor-failed', 'twoFactor.failed');
      // A right code is not an attack: its attempt is given back.
      await refund(db, attemptKeys(actor.userId));
      const { password_hash } = state;
      return {
        passed: { method, recoveryCodesLeft: await unusedRecoveryCodes(db, actor.userId) },
        device: password_hash ? devices.issue({ id: actor.userId, password_hash }, now) : null,
      };
    },

    /** Turns two-factor off, with a current code; refused while a role of the user requires it. */
    async disable(ctx: RequestContext, code: string): Promise<void> {
      const actor = ownSessionActor(ctx, 'two-factor.disable');
      const state = await findTwoFactorState(db, actor.userId);
      if (state.totp_enabled_at === null || state.totp_secret === null) {
        throw new ProblemError(409, 'two-factor-off', 'twoFactor.notEnabled');
      }
      const requiring = actor.demo
        ? undefined
        : actor.grants.find((g) => ROLES_REQUIRING_SECOND_FACTOR.includes(g.role));
      if (requiring) throw new ProblemError(403, 'two-factor-required', 'twoFactor.required', { role: requiring.role });
      const now = clock();
      await consume(db, attemptsOf(actor.userId), now);
      const step = matchStep(box.open(state.totp_secret, actor.userId), code, now);
      const done = await db.transaction().execute(async (trx) => {
        if (step === null || !(await spendStep(trx, actor.userId, step))) return false;
        await clearTwoFactor(trx, actor.userId, now.toISOString());
        await audit(
          trx,
          ctx,
          actor.userId,
          'two-factor.disable',
          { before: { twoFactor: 'enabled' }, after: { twoFactor: 'off' } },
          now,
        );
        return true;
      });
      if (!done) throw wrongCode();
      await refund(db, attemptKeys(actor.userId));
    },
  };
}

export type TwoFactorService = ReturnType<typeof twoFactorService>;
