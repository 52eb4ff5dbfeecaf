import type { Partner } from '../../../contract/partners.js';
import type { TFunction } from '../../i18n/translator.js';

/** Literal keys, so the catalog check sees each one; a kind added to src/domain is a type error here. */
const LABELS: Record<Partner['kind'], (t: TFunction) => string> = {
  'international-organisation': (t) => t('partners.kind.internationalOrganisation'),
  'development-bank': (t) => t('partners.kind.developmentBank'),
  government: (t) => t('partners.kind.government'),
  academia: (t) => t('partners.kind.academia'),
  'civil-society': (t) => t('partners.kind.civilSociety'),
};

export const partnerKindLabel = (t: TFunction, kind: Partner['kind']): string => LABELS[kind](t);
