import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { Matrix } from '../../contract/follow-up.js';
import type { Document, MemberState } from '../../contract/reference.js';
import { TableWrap } from '../features/account/TableWrap.js';
import { ExportLinks } from '../features/follow-up/ExportLinks.js';
import { documentTitle, type FollowUpContext, FollowUpFrame } from '../features/follow-up/FollowUpFrame.js';
import { reportStateLabel, statusLabel } from '../features/follow-up/labels.js';
import { type MatrixFilters, useMatrix } from '../features/follow-up/queries.js';
import { TextIn } from '../features/follow-up/TextIn.js';
import { subregionLabel } from '../features/member-states/subregions.js';
import { byName } from '../features/shared/byName.js';
import { FilterBar, type FilterField } from '../features/shared/FilterBar.js';
import { LangLink } from '../features/shared/LangLink.js';
import { QueryState } from '../features/shared/QueryState.js';
import { useGridKeys } from '../features/shared/useGridKeys.js';
import { useLang } from '../features/shared/useLang.js';
import { useTranslation } from '../i18n/react.js';
import '../features/follow-up/follow-up.css';

const SUBREGIONS = ['north-america', 'central-america', 'caribbean', 'south-america'] as const;
const SORTS = ['name', 'subregion', 'implemented'] as const;
type Sort = (typeof SORTS)[number];

/** Member states × items of a cycle, each cell the status of the report the reader may see, in
 * words and colour. The filters live in the address (a GET form), so a view can be shared, and the
 * server renders it. */
export function FollowUpMatrixPage() {
  const { t } = useTranslation();
  return (
    <FollowUpFrame
      title={t('followUp.public.matrixTitle')}
      description={t('followUp.public.matrixDescription')}
      lead={t('followUp.public.matrixLead')}
    >
      {(context) => <MatrixSection context={context} />}
    </FollowUpFrame>
  );
}

function MatrixSection({ context }: { context: FollowUpContext }) {
  const [params] = useSearchParams();
  const filters = {
    document: params.get('document') ?? undefined,
    pillar: params.get('pillar') ?? undefined,
    subregion: params.get('subregion') ?? undefined,
  };
  const matrix = useMatrix(context.cycle.id, filters);
  return (
    <QueryState query={matrix}>
      {(data) => (
        <>
          <MatrixFilterBar context={context} followed={data.documents} />
          <MatrixView matrix={data} filters={filters} states={context.states} documents={context.documents} />
        </>
      )}
    </QueryState>
  );
}

/** The filters; the documents offered are those with items in the cycle. */
function MatrixFilterBar({ context, followed }: { context: FollowUpContext; followed: string[] }) {
  const { cycles, cycle, pillars, documents } = context;
  const { t } = useTranslation();
  const lang = useLang();
  const fields: FilterField[] = [
    {
      name: 'cycle',
      label: t('followUp.public.cycle'),
      options: cycles.map((c) => ({ value: c.id, label: c.name.text })),
      fallback: cycle.id,
    },
    {
      name: 'document',
      label: t('followUp.public.document'),
      options: byName(
        documents.filter((d) => followed.includes(d.slug)).map((d) => ({ value: d.slug, label: documentTitle(d) })),
        (o) => o.label,
        lang,
      ),
    },
    {
      name: 'pillar',
      label: t('filters.pillar'),
      options: pillars.map((p) => ({ value: p.code, label: p.name.text })),
    },
    {
      name: 'subregion',
      label: t('filters.subregion'),
      options: SUBREGIONS.map((s) => ({ value: s, label: subregionLabel(t, s) })),
    },
    {
      name: 'sort',
      label: t('followUp.public.sort'),
      options: [
        { value: 'name', label: t('followUp.public.sortBy.name') },
        { value: 'subregion', label: t('followUp.public.sortBy.subregion') },
        { value: 'implemented', label: t('followUp.public.sortBy.implemented') },
      ] satisfies Array<{ value: Sort; label: string }>,
      fallback: 'name',
    },
  ];
  return <FilterBar fields={fields} />;
}

