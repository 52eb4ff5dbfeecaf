/** Strategic partner organisations: their kinds, and the limits of what the secretariat types in. */

export const PARTNER_KINDS = [
  'international-organisation',
  'development-bank',
  'government',
  'academia',
  'civil-society',
] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

export const PARTNER_NAME_MAX = 200;
export const PARTNER_WEBSITE_MAX = 500;
export const PARTNER_SLUG_MAX = 60;
/** Logos are shown small on the partners page: a megabyte is plenty for any of PNG, JPEG, WebP. */
export const PARTNER_LOGO_MAX_BYTES = 1024 * 1024;
