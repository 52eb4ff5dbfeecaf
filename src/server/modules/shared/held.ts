import { isHeld, type MeetingStatus } from '../../../domain/meetings.js';
import { ConflictError } from '../../http/problems.js';

/**
 * The outcomes of a meeting — its minutes and report shared or made final, its decisions, a
 * document adopted — are settled once it is held (`isHeld`); before, only by an override the
 * caller asks for (`override: true`) and may make (`requireOverride`, a 401/403 otherwise), audited
 * as such (`settledAction`), as a frozen agenda is edited.
 */
export function requireHeld(
  meeting: { status: MeetingStatus },
  override: boolean | undefined,
  requireOverride: () => unknown,
): void {
  if (isHeld(meeting.status)) return;
  if (!override) throw new ConflictError('meeting.notHeld', { status: meeting.status }, undefined, undefined);
  requireOverride();
}

/** The trail's action of a settling write: `<area>.override.<op>` when made before the meeting is
 * held, easy to find and review. */
export const settledAction = <Area extends string, Op extends string>(
  meeting: { status: MeetingStatus },
  area: Area,
  op: Op,
) => (isHeld(meeting.status) ? (`${area}.${op}` as const) : (`${area}.override.${op}` as const));

/** A settling action's part of a `can`: `now` when `may` holds and the meeting is held, `override`
 * when it is not held yet and the reader may also make the override. */
export function settleAbilities(meeting: { status: MeetingStatus }, may: boolean, mayOverride: () => boolean) {
  const held = isHeld(meeting.status);
  return { now: may && held, override: may && !held && mayOverride() };
}
