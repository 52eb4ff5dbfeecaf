import { v7 as uuidv7 } from 'uuid';
import type { Role } from '../../contract/accounts.js';
import type { Lang } from '../../contract/common.js';

/** A grant as policies read it: bound by id to what it is bound to. */
export interface ActorGrant {
  id: string;
  role: Role;
  memberStateId: string | null;
  technicalGroupId: string | null;
  partnerId: string | null;
}

/** Who is making a request: the public, or a signed-in user (by session cookie or API token). */
export type Actor =
  | { kind: 'public' }
  | {
      kind: 'user';
      userId: string;
      email: string;
      displayName: string;
      lang: Lang;
      grants: ActorGrant[];
      demo: boolean;
      /** The user turned two-factor on (app_user.totp_enabled_at): then every session must pass it,
       * whatever the roles. Absent counts as off. */
      twoFactorEnabled?: boolean;
      /** A session id, or the id of the API token used; `expiresAt` (ISO), when known: the moment
       * the credential lapses unless used again (a session's idle expiry, capped by its absolute
       * one; a token's expiry), so what lasts, such as a live stream, can end then on its own. */
      credential:
        | { type: 'session'; id: string; secondFactor: boolean; expiresAt?: string }
        | { type: 'token'; id: string; scope: 'read' | 'write'; expiresAt?: string };
    };

export const PUBLIC: Actor = { kind: 'public' };

/** Everything a state-changing use case needs to know about the request besides its input. */
export interface RequestContext {
  actor: Actor;
  requestId: string;
  ip: string | null;
  lang: Lang;
}

/** What `npm start` does itself (first-run setup, demo mode), recorded as done by the public. */
export const startupContext = (): RequestContext => ({
  actor: PUBLIC,
  requestId: `startup-${uuidv7()}`,
  ip: null,
  lang: 'en',
});
