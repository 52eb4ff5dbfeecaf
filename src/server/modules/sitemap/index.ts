// The module's public face: all that app.ts, demo mode and other modules may import from it (docs/architecture.md).
export { sitemapRoutes } from './routes.js';
export { type MeetingTab, type MeetingTabsHeld, type SitemapService, sitemapService } from './service.js';
