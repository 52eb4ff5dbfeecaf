import { useDocuments } from '../documents/queries.js';
import { useMeetings } from '../meetings/queries.js';
import { useMemberStates } from '../member-states/queries.js';
import { useNetworks } from '../networks/queries.js';
import { useObjectives, usePillars } from '../pillars/queries.js';
import { useTeam } from '../team/queries.js';
import { useTechnicalGroups } from '../technical-groups/queries.js';
import type { RecordType } from './recordTypes.js';

export type RecordNames = Map<string, string>;

export function recordKey(type: RecordType | null, slug: string): string {
  return `${type ?? 'other'}:${slug}`;
}

/** The readable name of every record, in the page's language, so sources can be listed by what they
 * support rather than by slug. While a list is loading its records show their slugs. */
export function useRecordNames(): RecordNames {
  const objectives = useObjectives().data ?? [];
  const pillars = usePillars().data ?? [];
  const states = useMemberStates().data ?? [];
  const meetings = useMeetings().data ?? [];
  const documents = useDocuments().data ?? [];
  const groups = useTechnicalGroups().data ?? [];
  const networks = useNetworks().data ?? [];
  const team = useTeam().data ?? [];
  const names: RecordNames = new Map();
  const add = (type: RecordType, slug: string, name: string) => names.set(recordKey(type, slug), name);
  for (const item of objectives) add('objective', item.code, item.text.text);
  for (const item of pillars) add('pillar', item.code, item.name.text);
  for (const item of states) add('member-state', item.slug, item.name.text);
  for (const item of meetings) add('meeting', item.slug, `${item.shortName} — ${item.name.text}`);
  for (const item of documents) add('document', item.slug, item.title?.text ?? item.symbol ?? item.slug);
  for (const item of groups) add('technical-group', item.slug, item.name.text);
  for (const item of networks) add('network', item.slug, item.name.text);
  for (const item of team) add('team-member', item.slug, item.name);
  return names;
}
