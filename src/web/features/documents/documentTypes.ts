import type { TFunction } from 'i18next';
import type { Document } from '../../../contract/reference.js';

export function documentTypeLabel(t: TFunction, type: Document['type']): string {
  switch (type) {
    case 'commitment':
      return t('documents.type.commitment');
    case 'consensus':
      return t('documents.type.consensus');
    case 'recommendations':
      return t('documents.type.recommendations');
    case 'institutional-document':
      return t('documents.type.institutional');
  }
}
