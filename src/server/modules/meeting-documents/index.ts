// The public face of the module: what app.ts, demo mode and other modules may use.
export { meetingDocumentsRoutes } from './routes.js';
export {
  canReadDelegationDocuments,
  type MeetingDocumentsService,
  meetingDocumentsService,
} from './service.js';
