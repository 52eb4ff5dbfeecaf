import type { TFunction } from '../../i18n/translator.js';

/** The fact a source supports, in the reader's language. The data names facts by field; a field
 * without a label here is simply not shown, the source's note still says what was read. */
export function sourceFieldLabel(t: TFunction, field: string | null): string | null {
  switch (field) {
    case 'acronym':
      return t('sources.fields.acronym');
    case 'adoptedOn':
      return t('sources.fields.adoptedOn');
    case 'chairs':
      return t('sources.fields.chairs');
    case 'city':
      return t('sources.fields.city');
    case 'dates':
      return t('sources.fields.dates');
    case 'description':
      return t('sources.fields.description');
    case 'footnotes':
      return t('sources.fields.footnotes');
    case 'iso':
      return t('sources.fields.iso');
    case 'meeting':
      return t('sources.fields.meeting');
    case 'membership':
      return t('sources.fields.membership');
    case 'name':
      return t('sources.fields.name');
    case 'origin':
      return t('sources.fields.origin');
    case 'outcomes':
      return t('sources.fields.outcomes');
    case 'role':
      return t('sources.fields.role');
    case 'text':
      return t('sources.fields.text');
    case 'title':
      return t('sources.fields.title');
    default:
      return null;
  }
}
