import type { Kysely } from 'kysely';
import type { Lang } from '../../../contract/common.js';
import { LANGS } from '../../../domain/languages.js';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../../policy/actor.js';
import { canReadDrafts } from '../meetings/index.js';
import type { LibraryAreaFilters, LibraryDetails } from '../shared/library.js';
import { libraryRows, newestLanguagesOf, originalLangsOf, titlesOf } from './queries.js';
import { canReadDelegationDocuments } from './service.js';

/** This area's part of the document library (`modules/shared/library.ts`): its rows, seen as the
 * meeting's documents page sees them, and the title and languages of those on a page. */
export function meetingDocumentsLibrary({ db }: { db: Kysely<Database> }) {
  return {
    rows: (actor: Actor, filters: LibraryAreaFilters) =>
      libraryRows(db, { drafts: canReadDrafts(actor), delegations: canReadDelegationDocuments(actor) }, filters),

    async details(ids: readonly string[], lang: Lang): Promise<Map<string, LibraryDetails>> {
      const [titles, languages, originals] = await Promise.all([
        titlesOf(db, ids),
        newestLanguagesOf(db, ids),
        originalLangsOf(db, ids),
      ]);
      return new Map(
        originals.map((row) => {
          const given = titles.get(row.id) ?? {};
          // As the meeting's page names it: the reader's language, else the original, else any.
          const titleLang = [lang, row.original_lang as Lang, ...LANGS].find((l) => given[l] !== undefined);
          const title = titleLang ? { text: given[titleLang] ?? '', lang: titleLang, official: true } : null;
          return [row.id, { title, languages: languages.get(row.id) ?? [], slug: null, type: null, status: null }];
        }),
      );
    },
  };
}
export type MeetingDocumentsLibrary = ReturnType<typeof meetingDocumentsLibrary>;
