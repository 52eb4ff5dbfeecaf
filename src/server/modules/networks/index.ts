// The module's public face: all that app.ts, demo mode and other modules may import from it (docs/architecture.md).
export { networksRoutes } from './routes.js';
export { networksService } from './service.js';
