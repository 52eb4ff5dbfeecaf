// The module's public face: all that app.ts, demo mode and other modules may import from it (docs/architecture.md).
export { pillarsRoutes } from './routes.js';
export { pillarsService } from './service.js';
