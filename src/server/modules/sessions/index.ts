// The module's public face: all that app.ts, demo mode and other modules may import from it (docs/architecture.md).
export { revokeSessions } from './queries.js';
export { sessionsRoutes } from './routes.js';
export { sessionsService } from './service.js';
