// The public face of the module: what app.ts, demo mode and other modules may use.
export { type PublishedService, publishedService } from './published.js';
export { delegationsRoutes } from './routes.js';
export { type DelegationsService, delegationsService } from './service.js';
