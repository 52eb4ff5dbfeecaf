import { ConflictError } from '../../http/problems.js';

/** The 409 for a write that named another version than the current one: it carries the current
 * record, so the client can show what changed instead of overwriting it. */
export const stale = (sent: number, current: { version: number; [field: string]: unknown }) =>
  new ConflictError(
    'delegation.stale',
    { sent: String(sent), current: String(current.version) },
    current.version,
    current,
  );
