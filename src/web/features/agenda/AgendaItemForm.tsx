import { useRef, useState } from 'react';
import type { AgendaItem } from '../../../contract/agenda.js';
import type { Lang } from '../../../contract/common.js';
import { AGENDA_DESCRIPTION_MAX, AGENDA_TITLE_MAX, orderClash } from '../../../domain/agenda.js';
import { LANGS } from '../../../domain/languages.js';
import { languageName } from '../../i18n/languages.js';
import { useTranslation } from '../../i18n/react.js';
import { ConflictAlert, changedFields, useConflict } from '../shared/ConflictAlert.js';
import { FieldGroup, onSubmit, TextAreaField, TextField, useFormErrors } from '../shared/forms.js';
import { PillarChecks } from '../shared/PillarChecks.js';
import { useLang } from '../shared/useLang.js';
import { formatMomentIn, fromLocalInput, toLocalInput, zoneName } from '../shared/zones.js';
import { useAddItem, useUpdateItem } from './queries.js';

type Texts = Record<Lang, string>;
const textsOf = (from: Record<Lang, string | null> | undefined): Texts => ({
  en: from?.en ?? '',
  es: from?.es ?? '',
  fr: from?.fr ?? '',
  pt: from?.pt ?? '',
});

/**
 * Adds an item, or edits `item` naming the version it was read at. Times are entered on the venue's
 * clock; a start that would pass an item above or below it in `items` is refused before sending, as
 * the server would (issue 11 item 14). On a frozen agenda an administrator may tick the override,
 * which the server audits.
 */
export function AgendaItemForm({
  slug,
  item,
  items,
  venueZone,
  frozen,
  mayOverride,
  onDone,
  onReload,
}: {
  slug: string;
  item: AgendaItem | null;
  /** The agenda in order, to check the start against the items around this one. */
  items: readonly AgendaItem[];
  venueZone: string;
  frozen: boolean;
  mayOverride: boolean;
  onDone: () => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const reader = useLang();
  // Named at the item's time (or the agenda's), so the offset is the one in force then.
  const zone = zoneName(venueZone, reader, new Date(item?.startsAt ?? items[0]?.startsAt ?? Date.now()));
  const add = useAddItem(slug);
  const update = useUpdateItem(slug);
  const mutation = item ? update : add;
  const form = useRef<HTMLFormElement>(null);
  // The item as read: after a conflict, keeping one's edits takes the current version (issue 11).
  const { read, current, kept, keep, sending } = useConflict(item, mutation, (value) => 'titles' in value);
  const { errors, check, failed } = useFormErrors(current ? null : mutation.error, form);
  const changed =
    read && current
      ? changedFields(read, current, [
          [t('agenda.titles'), (i) => i.titles],
          [t('agenda.descriptions'), (i) => i.descriptions],
          [t('agenda.slot', { zone }), (i) => [i.startsAt, i.endsAt]],
          [t('agenda.presenters'), (i) => i.presenters],
          [t('agenda.pillars'), (i) => i.pillars.map((p) => p.code)],
        ])
      : [];
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
    sending();
    const clash = startsAt ? orderClash(items, item?.id ?? null, startsAt) : null;
    const position = clash?.position ?? 0;
    const time = clash ? formatMomentIn(clash.startsAt, venueZone, reader) : '';
    const ok = check({
      'titles.en': LANGS.some((l) => titles[l].trim() !== '') ? undefined : t('agenda.titleRequired'),
      startsAt: clash
        ? clash.side === 'previous'
          ? t('agenda.beforePrevious', { position, time })
          : t('agenda.afterNext', { position, time })
        : undefined,
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
    if (read) update.mutate({ ...input, id: read.id, version: read.version }, options);
    else add.mutate(input, options);
  }

  return (
    <form ref={form} className="form agenda-form" noValidate onSubmit={onSubmit(submit)} aria-labelledby={headingId}>
      <h3 id={headingId}>{item ? t('agenda.editHeading', { title: item.title.text }) : t('agenda.addHeading')}</h3>
      <ConflictAlert error={mutation.error} changedFields={changed} onKeep={keep} onReload={onReload} kept={kept} />
      <FieldGroup legend={t('agenda.titles')}>
        {LANGS.map((lang) => (
          <TextField
            key={lang}
            label={languageName(lang, reader)}
            error={errors[`titles.${lang}`]}
            lang={lang}
            maxLength={AGENDA_TITLE_MAX}
            value={titles[lang]}
            onChange={(value) => setTitles({ ...titles, [lang]: value })}
          />
        ))}
      </FieldGroup>
      <FieldGroup legend={t('agenda.descriptions')}>
        {LANGS.map((lang) => (
          <TextAreaField
            key={lang}
            label={languageName(lang, reader)}
            error={errors[`descriptions.${lang}`]}
            lang={lang}
            rows={2}
            maxLength={AGENDA_DESCRIPTION_MAX}
            value={descriptions[lang]}
            onChange={(value) => setDescriptions({ ...descriptions, [lang]: value })}
          />
        ))}
      </FieldGroup>
      <FieldGroup legend={t('agenda.slot', { zone })}>
        <TextField
          label={t('agenda.startsAt')}
          error={errors.startsAt}
          type="datetime-local"
          value={start}
          onChange={setStart}
        />
        <TextField
          label={t('agenda.endsAt')}
          error={errors.endsAt}
          type="datetime-local"
          value={end}
          onChange={setEnd}
        />
      </FieldGroup>
      <TextAreaField
        label={t('agenda.presenters')}
        hint={t('agenda.presentersHint')}
        error={errors.presenters}
        rows={2}
        value={presenters}
        onChange={setPresenters}
      />
      <PillarChecks legend={t('agenda.pillars')} chosen={chosen} onChange={setChosen} error={errors.pillars} />
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