function MatrixView({
  matrix,
  filters,
  states,
  documents,
}: {
  matrix: Matrix;
  filters: MatrixFilters;
  states: MemberState[];
  documents: Document[];
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [params] = useSearchParams();
  const sort: Sort = SORTS.find((s) => s === params.get('sort')) ?? 'name';
  const docTitles = useMemo(() => new Map(documents.map((d) => [d.slug, documentTitle(d)])), [documents]);
  const memberOf = useMemo(() => new Map(states.map((s) => [s.slug, s])), [states]);
  const cells = useMemo(() => new Map(matrix.cells.map((c) => [`${c.state} ${c.item}`, c])), [matrix]);

  const columns = matrix.items;
  const implemented = (slug: string) =>
    columns.filter((i) => cells.get(`${slug} ${i.id}`)?.status === 'implemented').length;
  const rows = byName(matrix.states, (s) => memberOf.get(s.slug)?.name.text ?? s.iso3, lang);
  if (sort === 'subregion') {
    const order = (slug: string) => SUBREGIONS.indexOf(memberOf.get(slug)?.subregion ?? 'south-america');
    rows.sort((a, b) => order(a.slug) - order(b.slug));
  } else if (sort === 'implemented') {
    rows.sort((a, b) => implemented(b.slug) - implemented(a.slug));
  }

  const caption = t('followUp.public.matrixCaption', { states: rows.length, items: columns.length });
  const grid = useGridKeys({ header: true, firstColumn: true });

  return (
    <>
      <ExportLinks
        path="/follow-up/matrix"
        query={{ cycle: matrix.cycle, ...filters }}
        note={t('followUp.public.csvNote')}
      />
      <StatusKey />
      {grid.enhanced && (
        <p id="follow-up-matrix-keys" className="chart-note">
          {t('followUp.public.matrixKeys')}
        </p>
      )}
      {columns.length === 0 || rows.length === 0 ? (
        <p className="empty">{t('filters.noResults')}</p>
      ) : (
        <TableWrap label={caption}>
          <table
            className="data-table follow-up-matrix"
            {...grid.gridProps}
            aria-describedby={grid.enhanced ? 'follow-up-matrix-keys' : undefined}
          >
            <caption className="visually-hidden">{caption}</caption>
            <thead>
              <tr>
                <th scope="col" aria-sort={sort === 'name' ? 'ascending' : undefined} tabIndex={grid.tabIndex(0, 0)}>
                  {t('followUp.public.state')}
                </th>
                {columns.map((item, column) => (
                  <th key={item.id} scope="col">
                    <a href={`#item-${item.id}`} tabIndex={grid.tabIndex(0, column + 1)}>
                      <span className="visually-hidden">{docTitles.get(item.document) ?? item.document} </span>
                      {item.number}
                    </a>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((state, index) => (
                <tr key={state.slug}>
                  <th scope="row">
                    <LangLink to={`/follow-up/states/${state.slug}`} tabIndex={grid.tabIndex(index + 1, 0)}>
                      {memberOf.get(state.slug)?.name.text ?? state.iso3}
                    </LangLink>
                  </th>
                  {columns.map((item, column) => {
                    const cell = cells.get(`${state.slug} ${item.id}`);
                    const tabIndex = grid.tabIndex(index + 1, column + 1);
                    if (!cell) {
                      return (
                        <td key={item.id} className="follow-up-cell" tabIndex={tabIndex}>
                          <span aria-hidden="true">—</span>
                          <span className="visually-hidden">{t('followUp.public.noReport')}</span>
                        </td>
                      );
                    }
                    return (
                      <td
                        key={item.id}
                        className={`follow-up-cell follow-up-cell--${cell.status ?? 'none'}`}
                        tabIndex={tabIndex}
                      >
                        {statusLabel(t, cell.status)}
                        {cell.reportState !== 'accepted' && <small> ({reportStateLabel(t, cell.reportState)})</small>}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <h2>{t('followUp.public.items')}</h2>
      <dl className="follow-up-items">
        {columns.map((column) => (
          <div key={column.id} id={`item-${column.id}`}>
            <dt>
              {docTitles.get(column.document) ?? column.document} · {column.number}
            </dt>
            <dd>
              <TextIn value={column.text} />
            </dd>
          </div>
        ))}
      </dl>
    </>
  );
}

/** The statuses with their colours, so the colour is never the only sign (each cell says it too). */
export function StatusKey() {
  const { t } = useTranslation();
  return (
    <ul className="follow-up-key" aria-label={t('followUp.public.key')}>
      {(['not-started', 'planned', 'in-progress', 'implemented', 'not-applicable'] as const).map((status) => (
        <li key={status} className={`follow-up-cell--${status}`}>
          {statusLabel(t, status)}
        </li>
      ))}
    </ul>
  );
}
