import type { Lang } from '../../../contract/common.js';
import type { MeetingDocumentCategory } from '../../../contract/meeting-documents.js';
import type { TFunction } from '../../i18n/translator.js';

// Literal keys, so the catalog check finds every one of them.

/** The heading of a category's section ("Working documents"). */
export function categoryHeading(t: TFunction, category: MeetingDocumentCategory): string {
  switch (category) {
    case 'working':
      return t('meetingDocuments.categories.working');
    case 'information':
      return t('meetingDocuments.categories.information');
    case 'presentation':
      return t('meetingDocuments.categories.presentation');
    case 'report':
      return t('meetingDocuments.categories.report');
  }
}

/** A category as one document of it ("Working document"), for the form. */
export function categoryName(t: TFunction, category: MeetingDocumentCategory): string {
  switch (category) {
    case 'working':
      return t('meetingDocuments.category.working');
    case 'information':
      return t('meetingDocuments.category.information');
    case 'presentation':
      return t('meetingDocuments.category.presentation');
    case 'report':
      return t('meetingDocuments.category.report');
  }
}

const FORMATS: Record<string, string> = {
  'application/pdf': 'PDF',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PPTX',
  'application/vnd.oasis.opendocument.text': 'ODT',
};

/** "PDF", "DOCX"… from the detected media type. */
export function formatOf(mediaType: string): string {
  return FORMATS[mediaType] ?? mediaType;
}

/** A file size in the reader's language: "120 kB", "2,4 MB". */
export function formatSize(bytes: number, reader: Lang): string {
  const mb = bytes >= 1_000_000;
  return new Intl.NumberFormat(reader, {
    style: 'unit',
    unit: mb ? 'megabyte' : 'kilobyte',
    unitDisplay: 'short',
    maximumFractionDigits: mb ? 1 : 0,
  }).format(mb ? bytes / 1_000_000 : Math.max(1, bytes / 1000));
}
