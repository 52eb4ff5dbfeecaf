// The module's public face: all that app.ts, demo mode and other modules may import from it (docs/architecture.md).

export { type RegionalBriefs, regionalBriefs } from './briefs.js';
export { observatoryRoutes } from './routes.js';
export { type ObservatoryService, observatoryService } from './service.js';
