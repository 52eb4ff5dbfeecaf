// The public face of the module: what app.ts, demo mode and other modules may use.
export { recordAudit } from './chain.js';
export { auditRoutes } from './routes.js';
export { auditService } from './service.js';
