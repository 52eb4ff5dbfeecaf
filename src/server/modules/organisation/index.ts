// The module's public face: all that app.ts, demo mode and other modules may import from it (docs/architecture.md).
export { organisationRoutes } from './routes.js';
export { organisationService } from './service.js';
