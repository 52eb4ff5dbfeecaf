import type { Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Lang } from '../../../contract/common.js';
import type { AcceptInvitation, InvitationSent, InvitationView, InviteUser } from '../../../contract/users.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { Database } from '../../db/schema.js';
import { InvalidParameterError, NotFoundError, ProblemError } from '../../http/problems.js';
import { message } from '../../i18n/messages.js';
import { renderMail } from '../../mail/templates.js';
import type { RequestContext } from '../../policy/actor.js';
import { FIRST_ADMINISTRATOR_ROLE } from '../../policy/permissions.js';
import { hashPassword, hashSecret, newSecret } from '../../security/secrets.js';
import { recordAudit } from '../audit/index.js';
import {
  assertAcceptablePassword,
  expireInvitations,
  expireSetupTokens,
  findInvitation,
  findSetupToken,
  INVITATION_DAYS,
  insertInvitationRow,
  insertSetupToken,
  type LinkDeps,
  setPassword,
  setSetupTokenUser,
  tokenLink,
  useOnce,
} from '../auth/index.js';
import { insertUserWithGrants, type ResolvedGrant, resolveGrant, userDetail } from './accounts.js';
import { usersPolicy } from './policy.js';
import { findUserByEmail, findUserById } from './queries.js';

/**
 * Invitations: the secretariat invites a person by e-mail with their grants; the person follows
 * the single-use link (valid 7 days) and chooses a password. The same links, not yet addressed to
 * anybody, create the first secretariat administrator (setup_token). Only hashes of the tokens are
 * stored.
 */

const days = (n: number) => n * 86_400_000;

interface CreatedInvitation {
  userId: string;
  token: string;
  expiresAt: Date;
}

async function insertInvitation(trx: Transaction<Database>, userId: string, invitedBy: string | null, now: Date) {
  const token = newSecret();
  const expiresAt = new Date(now.getTime() + days(INVITATION_DAYS));
  const at = now.toISOString();
  // A new link replaces the earlier ones: at most one invitation of a person works at a time.
  await expireInvitations(trx, userId, at);
  await insertInvitationRow(trx, {
    id: uuidv7(),
    token_hash: hashSecret(token),
    user_id: userId,
    invited_by: invitedBy,
    expires_at: expiresAt.toISOString(),
    accepted_at: null,
    created_at: at,
    updated_at: at,
  });
  return { token, expiresAt };
}

/** Creates the invited account with its grants and its invitation, audited; sends nothing. */
export async function createInvitation(
  deps: Pick<LinkDeps, 'db' | 'clock'>,
  input: InviteUser,
  ctx: RequestContext,
  role: string | null,
): Promise<CreatedInvitation> {
  const { db } = deps;
  const email = input.email.toLowerCase();
  const conflict = () => new ProblemError(409, 'user-exists', 'user.exists', { email });
  if (await findUserByEmail(db, email)) throw conflict();
  const grants: ResolvedGrant[] = [];
  for (const [i, grant] of input.grants.entries()) grants.push(await resolveGrant(db, grant, `grants.${i}.`, ctx.lang));
  const invitedBy = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  const now = deps.clock();
  try {
    return await db.transaction().execute(async (trx) => {
      if (await findUserByEmail(trx, email)) throw conflict();
      const userId = await insertUserWithGrants(
        trx,
        {
          email,
          displayName: input.displayName,
          preferredLang: input.preferredLang,
          status: 'invited',
          passwordHash: null,
        },
        grants,
        invitedBy,
        now,
      );
      const { token, expiresAt } = await insertInvitation(trx, userId, invitedBy, now);
      await recordAudit(
        trx,
        ctx,
        {
          action: 'users.invite',
          role,
          entityType: 'user',
          entityId: userId,
          before: null,
          after: {
            email,
            displayName: input.displayName,
            preferredLang: input.preferredLang,
            status: 'invited',
            grants: input.grants,
            invitationExpiresAt: expiresAt.toISOString(),
          },
        },
        now,
      );
      return { userId, token, expiresAt };
    });
  } catch (error) {
    // Two invitations of the same address raced: the database's unique e-mail decided.
    if (isUniqueViolation(error)) throw conflict();
    throw error;
  }
}

