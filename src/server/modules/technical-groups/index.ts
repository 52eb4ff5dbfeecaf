// The module's public face: all that app.ts, demo mode and other modules may import from it (docs/architecture.md).
export { technicalGroupsRoutes } from './routes.js';
export { chairsOf, technicalGroupsService } from './service.js';
