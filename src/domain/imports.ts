/**
 * Limits every import of a file (observatory values, follow-up items) shares: the 50 MB,
 * the most rows read, and how many row errors a refusal lists.
 */

/** The largest file an import takes; a larger one is refused with 413 as its bytes arrive. */
export const IMPORT_MAX_BYTES = 50 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 200_000;
/** How many row errors a refused import lists: enough to fix a file, not a wall of text. */
export const IMPORT_ERRORS_LISTED = 100;
/** How many of the rows an import reads its preview lists (the counts are complete). */
export const IMPORT_ROWS_LISTED = 500;
