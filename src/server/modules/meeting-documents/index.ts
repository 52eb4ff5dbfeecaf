// The module's public face: all that app.ts, demo mode and other modules may import from it (docs/architecture.md).
export { meetingDocumentsRoutes } from './routes.js';
export {
  canReadDelegationDocuments,
  documentsAbilities,
  type MeetingDocumentsService,
  meetingDocumentsService,
} from './service.js';
