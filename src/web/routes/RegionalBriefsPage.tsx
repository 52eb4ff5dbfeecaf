import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { Lang } from '../../contract/common.js';
import type { Indicator, RegionalBrief } from '../../contract/indicators.js';
import type { MemberState } from '../../contract/reference.js';
import { LANGS } from '../../domain/languages.js';
import { sendJson } from '../api/send.js';
import { SignedIn } from '../features/account/SignedIn.js';
import { AdminQueryState } from '../features/admin/AdminGate.js';
import { useMeetings } from '../features/meetings/queries.js';
import { useMemberStates } from '../features/member-states/queries.js';
import { subregionLabel } from '../features/member-states/subregions.js';
import { ChartFigure } from '../features/observatory/ChartFigure.js';
import { colourScale } from '../features/observatory/colours.js';
import { unitLabel } from '../features/observatory/labels.js';
import { BRIEFS_KEY, useBrief, useBriefs, useIndicators } from '../features/observatory/queries.js';
import { RankingChart } from '../features/observatory/RankingChart.js';
import {
  FormAlert,
  FormStatus,
  onSubmit,
  SelectField,
  TextAreaField,
  TextField,
  useFormErrors,
} from '../features/shared/forms.js';
import { LangLink } from '../features/shared/LangLink.js';
import { PageHeader } from '../features/shared/PageHeader.js';
import { PageMeta } from '../features/shared/PageMeta.js';
import { QueryState } from '../features/shared/QueryState.js';
import { useLang } from '../features/shared/useLang.js';
import { useTranslation } from '../i18n/react.js';

const LANGUAGE_NAMES: Record<Lang, string> = { en: 'English', es: 'Español', fr: 'Français', pt: 'Português' };

/**
 * The secretariat's "regional concerns" briefs (issue 14): generate one for a meeting from the
 * observatory's trends, edit its text in each language, read it as a PDF, and export it to the
 * meeting as a document. The brief chosen is in the address (`?brief=`), so it can be shared.
 */
export function RegionalBriefsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageMeta title={t('observatory.briefs.title')} description={t('observatory.briefs.lead')} />
      <PageHeader
        kicker={t('observatory.title')}
        title={t('observatory.briefs.title')}
        lead={t('observatory.briefs.lead')}
      />
      <div className="container page-body stack">
        <SignedIn>{() => <BriefsView />}</SignedIn>
      </div>
    </>
  );
}

function BriefsView() {
  const { t } = useTranslation();
  const lang = useLang();
  const [params, setParams] = useSearchParams();
  const briefs = useBriefs();
  const chosen = params.get('brief');
  const dateTime = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <AdminQueryState query={briefs}>
      {(list) => (
        <>
          <GenerateBrief onGenerated={(id) => setParams({ brief: id })} />
          <section aria-labelledby="briefs-list" className="stack">
            <h2 id="briefs-list">{t('observatory.briefs.listTitle')}</h2>
            {list.items.length === 0 ? (
              <p className="empty">{t('observatory.briefs.none')}</p>
            ) : (
              <ul className="plain-list">
                {list.items.map((brief) => (
                  <li key={brief.id}>
                    <LangLink
                      to={`/observatory/briefs?brief=${brief.id}`}
                      aria-current={brief.id === chosen ? 'true' : undefined}
                    >
                      {brief.texts[lang].title}
                    </LangLink>{' '}
                    ({dateTime.format(new Date(brief.createdAt))}
                    {brief.document && `, ${brief.document.symbol}`})
                  </li>
                ))}
              </ul>
            )}
          </section>
          {chosen && <ChosenBrief id={chosen} />}
        </>
      )}
    </AdminQueryState>
  );
}

