// The module's public face: all that app.ts, demo mode and other modules may import from it (docs/architecture.md).
export { meetingDocumentOf, nextPosition, writeOrder } from './queries.js';
export { agendaRoutes } from './routes.js';
export { type AgendaService, agendaAbilities, agendaService } from './service.js';
