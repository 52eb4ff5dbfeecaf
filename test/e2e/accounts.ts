import { randomBytes } from 'node:crypto';
import type { Role } from '../../src/contract/accounts.js';
import type { TestDatabase } from '../../src/server/testing/harness.js';
import type { Browser } from './browser.js';
import { ensurePortalBuilt } from './server.js';

type Db = TestDatabase['db'];
export type AccountsServer = { url: string; db: Db; close(): Promise<void> };

/** The platform as startPortalServer starts it, plus its database, so a test can make the
 * accounts it signs in with (there is no sign-up: accounts come from invitations). */
export async function startAccountsServer(): Promise<AccountsServer> {
  await ensurePortalBuilt();
  const harness = await import('../../src/server/testing/harness.js');
  return harness.startServer();
}

export type TestUser = { id: string; email: string; password: string; displayName: string };

/** An active user with one grant (bound to a member state for focal points and delegates). */
export async function createUser(
  db: Db,
  options: { role: Role; memberState?: string; partner?: string; totpSecret?: string; displayName?: string },
): Promise<TestUser> {
  const { buildUser } = await import('../../src/server/testing/factories.js');
  const user = await buildUser(db, options);
  const displayName = options.displayName ?? `Test ${randomBytes(3).toString('hex')}`;
  await db.updateTable('app_user').set({ display_name: displayName }).where('id', '=', user.id).execute();
  return { ...user, displayName };
}

/** A caller of the API with a new signed-in session (second factor passed) of a new user of
 * `role`, bound to `memberState`: a test sets up through the API what its browser then reads. */
export async function apiCaller(server: AccountsServer, role: Role, memberState?: string) {
  const { buildSession } = await import('../../src/server/testing/factories.js');
  const user = await createUser(server.db, { role, ...(memberState ? { memberState } : {}) });
  const cookie = await buildSession(server.db, user.id, { secondFactor: true });
  return async <T>(method: string, path: string, body?: object): Promise<T> => {
    const response = await fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: { cookie, origin: server.url, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
}

/** An invited user with one grant and an open invitation; returns the token of the link
 * (/:lang/invitation/:token), as the secretariat's e-mail would carry it. */
export async function createInvitation(
  db: Db,
  options: { role: Role; memberState?: string },
): Promise<{ email: string; token: string }> {
  const { buildUser } = await import('../../src/server/testing/factories.js');
  const { hashSecret, newSecret } = await import('../../src/server/security/secrets.js');
  const { v7: uuidv7 } = await import('uuid');
  const user = await buildUser(db, { ...options, status: 'invited' });
  await db.updateTable('app_user').set({ password_hash: null }).where('id', '=', user.id).execute();
  const token = newSecret();
  const now = new Date();
  await db
    .insertInto('invitation')
    .values({
      id: uuidv7(),
      token_hash: hashSecret(token),
      user_id: user.id,
      invited_by: null,
      expires_at: new Date(now.getTime() + 86_400_000).toISOString(),
      accepted_at: null,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .execute();
  return { email: user.email, token };
}

/** An open password-reset link for the user, as the reset e-mail would carry it; returns its token. */
export async function createPasswordReset(db: Db, userId: string): Promise<string> {
  const { hashSecret, newSecret } = await import('../../src/server/security/secrets.js');
  const { v7: uuidv7 } = await import('uuid');
  const token = newSecret();
  const now = new Date();
  await db
    .insertInto('password_reset')
    .values({
      id: uuidv7(),
      token_hash: hashSecret(token),
      user_id: userId,
      expires_at: new Date(now.getTime() + 3_600_000).toISOString(),
      used_at: null,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .execute();
  return token;
}

/**
 * Signs `browser` in as a new user with `role` who has passed two-factor authentication, and
 * returns the user. The session is made in the database: signing in is the accounts test's subject.
 */
export async function signIn(
  server: AccountsServer,
  browser: Browser,
  role: Role,
  options: { memberState?: string | undefined; partner?: string | undefined } = {},
): Promise<TestUser> {
  const { buildSession } = await import('../../src/server/testing/factories.js');
  const user = await createUser(server.db, {
    role,
    ...(options.memberState ? { memberState: options.memberState } : {}),
    ...(options.partner ? { partner: options.partner } : {}),
  });
  const cookie = await buildSession(server.db, user.id, { secondFactor: true });
  const [name, value] = cookie.split('=') as [string, string];
  await browser.context.addCookies([{ name, value, url: server.url }]);
  // The portal asks who is signed in only when it remembers signing in (signedInHint.ts).
  await browser.context.addInitScript(() => window.localStorage.setItem('mispa.signedIn', '1'));
  return user;
}
