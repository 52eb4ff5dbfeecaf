import type { Page as ApiPage } from '../../src/contract/common.js';
import type { Meeting } from '../../src/contract/meetings.js';
import type { MemberState, TechnicalGroup } from '../../src/contract/reference.js';

async function list<T>(baseUrl: string, path: string, lang = 'en'): Promise<T[]> {
  const response = await fetch(`${baseUrl}/api/v1${path}?lang=${lang}&limit=100`);
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
  return ((await response.json()) as ApiPage<T>).items;
}

export type Journey = { meeting: Meeting; state: MemberState; group: TechnicalGroup };

/** A path through the reference data that the click-through can follow: a meeting whose host state
 * leads a technical group. Read from the API so the test follows the data rather than hard-coding it. */
export async function findJourney(baseUrl: string): Promise<Journey> {
  const [meetings, states, groups] = await Promise.all([
    list<Meeting>(baseUrl, '/meetings'),
    list<MemberState>(baseUrl, '/member-states'),
    list<TechnicalGroup>(baseUrl, '/technical-groups'),
  ]);
  for (const group of groups) {
    const meeting = meetings.find((m) => m.hostState && m.hostState.slug === group.leadState?.slug);
    const state = states.find((s) => s.slug === group.leadState?.slug);
    if (meeting && state) return { meeting, state, group };
  }
  throw new Error('The reference data has no meeting hosted by a state that leads a technical group.');
}

/** One real slug of each kind of detail page. */
export async function sampleSlugs(baseUrl: string) {
  const [meetings, documents, groups, states] = await Promise.all([
    list<{ slug: string }>(baseUrl, '/meetings'),
    list<{ slug: string }>(baseUrl, '/documents'),
    list<{ slug: string }>(baseUrl, '/technical-groups'),
    list<{ slug: string }>(baseUrl, '/member-states'),
  ]);
  const first = (items: { slug: string }[], what: string) => {
    if (!items[0]) throw new Error(`The reference data has no ${what}.`);
    return items[0].slug;
  };
  return {
    meeting: first(meetings, 'meeting'),
    document: first(documents, 'document'),
    group: first(groups, 'technical group'),
    state: first(states, 'member state'),
  };
}
