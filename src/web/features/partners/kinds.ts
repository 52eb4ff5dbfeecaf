import type { TFunction } from 'i18next';
import type { Partner } from '../../../contract/partners.js';

/** The contract's PARTNER_KINDS; imported as a value it would pull zod into the browser bundle.
 * The Record below makes a kind added to the contract a type error here. */
const LABELS: Record<Partner['kind'], (t: TFunction) => string> = {
  'international-organisation': (t) => t('partners.kind.internationalOrganisation'),
  'development-bank': (t) => t('partners.kind.developmentBank'),
  government: (t) => t('partners.kind.government'),
  academia: (t) => t('partners.kind.academia'),
  'civil-society': (t) => t('partners.kind.civilSociety'),
};

export const PARTNER_KINDS = Object.keys(LABELS) as Array<Partner['kind']>;

export const partnerKindLabel = (t: TFunction, kind: Partner['kind']): string => LABELS[kind](t);

/** Logos above this are refused by the server too (contract PARTNER_LOGO_MAX_BYTES). */
export const LOGO_MAX_BYTES = 1024 * 1024;
