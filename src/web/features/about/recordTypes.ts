import type { TFunction } from '../../i18n/translator.js';

/** The kinds of record that carry sources, in the order the about page lists them. The server names
 * them after its tables (`member_state`); hyphens and underscores are treated alike. */
export const RECORD_TYPES = [
  'objective',
  'pillar',
  'member-state',
  'meeting',
  'document',
  'technical-group',
  'network',
  'team-member',
  'partner',
] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/** Kinds numbered in an order of their own (objective 1, pillar 1, ...); every other kind is listed by
 * name in the reader's language. */
export const NUMBERED_TYPES: readonly (RecordType | null)[] = ['objective', 'pillar'];

export function normaliseRecordType(entityType: string): RecordType | null {
  const type = entityType.replaceAll('_', '-');
  return (RECORD_TYPES as readonly string[]).includes(type) ? (type as RecordType) : null;
}

export function recordTypeLabel(t: TFunction, type: RecordType | null): string {
  switch (type) {
    case 'objective':
      return t('about.types.objectives');
    case 'pillar':
      return t('about.types.pillars');
    case 'member-state':
      return t('about.types.memberStates');
    case 'meeting':
      return t('about.types.meetings');
    case 'document':
      return t('about.types.documents');
    case 'technical-group':
      return t('about.types.technicalGroups');
    case 'network':
      return t('about.types.networks');
    case 'team-member':
      return t('about.types.team');
    case 'partner':
      return t('about.types.partners');
    case null:
      return t('about.types.other');
  }
}

/** Where a record is shown in the portal; objectives live on the home page, people on the team page. */
export function recordPath(type: RecordType | null, slug: string): string | null {
  switch (type) {
    case 'objective':
      return '/';
    case 'pillar':
      return `/pillars#pillar-${slug}`;
    case 'member-state':
      return `/member-states/${slug}`;
    case 'meeting':
      return `/meetings/${slug}`;
    case 'document':
      return `/documents/${slug}`;
    case 'technical-group':
      return `/technical-groups/${slug}`;
    case 'network':
      return `/networks#network-${slug}`;
    case 'team-member':
    case 'partner':
      return '/team';
    case null:
      return null;
  }
}
