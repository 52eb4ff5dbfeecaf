/**
 * Delegations to a meeting and the published list of participants. A delegation is a member
 * state's (category `delegation`), a partner's or another organisation's (`observer`), or an entry
 * of the secretariat's own (`secretariat`, `press`, `guest`).
 */

/** In the order the published list and the forms show them. */
export const PARTICIPANT_CATEGORIES = ['delegation', 'observer', 'secretariat', 'press', 'guest'] as const;
export type ParticipantCategory = (typeof PARTICIPANT_CATEGORIES)[number];

export const PARTICIPANT_ROLES = ['head', 'alternate', 'adviser', 'member'] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

export const DELEGATION_STATUSES = ['draft', 'submitted', 'accredited', 'returned'] as const;
export type DelegationStatus = (typeof DELEGATION_STATUSES)[number];

/** Who reads a category of the published list: everyone, the delegations only, or no one. */
export const VISIBILITIES = ['public', 'delegations', 'hidden'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export type ParticipantVisibility = Record<ParticipantCategory, Visibility>;

export const DEFAULT_VISIBILITY: ParticipantVisibility = {
  delegation: 'public',
  observer: 'public',
  secretariat: 'public',
  press: 'delegations',
  guest: 'hidden',
};

/** Upper bounds keep one request, one audit entry and one printed page list reasonable. */
export const MAX_PARTICIPANTS = 100;
export const TEXT_MAX = 200;
export const REASON_MAX = 2000;
