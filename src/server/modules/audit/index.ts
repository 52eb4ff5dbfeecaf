// The module's public face: all that app.ts, demo mode and other modules may import from it (docs/architecture.md).
export { type AuditInput, recordAudit, withAuditKey } from './chain.js';
export { type AuditChange, type AuditFeed, type AuditFeedOptions, auditFeed } from './feed.js';
export { auditRoutes } from './routes.js';
export { auditService } from './service.js';
