import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { Me } from '../../../contract/accounts.js';
import type { Cycle, FollowUpItem, Report } from '../../../contract/follow-up.js';
import type { MemberState } from '../../../contract/reference.js';
import type { ReviewDecision } from '../../../domain/follow-up.js';
import { useTranslation } from '../../i18n/react.js';
import { TableWrap } from '../account/TableWrap.js';
import { useMemberStates } from '../member-states/queries.js';
import { formatDate, formatNumber } from '../shared/format.js';
import { FormStatus } from '../shared/forms.js';
import { LangLink } from '../shared/LangLink.js';
import { QueryState } from '../shared/QueryState.js';
import { useLang } from '../shared/useLang.js';
import { ImportItems } from './ImportItems.js';
import { decidedLabel, reportStateLabel, statusLabel } from './labels.js';
import { OpenCycleForm } from './OpenCycleForm.js';
import { type Slot, useCycles, useItems, useReports, useReportsChanged } from './queries.js';
import { ReportEditor } from './ReportEditor.js';
import { PublishChoice, ReportView, ReviewForm } from './ReportView.js';
import './reporting.css';

const pagePath = (params: Record<string, string>) => `/follow-up/reporting?${new URLSearchParams(params)}`;

/**
 * The reporting screens, one page whose address names what is open: the cycles (and, for the
 * secretariat, the form that opens one); a cycle (`?cycle=`), with the reports the reader may see
 * and, for a focal point, their state's items; one report (`&item=&state=`), written by the state,
 * reviewed by the secretariat.
 */
