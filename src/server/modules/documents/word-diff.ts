import { diffWordsWithSpace } from 'diff';
import type { DiffPart } from '../../../domain/negotiation.js';

/** The word-level differences from `before` to `after`, as parts in order: jsdiff's diffWordsWithSpace,
 * which keeps every space, so the parts always give both texts back (diffWords may drop one). Here and
 * not in src/domain, which the pages' bundle shares and which imports no library. */
export function wordDiff(before: string, after: string): DiffPart[] {
  return diffWordsWithSpace(before, after).map((change) => ({
    op: change.added ? 'added' : change.removed ? 'removed' : 'same',
    text: change.value,
  }));
}