/** The link that creates the first secretariat administrator; earlier unused ones stop working. */
export async function issueSetupLink(
  deps: Pick<LinkDeps, 'db' | 'clock' | 'publicUrl'>,
  ctx: RequestContext,
  lang: Lang = 'en',
): Promise<string> {
  const now = deps.clock();
  const at = now.toISOString();
  const token = newSecret();
  await deps.db.transaction().execute(async (trx) => {
    await expireSetupTokens(trx, at);
    const id = uuidv7();
    const expiresAt = new Date(now.getTime() + days(INVITATION_DAYS)).toISOString();
    await insertSetupToken(trx, {
      id,
      token_hash: hashSecret(token),
      expires_at: expiresAt,
      used_at: null,
      user_id: null,
      created_at: at,
      updated_at: at,
    });
    await recordAudit(
      trx,
      ctx,
      {
        action: 'users.setup-link',
        role: null,
        entityType: 'setup_token',
        entityId: id,
        before: null,
        after: { expiresAt },
      },
      now,
    );
  });
  return tokenLink(deps.publicUrl, lang, 'invitation', token);
}

type Found =
  | { kind: 'invitation'; row: NonNullable<Awaited<ReturnType<typeof findInvitation>>> }
  | { kind: 'setup'; row: NonNullable<Awaited<ReturnType<typeof findSetupToken>>> };

