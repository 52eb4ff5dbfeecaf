import type { TrendFlag } from '../../../domain/trends.js';
import type { TFunction } from '../../i18n/translator.js';

export function trendFlagLabel(t: TFunction, flag: TrendFlag): string {
  switch (flag) {
    case 'significant-rise':
      return t('observatory.flags.rise');
    case 'significant-fall':
      return t('observatory.flags.fall');
    case 'no-significant-trend':
      return t('observatory.flags.none');
    case 'not-enough-data':
      return t('observatory.flags.notEnoughData');
  }
}

/** The indicator's unit in the reader's language; a unit the catalogue adds later shows as it is. */
export function unitLabel(t: TFunction, unit: string): string {
  return unit === 'per-100000-inhabitants' ? t('observatory.units.per100000') : unit;
}
