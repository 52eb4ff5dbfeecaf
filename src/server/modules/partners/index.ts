// The module's public face: all that app.ts, demo mode and other modules may import from it (docs/architecture.md).
export { ensurePlatformPartner } from './queries.js';
export { partnersRoutes } from './routes.js';
export { partnerNamesIn, partnersService } from './service.js';