export function invitationsService(deps: LinkDeps) {
  const { db, clock, mailer, publicUrl, log } = deps;

  async function find(token: string): Promise<Found> {
    const tokenHash = hashSecret(token);
    const invitation = await findInvitation(db, tokenHash);
    if (invitation) return { kind: 'invitation', row: invitation };
    const setup = await findSetupToken(db, tokenHash);
    if (setup) return { kind: 'setup', row: setup };
    throw new ProblemError(404, 'invitation-not-found', 'invitation.unknown');
  }

  function stateOf(found: Found, now: Date): InvitationView['state'] {
    const used = found.kind === 'invitation' ? found.row.accepted_at : found.row.used_at;
    if (used !== null) return 'used';
    // A person deactivated before accepting cannot accept any more: to them the link has expired.
    if (found.kind === 'invitation' && found.row.status !== 'invited') return 'expired';
    return found.row.expires_at <= now.toISOString() ? 'expired' : 'pending';
  }

  function refuseUnlessPending(found: Found, now: Date) {
    const state = stateOf(found, now);
    if (state === 'used') throw new ProblemError(410, 'invitation-used', 'invitation.used');
    if (state === 'expired') throw new ProblemError(410, 'invitation-expired', 'invitation.expired');
  }

  /** Sends the invitation e-mail; a mail server that fails is logged, and said in the reply. */
  async function mail(userId: string, token: string, expiresAt: Date, ctx: RequestContext): Promise<boolean> {
    const user = await findUserById(db, userId);
    if (!user) return false;
    const lang = user.preferred_lang as Lang;
    try {
      await mailer.send(
        renderMail('invitation', lang, user.email, {
          displayName: user.display_name,
          invitedBy: ctx.actor.kind === 'user' ? ctx.actor.displayName : null,
          link: tokenLink(publicUrl, lang, 'invitation', token),
          expiresAt,
        }),
      );
      return true;
    } catch (error) {
      log.error({ err: error, userId }, 'the invitation e-mail could not be sent');
      return false;
    }
  }

  return {
    /** Creates the invited account with its grants and e-mails the link in the invitee's language. */
    async invite(input: InviteUser, ctx: RequestContext): Promise<InvitationSent> {
      const role = usersPolicy.require(ctx, 'users.invite');
      const created = await createInvitation(deps, input, ctx, role);
      const emailSent = await mail(created.userId, created.token, created.expiresAt, ctx);
      return { user: await userDetail(db, created.userId, clock(), ctx.actor), emailSent };
    },

    /** A new link for a person who has not accepted yet (the earlier link stops working). */
    async resend(userId: string, ctx: RequestContext): Promise<InvitationSent> {
      const role = usersPolicy.require(ctx, 'users.invite');
      const now = clock();
      const token = await db.transaction().execute(async (trx) => {
        const user = await findUserById(trx, userId);
        if (!user) throw new NotFoundError('user', userId);
        if (user.status !== 'invited') throw new ProblemError(409, 'not-invited', 'invitation.notPending');
        const created = await insertInvitation(trx, userId, ctx.actor.kind === 'user' ? ctx.actor.userId : null, now);
        await recordAudit(
          trx,
          ctx,
          {
            action: 'users.invite-again',
            role,
            entityType: 'user',
            entityId: userId,
            before: null,
            after: { invitationExpiresAt: created.expiresAt.toISOString() },
          },
          now,
        );
        return created;
      });
      const emailSent = await mail(userId, token.token, token.expiresAt, ctx);
      return { user: await userDetail(db, userId, clock(), ctx.actor), emailSent };
    },

    async view(token: string): Promise<InvitationView> {
      const found = await find(token);
      const state = stateOf(found, clock());
      if (found.kind === 'setup') {
        return {
          setup: true,
          email: null,
          displayName: null,
          preferredLang: null,
          state,
          expiresAt: found.row.expires_at,
        };
      }
      const { row } = found;
      return {
        setup: false,
        email: row.email,
        displayName: row.display_name,
        preferredLang: row.preferred_lang as Lang,
        state,
        expiresAt: row.expires_at,
      };
    },

    /** Sets the password and activates the account; the link cannot be used again. */
    async accept(token: string, input: AcceptInvitation, ctx: RequestContext): Promise<void> {
      const found = await find(token);
      refuseUnlessPending(found, clock());
      if (found.kind === 'setup') return acceptSetup(found.row.id, input, ctx);
      for (const field of ['email', 'displayName', 'preferredLang'] as const) {
        if (input[field] !== undefined) {
          throw new InvalidParameterError(field, 'body', message(ctx.lang, 'setup.notAllowed'));
        }
      }
      const { row } = found;
      assertAcceptablePassword(input.password, ctx.lang, row.email);
      const passwordHash = await hashPassword(input.password);
      const now = clock();
      const at = now.toISOString();
      await db.transaction().execute(async (trx) => {
        // Conditional updates: of two acceptances racing, one wins and the other finds it used.
        if (!(await useOnce(trx, 'invitation', row.id, at))) {
          throw new ProblemError(410, 'invitation-used', 'invitation.used');
        }
        const activated = await setPassword(trx, row.user_id, passwordHash, at, { status: 'invited', activate: true });
        if (!activated) {
          throw new ProblemError(410, 'invitation-expired', 'invitation.expired');
        }
        await recordAudit(
          trx,
          ctx,
          {
            action: 'auth.invitation-accept',
            role: null,
            entityType: 'user',
            entityId: row.user_id,
            actorUserId: row.user_id,
            before: { status: 'invited' },
            after: { status: 'active' },
          },
          now,
        );
      });
    },
  };

  /** The first administrator gives their e-mail, name and language with the password. */
  async function acceptSetup(setupId: string, input: AcceptInvitation, ctx: RequestContext): Promise<void> {
    for (const field of ['email', 'displayName'] as const) {
      if (input[field] === undefined)
        throw new InvalidParameterError(field, 'body', message(ctx.lang, 'setup.required'));
    }
    const email = (input.email as string).toLowerCase();
    const conflict = () => new ProblemError(409, 'user-exists', 'user.exists', { email });
    assertAcceptablePassword(input.password, ctx.lang, email);
    if (await findUserByEmail(db, email)) throw conflict();
    const passwordHash = await hashPassword(input.password);
    const now = clock();
    const at = now.toISOString();
    const preferredLang = input.preferredLang ?? ctx.lang;
    try {
      await db.transaction().execute(async (trx) => {
        if (!(await useOnce(trx, 'setup_token', setupId, at))) {
          throw new ProblemError(410, 'invitation-used', 'invitation.used');
        }
        const grant: ResolvedGrant = {
          role: FIRST_ADMINISTRATOR_ROLE,
          member_state_id: null,
          technical_group_id: null,
          partner_id: null,
        };
        const userId = await insertUserWithGrants(
          trx,
          { email, displayName: input.displayName as string, preferredLang, status: 'active', passwordHash },
          [grant],
          null,
          now,
        );
        await setSetupTokenUser(trx, setupId, userId);
        await recordAudit(
          trx,
          ctx,
          {
            action: 'users.setup',
            role: null,
            entityType: 'user',
            entityId: userId,
            actorUserId: userId,
            before: null,
            after: {
              email,
              displayName: input.displayName,
              preferredLang,
              status: 'active',
              grants: [{ role: FIRST_ADMINISTRATOR_ROLE }],
            },
          },
          now,
        );
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict();
      throw error;
    }
  }
}

export type InvitationsService = ReturnType<typeof invitationsService>;