function GenerateBrief({ onGenerated }: { onGenerated: (id: string) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const queryClient = useQueryClient();
  const meetings = useMeetings({ kind: 'ministerial' });
  const [meeting, setMeeting] = useState('');
  const [years, setYears] = useState('10');
  const form = useRef<HTMLFormElement>(null);
  const generate = useMutation({
    mutationFn: () => sendJson<RegionalBrief>('POST', '/observatory/briefs', lang, { meeting, years: Number(years) }),
    onSuccess: async (brief) => {
      await queryClient.invalidateQueries({ queryKey: BRIEFS_KEY });
      onGenerated(brief.id);
    },
    onError: () => formErrors.failed(),
  });
  const formErrors = useFormErrors(generate.error, form, { years: t('observatory.briefs.yearsHint') });
  return (
    <section aria-labelledby="brief-generate" className="stack">
      <h2 id="brief-generate">{t('observatory.briefs.generateTitle')}</h2>
      <p>{t('observatory.briefs.generateLead')}</p>
      <QueryState query={meetings}>
        {(list) => {
          const upcoming = [...list].reverse();
          const value = meeting || upcoming[0]?.slug || '';
          return (
            <form
              ref={form}
              className="form"
              noValidate
              onSubmit={onSubmit(() => {
                if (!formErrors.check({ meeting: value ? undefined : t('forms.required') })) return;
                if (!meeting) setMeeting(value);
                generate.mutate();
              })}
            >
              <SelectField
                label={t('observatory.briefs.meeting')}
                name="meeting"
                value={value}
                onChange={setMeeting}
                error={formErrors.errors.meeting}
                options={upcoming.map((m) => ({ value: m.slug, label: m.name.text, lang: m.name.lang }))}
              />
              <TextField
                label={t('observatory.briefs.years')}
                hint={t('observatory.briefs.yearsHint')}
                type="number"
                inputMode="numeric"
                min={5}
                max={100}
                name="years"
                value={years}
                onChange={setYears}
                error={formErrors.errors.years}
              />
              <FormAlert message={formErrors.alert} />
              <button type="submit" className="button" disabled={generate.isPending}>
                {t('observatory.briefs.generate')}
              </button>
            </form>
          );
        }}
      </QueryState>
    </section>
  );
}

function ChosenBrief({ id }: { id: string }) {
  const brief = useBrief(id);
  // Kept here: the editor starts again from each new version, the message outlives it.
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <AdminQueryState query={brief}>
      {(data) => (
        <>
          <FormStatus message={saved} />
          <BriefEditor key={data.version} brief={data} onDone={setSaved} />
        </>
      )}
    </AdminQueryState>
  );
}

