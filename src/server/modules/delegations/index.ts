// The module's public face: all that app.ts, demo mode and other modules may import from it (docs/architecture.md).

export { type ChangeNoticeDeps, changeNotice } from './change-notice.js';
export { stateDelegationAt } from './delegation-at.js';
export { type PublishedService, publicAttendance, publishedService } from './published.js';
export { delegationsRoutes } from './routes.js';
export { type DelegationsService, delegationsService, registrationAbilities } from './service.js';
export { delegationsWorkspaceQueues } from './workspace.js';
