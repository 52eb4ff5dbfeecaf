import type { Subregion } from '../../../contract/reference.js';
import type { TFunction } from '../../i18n/translator.js';

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
