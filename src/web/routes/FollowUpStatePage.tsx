import { useMemo } from 'react';
import { useParams } from 'react-router';
import type { Cycle, FollowUpItem, Rates, Report, ReportList } from '../../contract/follow-up.js';
import type { MemberStateDetail } from '../../contract/reference.js';
import { isNotFound } from '../api/client.js';
import { TableWrap } from '../features/account/TableWrap.js';
import { useDocuments } from '../features/documents/queries.js';
import { documentTitle } from '../features/follow-up/FollowUpFrame.js';
import { reportStateLabel, statusLabel } from '../features/follow-up/labels.js';
import { useCycles, useFollowUpItems, useRates, useStateReports } from '../features/follow-up/queries.js';
import { TextIn } from '../features/follow-up/TextIn.js';
import { useMemberState } from '../features/member-states/queries.js';
import { StateHeader } from '../features/member-states/StateHeader.js';
import { ChartFigure } from '../features/observatory/ChartFigure.js';
import { classScale } from '../features/observatory/colours.js';
import { RankingChart } from '../features/observatory/RankingChart.js';
import { formatNumber, formatPercent } from '../features/shared/format.js';
import { LangLink } from '../features/shared/LangLink.js';
import { PageMeta } from '../features/shared/PageMeta.js';
import { QueryState } from '../features/shared/QueryState.js';
import { useLang } from '../features/shared/useLang.js';
import { useTranslation } from '../i18n/react.js';
import { NotFoundPage } from './NotFoundPage.js';
import '../features/follow-up/follow-up.css';

const RATE_SCALE = classScale([20, 40, 60, 80]);

/** A member state's follow-up: its implementation rate cycle after cycle, the status of each item
 * in each cycle, its reports and the indicators they give. Only what the reader may see. */
export function FollowUpStatePage() {
  const { slug = '' } = useParams();
  const { t } = useTranslation();
  const state = useMemberState(slug);
  const cycles = useCycles();
  const items = useFollowUpItems();
  if (isNotFound(state.error)) return <NotFoundPage />;
  const name = state.data?.name.text ?? '';
  return (
    <>
      <PageMeta
        title={t('followUp.public.profileTitle', { name })}
        description={t('followUp.public.profileDescription', { name })}
      />
      <QueryState query={state}>
        {(detail) => (
          <QueryState query={cycles}>
            {(cycleList) => (
              <QueryState query={items}>
                {(itemList) => <Profile state={detail} cycles={cycleList.items} items={itemList.items} />}
              </QueryState>
            )}
          </QueryState>
        )}
      </QueryState>
    </>
  );
}

function Profile({ state, cycles, items }: { state: MemberStateDetail; cycles: Cycle[]; items: FollowUpItem[] }) {
  const { t } = useTranslation();
  // The cycles that asked this state, oldest first, as a history reads.
  const asked = useMemo(() => [...cycles].reverse().filter((c) => c.states.includes(state.slug)), [cycles, state]);
  const ids = useMemo(() => asked.map((c) => c.id), [asked]);
  const reports = useStateReports(ids, state.slug);
  const rates = useRates(ids, 'state');
  return (
    <>
      <StateHeader state={state} kicker={<LangLink to="/follow-up">{t('followUp.public.title')}</LangLink>} />
      <div className="container page-body follow-up">
        <p>
          <LangLink to={`/member-states/${state.slug}`}>{t('followUp.public.aboutState')}</LangLink>
        </p>
        {asked.length === 0 ? (
          <p className="empty">{t('followUp.public.notAsked')}</p>
        ) : (
          <QueryState query={rates}>
            {(rateList) => (
              <QueryState query={reports}>
                {(reportList) => (
                  <ProfileBody state={state} cycles={asked} items={items} rates={rateList} reports={reportList} />
                )}
              </QueryState>
            )}
          </QueryState>
        )}
      </div>
    </>
  );
}

