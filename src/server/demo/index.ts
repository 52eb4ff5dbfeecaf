import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { FilesConfig } from '../files/index.js';
import { loadDemoMeetings } from './meeting.js';
import { prepareDemoUsers } from './users.js';

/**
 * Demo mode (MISPA_DEMO, --demo), loaded by the entry point alone before the app starts: the demo
 * users, then the demo meeting they act in. Nothing else imports demo/, so no module knows of it.
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
  return [...lines, ...meetings.notes];
}
