import type { Delegation, ParticipantInput } from '../../../contract/delegations.js';
import { useTranslation } from '../../i18n/react.js';
import { useLang } from '../shared/useLang.js';
import { statusLabel } from './labels.js';

/** The fields of a participant the form edits, in a comparable shape. */
const key = (p: ParticipantInput) =>
  JSON.stringify([p.role, p.name, p.title ?? null, p.institution ?? null, p.email ?? null]);

/** Whether two participant lists say the same, in the same order. */
export const sameParticipants = (a: readonly ParticipantInput[], b: readonly ParticipantInput[]) =>
  a.length === b.length && a.every((p, i) => key(p) === key(b[i] as ParticipantInput));

/**
 * What someone else changed in a registration since the form read it (`read`), for the conflict
 * alert (shared/ConflictAlert): the participants added, removed or changed (by name) and a new
 * status. None without a conflict (`current` null).
 */
export function useRegistrationChanges(read: Delegation | null, current: Delegation | null): string[] {
  const { t } = useTranslation();
  const names = new Intl.ListFormat(useLang(), { type: 'conjunction' });
  if (!read || !current) return [];
  const named = (list: readonly ParticipantInput[], name: string) => list.find((p) => p.name === name);
  const added = current.participants.filter((p) => !named(read.participants, p.name));
  const removed = read.participants.filter((p) => !named(current.participants, p.name));
  const changed = current.participants.filter((p) => {
    const before = named(read.participants, p.name);
    return before !== undefined && key(before) !== key(p);
  });
  return [
    added.length > 0 && t('delegations.conflict.added', { names: names.format(added.map((p) => p.name)) }),
    removed.length > 0 && t('delegations.conflict.removed', { names: names.format(removed.map((p) => p.name)) }),
    changed.length > 0 && t('delegations.conflict.changed', { names: names.format(changed.map((p) => p.name)) }),
    current.status !== read.status && t('delegations.conflict.status', { status: statusLabel(t, current.status) }),
  ].filter((line): line is string => Boolean(line));
}
