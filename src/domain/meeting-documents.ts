/**
 * Documents of a meeting: working and information documents, presentations and reports, each with
 * a symbol in the inter-American style (`OEA/Ser.K/XLIX.9 MISPA IX/doc.3/26`).
 */

/** In the order the documents page shows them. */
export const MEETING_DOCUMENT_CATEGORIES = ['working', 'information', 'presentation', 'report'] as const;
export type MeetingDocumentCategory = (typeof MEETING_DOCUMENT_CATEGORIES)[number];

export const MEETING_DOCUMENT_VISIBILITIES = ['public', 'delegations'] as const;
export type MeetingDocumentVisibility = (typeof MEETING_DOCUMENT_VISIBILITIES)[number];

export const MEETING_DOCUMENT_TITLE_MAX = 500;
