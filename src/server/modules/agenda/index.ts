// The public face of the module: what app.ts, demo mode and other modules may use.
export { agendaRoutes } from './routes.js';
export { type AgendaService, agendaService } from './service.js';
