import type { OutcomeDocument } from '../../src/contract/outcome-documents.js';
import type { apiCaller } from './accounts.js';

/** Steps the negotiation walks share, through the API: the text and the delegations they start from. */

type Caller = Awaited<ReturnType<typeof apiCaller>>;

/** A text of `meeting` drafted by `chair` with the given paragraphs, then opened for negotiation. */
export async function textUnderNegotiation(
  chair: Caller,
  meeting: string,
  draft: { type: string; titles: Record<string, string>; paragraphs: ReadonlyArray<readonly [string, string]> },
): Promise<OutcomeDocument> {
  let doc = await chair<OutcomeDocument>('POST', '/documents', {
    meeting,
    type: draft.type,
    titles: draft.titles,
    originalLang: 'en',
  });
  for (const [kind, text] of draft.paragraphs)
    doc = await chair('POST', `/documents/${doc.id}/nodes`, { version: doc.version, kind, text });
  return chair('POST', `/documents/${doc.id}/status`, { version: doc.version, status: 'under-negotiation' });
}

/** A delegation (its head only, not submitted) of each state at `meeting`, registered by its focal point. */
export async function delegationsOf(focalPoint: (state: string) => Promise<Caller>, meeting: string, states: string[]) {
  const { HEAD } = await import('../../src/server/modules/delegations/testing.js');
  for (const state of states)
    await (await focalPoint(state))('POST', `/meetings/${meeting}/delegations`, {
      category: 'delegation',
      memberState: state,
      participants: [HEAD],
      submit: false,
    });
}
