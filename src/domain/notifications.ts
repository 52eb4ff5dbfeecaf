/** Notifications: what the platform tells a user of, and how often by e-mail (issue 16). */

/** Each kind of event a user may be told of; the order is the account page's. */
export const NOTIFICATION_KINDS = [
  'delegation-submitted',
  'delegation-accredited',
  'delegation-returned',
  'change-decided',
  'minutes-shared',
  'meeting-convened',
  'registration-opened',
  'registration-closed',
  'document-added',
  'document-revised',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** How a kind reaches the user by e-mail: each at once, once a day together, or not at all (the
 * notice is in the platform whatever the choice). */
export const NOTIFICATION_FREQUENCIES = ['immediately', 'daily', 'never'] as const;
export type NotificationFrequency = (typeof NOTIFICATION_FREQUENCIES)[number];

/** What a kind nobody chose for is e-mailed as. */
export const DEFAULT_FREQUENCY: NotificationFrequency = 'immediately';
