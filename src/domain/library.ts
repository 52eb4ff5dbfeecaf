import { MEETING_DOCUMENT_CATEGORIES } from './meeting-documents.js';

/** The document library (issue 16): every document a reader may see across meetings. */

/** What a document of the library is: a meeting document's category, or an outcome document. */
export const LIBRARY_KINDS = [...MEETING_DOCUMENT_CATEGORIES, 'outcome'] as const;
export type LibraryKind = (typeof LIBRARY_KINDS)[number];

/** The library's orders: newest first, or by symbol (documents without one last). */
export const LIBRARY_SORTS = ['date', 'symbol'] as const;
export type LibrarySort = (typeof LIBRARY_SORTS)[number];
