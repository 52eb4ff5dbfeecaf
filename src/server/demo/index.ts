import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { FilesConfig } from '../files/index.js';
import { loadDemoDocuments } from './documents.js';
import { loadDemoFollowUp } from './follow-up.js';
import { loadDemoMeetings } from './meeting.js';
import { prepareDemoUsers } from './users.js';

/**
 * Demo mode (MISPA_DEMO, --demo), loaded by the entry point alone before the app starts: the demo
 * users, then the demo meetings they act in, the outcome documents and their follow-up. Nothing else imports demo/, so no module knows of it.
 * Returns the lines `npm start` prints.
 */
export async function loadDemo(deps: {
  db: Kysely<Database>;
  clock: () => Date;
  files: FilesConfig;
  /** MISPA_DEMO_PASSWORD; a random one when null. */
  password: string | null;
}): Promise<string[]> {
  const lines = await prepareDemoUsers(deps);
  // After the demo users, who act in it: a MISPA IX with its agenda, delegations and a document.
  const meetings = await loadDemoMeetings(deps);
  // Then the outcome documents, one adopted at a concluded sample meeting and one negotiated at
  // MISPA IX, and the follow-up of the adopted one's recommendations.
  const documents = await loadDemoDocuments(deps);
  const followUp = await loadDemoFollowUp({ ...deps, sample: documents.sample });
  return [...lines, ...meetings.notes, ...documents.notes, ...followUp.notes];
}
