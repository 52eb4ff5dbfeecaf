// The module's public face: all that app.ts, demo mode and other modules may import from it (docs/architecture.md).

export { workspaceRoutes } from './routes.js';
export { SITTING_MS, type WorkspaceService, workspaceService } from './service.js';
