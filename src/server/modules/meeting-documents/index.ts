// The module's public face: all that app.ts, demo mode and other modules may import from it (docs/architecture.md).

// The document library's part of this area (issue 16).
export { type MeetingDocumentsLibrary, meetingDocumentsLibrary } from './library.js';
// The symbol machinery, for the outcome documents a meeting negotiates in the same `doc` series.
export { nextSequence, symbolMeeting } from './queries.js';
export { meetingDocumentsRoutes } from './routes.js';
export {
  canReadDelegationDocuments,
  documentsAbilities,
  type MeetingDocumentsService,
  meetingDocumentsService,
} from './service.js';
export { documentSymbol, meetingSymbol, revisionSymbol } from './symbols.js';
export { meetingDocumentsWorkspaceQueues } from './workspace.js';
