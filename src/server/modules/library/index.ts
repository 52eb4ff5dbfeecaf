// The module's public face: all that app.ts, demo mode and other modules may import from it (docs/architecture.md).
// The document library (issue 16): every documents area's documents in one list.
export { libraryRoutes } from './routes.js';
export { type LibraryArea, type LibraryService, libraryService } from './service.js';
