// The module's public face: all that app.ts, demo mode and other modules may import from it (docs/architecture.md).

export { decisionsService } from './decisions-service.js';
export { meetingRecordsRoutes } from './routes.js';
export { meetingRecordsService, recordsAbilities } from './service.js';
export { meetingRecordsWorkspaceQueues } from './workspace.js';
