import type { SelectQueryBuilder } from 'kysely';
import type { Lang, LocalizedText } from '../../../contract/common.js';

/**
 * The document library's read model (issue 16): each documents area answers the rows of its
 * documents a reader may see, in this one shape, and the library module unions them. So each area
 * keeps its own visibility rule and its own tables, and neither knows the other.
 */
export interface LibraryRow {
  /** Which area the row comes from. */
  source: 'meeting-document' | 'outcome-document';
  id: string;
  meeting_id: string;
  /** A meeting document's category, or `outcome` for an outcome document. */
  kind: string;
  /** The symbol it goes by now (a meeting document's latest revision), or null. */
  symbol: string | null;
  /** The symbol, or '' when none, to sort on. */
  symbol_key: string;
  /** 1 when it has no symbol: such rows sort after the others by symbol. */
  symbol_missing: number;
  /** YYYY-MM-DD, or '' when no date is recorded. */
  date: string;
}

/** What each area narrows its own rows by (the rest is filtered on the union). */
export interface LibraryAreaFilters {
  language?: Lang | undefined;
  pillarId?: string | undefined;
}

// biome-ignore lint/suspicious/noExplicitAny: the union is made of two areas' queries over their own tables
export type LibraryQuery = SelectQueryBuilder<any, any, LibraryRow>;

/** What an area tells the library of its rows once the page is cut: by id. */
export interface LibraryDetails {
  title: LocalizedText | null;
  /** Languages the reader can have it in: a meeting document's files, an outcome document's whole text. */
  languages: Lang[];
  /** An outcome document's slug, type and status; null for a meeting document. */
  slug: string | null;
  type: string | null;
  status: string | null;
}
