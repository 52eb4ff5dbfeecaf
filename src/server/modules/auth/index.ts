// The module's public face: all that app.ts, demo mode and other modules may import from it (docs/architecture.md).
export { accountRoutes } from './account-routes.js';
export { accountService } from './account-service.js';
export { DEFAULT_PUBLIC_URL, INVITATION_DAYS, type LinkDeps, tokenLink, useOnce } from './links.js';
export { assertAcceptablePassword, passwordFault } from './passwords.js';
export {
  endAccountAccess,
  expireInvitations,
  expireSetupTokens,
  findInvitation,
  findSetupToken,
  insertInvitationRow,
  insertSetupToken,
  setPassword,
  setSetupTokenUser,
} from './queries.js';
export { passwordResetRoutes } from './reset-routes.js';
export { passwordResetService } from './reset-service.js';
export { authRoutes } from './routes.js';
export { actorGrantsOf, authService } from './service.js';
export { type SessionMemoryOptions, sessionMemory } from './session-memory.js';