function BriefEditor({ brief, onDone }: { brief: RegionalBrief; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Lang>(lang);
  const [texts, setTexts] = useState(brief.texts);
  const form = useRef<HTMLFormElement>(null);
  const refresh = (next: RegionalBrief) => {
    queryClient.setQueryData([...BRIEFS_KEY, 'one', lang, brief.id], next);
    return queryClient.invalidateQueries({ queryKey: BRIEFS_KEY });
  };
  const save = useMutation({
    mutationFn: () =>
      sendJson<RegionalBrief>('PATCH', `/observatory/briefs/${brief.id}`, lang, { version: brief.version, texts }),
    onSuccess: async (next) => {
      onDone(t('observatory.briefs.saved'));
      await refresh(next);
    },
    onError: () => formErrors.failed(),
  });
  const exportBrief = useMutation({
    mutationFn: () =>
      sendJson<RegionalBrief>('POST', `/observatory/briefs/${brief.id}/export`, lang, { version: brief.version }),
    onSuccess: async (next) => {
      onDone(t('observatory.briefs.exported', { symbol: next.document?.symbol ?? '' }));
      await refresh(next);
    },
  });
  const formErrors = useFormErrors(save.error ?? exportBrief.error, form);
  const current = texts[editing];
  const change = (field: 'title' | 'body', value: string) =>
    setTexts((all) => ({ ...all, [editing]: { ...all[editing], [field]: value } }));
  const dirty = JSON.stringify(texts) !== JSON.stringify(brief.texts);

  return (
    <section aria-labelledby="brief-edit" className="stack">
      <h2 id="brief-edit">{brief.texts[lang].title}</h2>
      <form ref={form} className="form" noValidate onSubmit={onSubmit(() => save.mutate())}>
        <SelectField
          label={t('observatory.briefs.language')}
          name="language"
          value={editing}
          onChange={setEditing}
          options={LANGS.map((l) => ({ value: l, label: LANGUAGE_NAMES[l], lang: l }))}
        />
        <TextField
          label={t('observatory.briefs.titleField')}
          name={`texts.${editing}.title`}
          lang={editing}
          value={current.title}
          onChange={(value) => change('title', value)}
          error={formErrors.errors[`texts.${editing}.title`]}
        />
        <TextAreaField
          label={t('observatory.briefs.body')}
          hint={t('observatory.briefs.bodyHint')}
          name={`texts.${editing}.body`}
          lang={editing}
          rows={18}
          value={current.body}
          onChange={(value) => change('body', value)}
          error={formErrors.errors[`texts.${editing}.body`]}
        />
        <FormAlert message={formErrors.alert} />
        <div className="form-actions">
          <button type="submit" className="button" disabled={save.isPending || !dirty}>
            {t('observatory.briefs.save')}
          </button>
          <button
            type="button"
            className="button button--secondary"
            disabled={exportBrief.isPending || dirty}
            onClick={() => exportBrief.mutate()}
          >
            {brief.document ? t('observatory.briefs.exportAgain') : t('observatory.briefs.export')}
          </button>
        </div>
        {dirty && <p className="hint">{t('observatory.briefs.saveFirst')}</p>}
      </form>
      <p>
        {t('observatory.briefs.pdf')}{' '}
        {LANGS.map((l, i) => (
          <span key={l}>
            {i > 0 && ' · '}
            <a href={`/api/v1/observatory/briefs/${brief.id}/pdf?lang=${l}`} hrefLang={l} download>
              {`PDF (${LANGUAGE_NAMES[l]})`}
            </a>
          </span>
        ))}
      </p>
      {brief.document && (
        <p>
          {t('observatory.briefs.attached', { symbol: brief.document.symbol })}{' '}
          <LangLink to={`/meetings/${brief.meeting}/documents`}>{t('observatory.briefs.meetingDocuments')}</LangLink>
        </p>
      )}
      <BriefFindings brief={brief} />
    </section>
  );
}

/** The figures the brief was generated from: per indicator, the change per year in each state
 * where it worsened, as a chart with its table. */
function BriefFindings({ brief }: { brief: RegionalBrief }) {
  const indicators = useIndicators();
  const states = useMemberStates();
  return (
    <QueryState query={indicators}>
      {(catalogue) => (
        <QueryState query={states}>
          {(memberStates) => <FindingCharts brief={brief} names={catalogue.items} states={memberStates} />}
        </QueryState>
      )}
    </QueryState>
  );
}

function FindingCharts({ brief, names, states }: { brief: RegionalBrief; names: Indicator[]; states: MemberState[] }) {
  const { t } = useTranslation();
  const stateName = useMemo(() => new Map(states.map((s) => [s.iso3, s.name.text])), [states]);
  return (
    <>
      <h3>{t('observatory.briefs.findings')}</h3>
      <p>{t('observatory.briefs.method')}</p>
      {brief.findings.indicators.map((indicator) => {
        const name = names.find((n) => n.code === indicator.code)?.name.text ?? indicator.code;
        const unit = unitLabel(t, indicator.unit);
        if (indicator.worsened.length === 0)
          return <p key={indicator.code}>{t('observatory.briefs.noneWorsened', { name })}</p>;
        const ranked = [...indicator.worsened]
          .sort((a, b) => b.slope - a.slope)
          .map((w) => ({ slug: w.state.slug, name: stateName.get(w.state.iso3) ?? w.state.iso3, value: w.slope }));
        const caption = t('observatory.briefs.chartCaption', { name, unit, from: indicator.from, to: indicator.to });
        return (
          <ChartFigure
            key={indicator.code}
            caption={caption}
            source={{ attribution: indicator.attribution }}
            filename={`brief-${indicator.code}`}
            columns={[
              { label: t('observatory.state') },
              { label: t('filters.subregion') },
              { label: t('observatory.slope', { unit }), digits: 3 },
              { label: t('observatory.pValue'), digits: 3 },
            ]}
            rows={[...indicator.worsened]
              .sort((a, b) => b.slope - a.slope)
              .map((w) => [stateName.get(w.state.iso3) ?? w.state.iso3, subregionLabel(t, w.subregion), w.slope, w.p])}
          >
            <RankingChart ranked={ranked} scale={colourScale(ranked.map((r) => r.value))} label={caption} />
          </ChartFigure>
        );
      })}
    </>
  );
}
