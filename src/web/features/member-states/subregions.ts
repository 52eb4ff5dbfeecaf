import type { TFunction } from 'i18next';
import type { Subregion } from '../../../contract/reference.js';

/** The contract's SUBREGIONS in display order, copied so the browser bundle does not carry zod. */
export const SUBREGION_ORDER = [
  'north-america',
  'central-america',
  'caribbean',
  'south-america',
] as const satisfies readonly Subregion[];

export function isSubregion(value: unknown): value is Subregion {
  return typeof value === 'string' && (SUBREGION_ORDER as readonly string[]).includes(value);
}

export function subregionLabel(t: TFunction, subregion: Subregion): string {
  switch (subregion) {
    case 'north-america':
      return t('subregion.northAmerica');
    case 'central-america':
      return t('subregion.centralAmerica');
    case 'caribbean':
      return t('subregion.caribbean');
    case 'south-america':
      return t('subregion.southAmerica');
  }
}
