// The module's public face: all that app.ts, demo mode and other modules may import from it (docs/architecture.md).
export { sourcesRoutes } from './routes.js';
export { sourcesService } from './service.js';
