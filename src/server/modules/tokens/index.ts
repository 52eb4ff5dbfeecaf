// The module's public face: all that app.ts, demo mode and other modules may import from it (docs/architecture.md).

export { revokeLiveTokens } from './queries.js';
export { tokensRoutes } from './routes.js';
export { tokensService } from './service.js';
