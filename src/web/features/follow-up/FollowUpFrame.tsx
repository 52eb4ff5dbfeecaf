import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import type { Cycle } from '../../../contract/follow-up.js';
import type { Document, MemberState, Pillar } from '../../../contract/reference.js';
import { useTranslation } from '../../i18n/react.js';
import { useDocuments } from '../documents/queries.js';
import { useMemberStates } from '../member-states/queries.js';
import { usePillars } from '../pillars/queries.js';
import { LangLink } from '../shared/LangLink.js';
import { PageHeader } from '../shared/PageHeader.js';
import { PageMeta } from '../shared/PageMeta.js';
import { QueryState } from '../shared/QueryState.js';
import { chosenCycle } from './cycles.js';
import { useCycles } from './queries.js';
import './follow-up.css';

/** What the matrix and the rates read besides their own figures: the cycles, the one chosen in
 * the address, and the names of the states, pillars and documents. */
export interface FollowUpContext {
  cycles: Cycle[];
  cycle: Cycle;
  states: MemberState[];
  pillars: Pillar[];
  documents: Document[];
}

/** A document as the follow-up names it: its title, else its symbol. */
export const documentTitle = (d: Document) => d.title?.text ?? d.symbol ?? d.slug;

/** A page of the follow-up about one cycle: its header, then `children` once what it reads is there. */
export function FollowUpFrame({
  title,
  description,
  lead,
  children,
}: {
  title: string;
  description: string;
  lead: string;
  children: (context: FollowUpContext) => ReactNode;
}) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const cycles = useCycles();
  const states = useMemberStates();
  const pillars = usePillars();
  const documents = useDocuments();
  return (
    <>
      <PageMeta title={title} description={description} />
      <PageHeader
        kicker={<LangLink to="/follow-up">{t('followUp.public.title')}</LangLink>}
        title={title}
        lead={lead}
      />
      <div className="container page-body follow-up">
        <QueryState query={cycles}>
          {(list) => {
            const cycle = chosenCycle(list.items, params.get('cycle'));
            if (cycle === undefined) return <p className="empty">{t('followUp.public.noCycles')}</p>;
            return (
              <QueryState query={states}>
                {(memberStates) => (
                  <QueryState query={pillars}>
                    {(pillarList) => (
                      <QueryState query={documents}>
                        {(documentList) =>
                          children({
                            cycles: list.items,
                            cycle,
                            states: memberStates,
                            pillars: pillarList,
                            documents: documentList,
                          })
                        }
                      </QueryState>
                    )}
                  </QueryState>
                )}
              </QueryState>
            );
          }}
        </QueryState>
      </div>
    </>
  );
}
