import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgendaItem } from '../../../contract/agenda.js';
import type { Lang } from '../../../contract/common.js';
import { Field, onSubmit, useFormErrors } from '../account/forms.js';
import { usePillars } from '../pillars/queries.js';
import { ConflictAlert } from './ConflictAlert.js';
import { useAddItem, useUpdateItem } from './queries.js';
import { fromLocalInput, toLocalInput } from './zones.js';

// The contract's limits (a value import would bring zod into the bundle).
const TITLE_MAX = 300;
const DESCRIPTION_MAX = 5000;
const LANGS: Lang[] = ['en', 'es', 'fr', 'pt'];

type Texts = Record<Lang, string>;
const textsOf = (from: Record<Lang, string | null> | undefined): Texts => ({
  en: from?.en ?? '',
  es: from?.es ?? '',
  fr: from?.fr ?? '',
  pt: from?.pt ?? '',
});

/** A language's name in the page's language. Literal keys, so the catalog check sees each one. */
function useLangName() {
  const { t } = useTranslation();
  return (lang: Lang) =>
    ({ en: t('agenda.lang.en'), es: t('agenda.lang.es'), fr: t('agenda.lang.fr'), pt: t('agenda.lang.pt') })[lang];
}

/**
 * Adds an item, or edits `item` naming the version it was read at. Times are entered on the venue's
 * clock. On a frozen agenda an administrator may tick the override, which the server audits.
 */
export function AgendaItemForm({
  slug,
  item,
  venueZone,
  frozen,
  mayOverride,
  onDone,
  onReload,
}: {
  slug: string;
  item: AgendaItem | null;
  venueZone: string;
  frozen: boolean;
  mayOverride: boolean;
  onDone: () => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const langName = useLangName();
  const add = useAddItem(slug);
  const update = useUpdateItem(slug);
  const mutation = item ? update : add;
  const form = useRef<HTMLFormElement>(null);
  const { errors, check, failed } = useFormErrors(mutation.error, form);
  const pillars = usePillars();
  const [titles, setTitles] = useState<Texts>(textsOf(item?.titles));
  const [descriptions, setDescriptions] = useState<Texts>(textsOf(item?.descriptions));
  const [start, setStart] = useState(item?.startsAt ? toLocalInput(item.startsAt, venueZone) : '');
  const [end, setEnd] = useState(item?.endsAt ? toLocalInput(item.endsAt, venueZone) : '');
  const [presenters, setPresenters] = useState((item?.presenters ?? []).join('\n'));
  const [chosen, setChosen] = useState<string[]>(item?.pillars.map((p) => p.code) ?? []);
  const [override, setOverride] = useState(false);
  const headingId = item ? `edit-item-${item.id}` : 'add-item';

  function submit() {
    const startsAt = start ? fromLocalInput(start, venueZone) : null;
    const endsAt = end ? fromLocalInput(end, venueZone) : null;
    const ok = check({
      'titles.en': LANGS.some((l) => titles[l].trim() !== '') ? undefined : t('agenda.titleRequired'),
      endsAt:
        Boolean(startsAt) !== Boolean(endsAt)
          ? t('agenda.slotBothEnds')
          : startsAt && endsAt && endsAt <= startsAt
            ? t('agenda.slotOrder')
            : undefined,
    });
    if (!ok) return;
    const input = {
      titles,
      descriptions,
      startsAt,
      endsAt,
      pillars: chosen,
      presenters: presenters
        .split('\n')
        .map((p) => p.trim())
        .filter(Boolean),
      ...(frozen && override ? { override: true } : {}),
    };
    const options = { onSuccess: onDone, onError: failed };
    if (item) update.mutate({ ...input, id: item.id, version: item.version }, options);
    else add.mutate(input, options);
  }

  return (
    <form ref={form} className="form agenda-form" noValidate onSubmit={onSubmit(submit)} aria-labelledby={headingId}>
      <h3 id={headingId}>{item ? t('agenda.editHeading', { title: item.title.text }) : t('agenda.addHeading')}</h3>
      <ConflictAlert error={mutation.error} onReload={onReload} />
      <fieldset className="fieldset">
        <legend>{t('agenda.titles')}</legend>
        {LANGS.map((lang) => (
          <Field
            key={lang}
            label={langName(lang)}
            error={lang === 'en' ? errors['titles.en'] : errors[`titles.${lang}`]}
          >
            {(control) => (
              <input
                {...control}
                lang={lang}
                maxLength={TITLE_MAX}
                value={titles[lang]}
                onChange={(e) => setTitles({ ...titles, [lang]: e.target.value })}
              />
            )}
          </Field>
        ))}
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t('agenda.descriptions')}</legend>
        {LANGS.map((lang) => (
          <Field key={lang} label={langName(lang)} error={errors[`descriptions.${lang}`]}>
            {(control) => (
              <textarea
                {...control}
                lang={lang}
                rows={2}
                maxLength={DESCRIPTION_MAX}
                value={descriptions[lang]}
                onChange={(e) => setDescriptions({ ...descriptions, [lang]: e.target.value })}
              />
            )}
          </Field>
        ))}
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t('agenda.slot', { zone: venueZone })}</legend>
        <Field label={t('agenda.startsAt')} error={errors.startsAt}>
          {(control) => (
            <input {...control} type="datetime-local" value={start} onChange={(e) => setStart(e.target.value)} />
          )}
        </Field>
        <Field label={t('agenda.endsAt')} error={errors.endsAt}>
          {(control) => (
            <input {...control} type="datetime-local" value={end} onChange={(e) => setEnd(e.target.value)} />
          )}
        </Field>
      </fieldset>
      <Field label={t('agenda.presenters')} hint={t('agenda.presentersHint')} error={errors.presenters}>
        {(control) => (
          <textarea {...control} rows={2} value={presenters} onChange={(e) => setPresenters(e.target.value)} />
        )}
      </Field>
      <fieldset className="fieldset">
        <legend>{t('agenda.pillars')}</legend>
        {(pillars.data ?? []).map((pillar) => (
          <label key={pillar.id} className="field--check">
            <input
              type="checkbox"
              checked={chosen.includes(pillar.code)}
              onChange={(e) =>
                setChosen(e.target.checked ? [...chosen, pillar.code] : chosen.filter((c) => c !== pillar.code))
              }
            />
            {pillar.name.text}
          </label>
        ))}
      </fieldset>
      {frozen && mayOverride && (
        <label className="field--check">
          <input type="checkbox" checked={override} onChange={(e) => setOverride(e.target.checked)} />
          {t('agenda.override')}
        </label>
      )}
      <div className="form__actions">
        <button type="submit" className="button" disabled={mutation.isPending}>
          {item ? t('agenda.save') : t('agenda.add')}
        </button>
        <button type="button" className="button button--secondary" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
