// The public face of the module: what app.ts, demo mode and other modules may use.
export { ensurePlatformPartner } from './queries.js';
export { partnersRoutes } from './routes.js';
export { partnersService } from './service.js';
