// The module's public face: all that app.ts, demo mode and other modules may import from it (docs/architecture.md).
export { documentsRoutes } from './routes.js';
export { documentsService } from './service.js';
