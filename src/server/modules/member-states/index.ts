// The module's public face: all that app.ts, demo mode and other modules may import from it (docs/architecture.md).
export { memberStatesRoutes } from './routes.js';
export { memberStatesService } from './service.js';