function ProfileBody({
  state,
  cycles,
  items,
  rates,
  reports,
}: {
  state: MemberStateDetail;
  cycles: Cycle[];
  items: FollowUpItem[];
  rates: Rates[];
  reports: ReportList[];
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const byId = new Map(items.map((i) => [i.id, i]));
  const rateOf = (i: number) => rates[i]?.items.find((r) => r.key === state.slug) ?? null;
  const trend = cycles.flatMap((c, i) => {
    const rate = rateOf(i)?.rate;
    return rate === null || rate === undefined ? [] : [{ slug: c.id, name: c.name.text, value: rate }];
  });
  const trendCaption = t('followUp.public.trendCaption', { name: state.name.text });
  // Every item the state reported on in any cycle, in the order items come.
  const reported = items.filter((item) => reports.some((list) => list.items.some((r) => r.item === item.id)));
  const statusIn = (i: number, item: string) => reports[i]?.items.find((r) => r.item === item);
  const indicators = reports.flatMap((list, i) =>
    list.items.flatMap((report) => report.indicators.map((indicator) => ({ indicator, report, cycle: cycles[i] }))),
  );
  const value = (v: { value: number; year: number } | null) =>
    v === null ? '—' : `${formatNumber(v.value, lang)} (${v.year})`;
  const documents = useDocuments();
  const titles = new Map((documents.data ?? []).map((d) => [d.slug, documentTitle(d)]));
  const itemLabel = (id: string) => {
    const item = byId.get(id);
    return item ? `${titles.get(item.document.slug) ?? item.document.slug} · ${item.number}` : id;
  };

  if (reported.length === 0) return <p className="empty">{t('followUp.public.noPublicReports')}</p>;
  return (
    <>
      <section aria-labelledby="profile-trend">
        <h2 id="profile-trend">{t('followUp.public.trendTitle')}</h2>
        <ChartFigure
          caption={trendCaption}
          source={{ attribution: t('followUp.public.credit') }}
          filename={`follow-up-${state.slug}-trend`}
          columns={[
            { label: t('followUp.public.cycle') },
            { label: t('followUp.public.reported'), digits: 0 },
            { label: t('followUp.public.implemented'), digits: 0 },
            { label: t('followUp.public.rate'), digits: 1 },
          ]}
          rows={cycles.map((c, i) => {
            const r = rateOf(i);
            return [c.name.text, r?.reported ?? 0, r?.implemented ?? 0, r?.rate ?? null];
          })}
        >
          <RankingChart ranked={trend} scale={RATE_SCALE} label={trendCaption} />
        </ChartFigure>
      </section>

      <section aria-labelledby="profile-history">
        <h2 id="profile-history">{t('followUp.public.historyTitle')}</h2>
        <TableWrap label={t('followUp.public.historyTitle')}>
          <table className="data-table follow-up-matrix">
            <caption className="visually-hidden">{t('followUp.public.historyTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('followUp.public.item')}</th>
                {cycles.map((c) => (
                  <th key={c.id} scope="col">
                    <TextIn value={c.name} />
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {reported.map((item) => (
                <tr key={item.id}>
                  <th scope="row">
                    <a href={`#report-${item.id}`}>{itemLabel(item.id)}</a>
                  </th>
                  {cycles.map((c, i) => {
                    const report = statusIn(i, item.id);
                    return (
                      <td key={c.id} className={`follow-up-cell follow-up-cell--${report?.status ?? 'none'}`}>
                        {report ? statusLabel(t, report.status) : '—'}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </section>

      <section aria-labelledby="profile-reports">
        <h2 id="profile-reports">{t('followUp.public.reportsTitle')}</h2>
        {reported.map((item) => (
          <article key={item.id} id={`report-${item.id}`} className="follow-up-report">
            <h3>{itemLabel(item.id)}</h3>
            <p>
              <TextIn value={item.text} />
            </p>
            {cycles.map((c, i) => {
              const report = statusIn(i, item.id);
              return report ? <ReportView key={c.id} cycle={c} report={report} /> : null;
            })}
          </article>
        ))}
      </section>

      <section aria-labelledby="profile-indicators">
        <h2 id="profile-indicators">{t('followUp.public.indicatorsTitle')}</h2>
        {indicators.length === 0 ? (
          <p className="empty">{t('followUp.public.noIndicators')}</p>
        ) : (
          <TableWrap label={t('followUp.public.indicatorsTitle')}>
            <table className="data-table">
              <caption className="visually-hidden">{t('followUp.public.indicatorsTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('followUp.public.indicator')}</th>
                  <th scope="col">{t('followUp.public.item')}</th>
                  <th scope="col">{t('followUp.public.cycle')}</th>
                  <th scope="col">{t('followUp.public.baseline')}</th>
                  <th scope="col">{t('followUp.public.target')}</th>
                  <th scope="col">{t('followUp.public.latest')}</th>
                </tr>
              </thead>
              <tbody>
                {indicators.map(({ indicator, report, cycle }) => (
                  <tr key={`${report.id} ${indicator.name}`}>
                    <th scope="row">
                      {indicator.name} ({indicator.unit})
                    </th>
                    <td>{itemLabel(report.item)}</td>
                    <td>{cycle ? <TextIn value={cycle.name} /> : null}</td>
                    <td className="numeric">{value(indicator.baseline)}</td>
                    <td className="numeric">{value(indicator.target)}</td>
                    <td className="numeric">{value(indicator.latest)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>
    </>
  );
}

/** One report as the public reads it: status, what was done and by whom, evidence, progress. */
function ReportView({ cycle, report }: { cycle: Cycle; report: Report }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <div className="follow-up-report__cycle">
      <h4>
        <TextIn value={cycle.name} />
      </h4>
      <dl className="facts">
        <div>
          <dt>{t('followUp.public.statusLabel')}</dt>
          <dd>
            <span className={`follow-up-cell follow-up-cell--${report.status ?? 'none'}`}>
              {statusLabel(t, report.status)}
            </span>
            {report.reportState !== 'accepted' && <> ({reportStateLabel(t, report.reportState)})</>}
          </dd>
        </div>
        {report.progress !== null && (
          <div>
            <dt>{t('followUp.public.progressLabel')}</dt>
            <dd>{formatPercent(report.progress, lang)}</dd>
          </div>
        )}
        {report.institution && (
          <div>
            <dt>{t('followUp.public.institution')}</dt>
            <dd>{report.institution}</dd>
          </div>
        )}
      </dl>
      {report.measures && <p className="follow-up-report__text">{report.measures}</p>}
      {report.notApplicableReason && <p className="follow-up-report__text">{report.notApplicableReason}</p>}
      {report.evidence.length > 0 && (
        <ul>
          {report.evidence.map((e) => (
            <li key={e.url}>
              <a href={e.url}>{e.title ?? e.url}</a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