export function Reporting({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const cycles = useCycles();
  const items = useItems();
  const states = useMemberStates();
  if (!me.can.manageFollowUp && !me.can.reportFollowUp) {
    return <p className="notice">{t('followUp.reporting.notForYou')}</p>;
  }
  const cycleId = params.get('cycle');
  return (
    <QueryState query={cycles}>
      {(cycleList) => (
        <QueryState query={items}>
          {(itemList) => (
            <QueryState query={states}>
              {(stateList) => {
                const cycle = cycleId ? cycleList.items.find((c) => c.id === cycleId) : undefined;
                if (cycleId && !cycle) return <p className="notice">{t('followUp.reporting.noSuchCycle')}</p>;
                if (cycle) {
                  return (
                    <CycleView
                      me={me}
                      cycle={cycle}
                      items={itemList.items.filter((i) => cycle.items.includes(i.id))}
                      states={stateList}
                      item={params.get('item')}
                      state={params.get('state')}
                    />
                  );
                }
                return <Cycles me={me} cycles={cycleList.items} items={itemList.items} states={stateList} />;
              }}
            </QueryState>
          )}
        </QueryState>
      )}
    </QueryState>
  );
}

function Progress({ cycle }: { cycle: Cycle }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { expected, submitted, accepted } = cycle.progress;
  const label = t('followUp.reporting.progressText', {
    submitted: formatNumber(submitted, lang),
    expected: formatNumber(expected, lang),
    accepted: formatNumber(accepted, lang),
  });
  return (
    <span className="cycle-progress">
      <progress max={Math.max(expected, 1)} value={submitted} aria-label={label} /> {label}
    </span>
  );
}

function Cycles({
  me,
  cycles,
  items,
  states,
}: {
  me: Me;
  cycles: Cycle[];
  items: FollowUpItem[];
  states: MemberState[];
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [params, setParams] = useSearchParams();
  return (
    <>
      <section className="stack">
        <h2>{t('followUp.reporting.cycles')}</h2>
        {cycles.length === 0 ? (
          <p>{t('followUp.reporting.noCycles')}</p>
        ) : (
          <TableWrap label={t('followUp.reporting.cycles')}>
            <table className="data-table">
              <caption className="visually-hidden">{t('followUp.reporting.cycles')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('followUp.reporting.cycleColumn')}</th>
                  <th scope="col">{t('followUp.reporting.opensOn')}</th>
                  <th scope="col">{t('followUp.reporting.deadline')}</th>
                  <th scope="col">{t('followUp.reporting.progress')}</th>
                </tr>
              </thead>
              <tbody>
                {cycles.map((cycle) => (
                  <tr key={cycle.id}>
                    <th scope="row">
                      <LangLink to={pagePath({ cycle: cycle.id })} lang={cycle.name.lang}>
                        {cycle.name.text}
                      </LangLink>
                    </th>
                    <td>{formatDate(cycle.opensOn, lang)}</td>
                    <td>{formatDate(cycle.deadline, lang)}</td>
                    <td>
                      <Progress cycle={cycle} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>
      {me.can.manageFollowUp && (
        <section className="stack">
          <h2>{t('followUp.reporting.openCycle')}</h2>
          <OpenCycleForm items={items} states={states} onOpened={(cycle) => setParams({ cycle: cycle.id })} />
        </section>
      )}
      {me.can.manageFollowUp && <ImportItems preset={params.get('document')} />}
    </>
  );
}

function CycleView({
  me,
  cycle,
  items,
  states,
  item,
  state,
}: {
  me: Me;
  cycle: Cycle;
  items: FollowUpItem[];
  states: MemberState[];
  item: string | null;
  state: string | null;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const reports = useReports(cycle.id);
  const nameOf = (slug: string) => states.find((s) => s.slug === slug)?.name.text ?? slug.toUpperCase();
  const itemOf = (id: string) => items.find((i) => i.id === id);
  const numberOf = (id: string) => itemOf(id)?.number ?? '';
  const stateLabel = (report: Report | undefined) =>
    report ? reportStateLabel(t, report.reportState) : t('followUp.reporting.notStarted');
  const statusOf = (report: Report | undefined) => (report?.status ? statusLabel(t, report.status) : '—');
  return (
    <div className="stack">
      <p>
        <LangLink to="/follow-up/reporting">{t('followUp.reporting.allCycles')}</LangLink>
      </p>
      <h2 lang={cycle.name.lang}>{cycle.name.text}</h2>
      <p>
        {t('followUp.reporting.dates', {
          opensOn: formatDate(cycle.opensOn, lang),
          deadline: formatDate(cycle.deadline, lang),
        })}
      </p>
      <p>
        <Progress cycle={cycle} />
      </p>
      <QueryState query={reports}>
        {(list) => {
          const find = (itemId: string, slug: string) =>
            list.items.find((r) => r.item === itemId && r.state.slug === slug);
          const selected = item && state && items.some((i) => i.id === item) && cycle.states.includes(state);
          return (
            <>
              {cycle.reportFor.map((slug) => (
                <section key={slug} className="stack">
                  <h2>{t('followUp.reporting.stateReports', { state: nameOf(slug) })}</h2>
                  <TableWrap label={t('followUp.reporting.stateReports', { state: nameOf(slug) })}>
                    <table className="data-table">
                      <caption className="visually-hidden">
                        {t('followUp.reporting.stateReports', { state: nameOf(slug) })}
                      </caption>
                      <thead>
                        <tr>
                          <th scope="col">{t('followUp.reporting.itemColumn')}</th>
                          <th scope="col">{t('followUp.reporting.reportStateColumn')}</th>
                          <th scope="col">{t('followUp.reporting.statusLabel')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {items.map((i) => {
                          const report = find(i.id, slug);
                          return (
                            <tr key={i.id}>
                              <th scope="row">
                                <LangLink to={pagePath({ cycle: cycle.id, item: i.id, state: slug })}>
                                  {t('followUp.reporting.itemNumber', { number: i.number })}
                                </LangLink>{' '}
                                <span lang={i.text.lang}>{i.text.text}</span>
                              </th>
                              <td>{stateLabel(report)}</td>
                              <td>{statusOf(report)}</td>
                            </tr>
                          );
                        })}
                      </tbody>
                    </table>
                  </TableWrap>
                </section>
              ))}
              {me.can.manageFollowUp && (
                <section className="stack">
                  <h2>{t('followUp.reporting.reports')}</h2>
                  {list.items.length === 0 ? (
                    <p>{t('followUp.reporting.noReports')}</p>
                  ) : (
                    <TableWrap label={t('followUp.reporting.reports')}>
                      <table className="data-table">
                        <caption className="visually-hidden">{t('followUp.reporting.reports')}</caption>
                        <thead>
                          <tr>
                            <th scope="col">{t('followUp.reporting.stateColumn')}</th>
                            <th scope="col">{t('followUp.reporting.itemColumn')}</th>
                            <th scope="col">{t('followUp.reporting.reportStateColumn')}</th>
                            <th scope="col">{t('followUp.reporting.statusLabel')}</th>
                          </tr>
                        </thead>
                        <tbody>
                          {list.items.map((r) => (
                            <tr key={r.id}>
                              <th scope="row">
                                <LangLink to={pagePath({ cycle: cycle.id, item: r.item, state: r.state.slug })}>
                                  {t('followUp.reporting.reportOf', {
                                    state: nameOf(r.state.slug),
                                    number: numberOf(r.item),
                                  })}
                                </LangLink>
                              </th>
                              <td>{numberOf(r.item)}</td>
                              <td>{stateLabel(r)}</td>
                              <td>{statusOf(r)}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </TableWrap>
                  )}
                </section>
              )}
              {selected && (
                <ReportPanel
                  key={`${item} ${state}`}
                  slot={{ cycle: cycle.id, item, state }}
                  item={itemOf(item) as FollowUpItem}
                  stateName={nameOf(state)}
                  report={find(item, state) ?? null}
                  mayStart={cycle.reportFor.includes(state) && cycle.open}
                  onChanged={() => void reports.refetch()}
                />
              )}
            </>
          );
        }}
      </QueryState>
    </div>
  );
}

function ReportPanel({
  slot,
  item,
  stateName,
  report,
  mayStart,
  onChanged,
}: {
  slot: Slot;
  item: FollowUpItem;
  stateName: string;
  report: Report | null;
  mayStart: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const changed = useReportsChanged();
  const [decided, setDecided] = useState<ReviewDecision | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // Opening a report takes the keyboard there.
  useEffect(() => heading.current?.focus(), []);
  const editable = report ? report.can.edit : mayStart;
  return (
    <section className="stack report-panel" aria-labelledby="report-heading">
      <h2 id="report-heading" ref={heading} tabIndex={-1}>
        {t('followUp.reporting.reportHeading', { state: stateName, number: item.number })}
      </h2>
      <blockquote lang={item.text.lang}>{item.text.text}</blockquote>
      {report && (
        <p>
          {t('followUp.reporting.reportStateIs', {
            state: reportStateLabel(t, report.reportState),
          })}
        </p>
      )}
      {editable ? (
        <ReportEditor
          slot={slot}
          report={report}
          item={item}
          onSubmitted={() => {
            void changed();
            onChanged();
          }}
        />
      ) : report ? (
        <>
          <ReportView report={report} />
          {report.can.review && (
            <ReviewForm
              slot={slot}
              report={report}
              onDone={(decision) => {
                setDecided(decision);
                onChanged();
              }}
            />
          )}
          {report.can.publish && <PublishChoice slot={slot} report={report} onDone={onChanged} />}
        </>
      ) : (
        <p>{t('followUp.reporting.noReportYet')}</p>
      )}
      <FormStatus message={decided ? decidedLabel(t, decided) : null} />
    </section>
  );
}
