import { useRef, useState } from 'react';
import type { Lang } from '../../../contract/common.js';
import type { Partner, PartnerDetail } from '../../../contract/partners.js';
import { LANGS } from '../../../domain/languages.js';
import { PARTNER_KINDS, PARTNER_NAME_MAX, PARTNER_SLUG_MAX } from '../../../domain/partners.js';
import { languageEndonym } from '../../i18n/languages.js';
import { useTranslation } from '../../i18n/react.js';
import { ConflictAlert, changedFields, useConflict } from '../shared/ConflictAlert.js';
import { FieldGroup, onSubmit, SelectField, TextField, useFormErrors } from '../shared/forms.js';
import { PillarChecks } from '../shared/PillarChecks.js';
import { partnerKindLabel } from './kinds.js';
import { useCreatePartner, useUpdatePartner } from './queries.js';

type Names = Partial<Record<Lang, string>>;

interface Draft {
  slug: string;
  kind: Partner['kind'];
  names: Names;
  website: string;
  pillars: string[];
}

const draftOf = (partner: PartnerDetail | null): Draft => ({
  slug: partner?.slug ?? '',
  kind: partner?.kind ?? 'international-organisation',
  names: partner?.names ?? {},
  website: partner?.website ?? '',
  pillars: partner?.pillars.map((p) => p.code) ?? [],
});

/** Only the languages filled in: an emptied field removes that language's name. */
const namesToSend = (names: Names) =>
  Object.fromEntries(LANGS.flatMap((l) => (names[l]?.trim() ? [[l, names[l].trim()]] : []))) as Names;

/**
 * Creates a partner (`partner` null) or edits one. An edit sends the updatedAt it was read at; when
 * someone changed the partner meanwhile the server refuses with the current record: the form says
 * what changed and keeps the edits (the next save replaces it) or loads the current one (issue 11).
 */
export function PartnerForm({
  partner,
  onSaved,
  onCancel,
}: {
  partner: PartnerDetail | null;
  onSaved: (saved: PartnerDetail) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const create = useCreatePartner();
  const update = useUpdatePartner(partner?.slug ?? '');
  const mutation = partner ? update : create;
  const form = useRef<HTMLFormElement>(null);
  // The partner as read: an edit names its updatedAt.
  const conflict = useConflict(partner, mutation, (value) => 'updatedAt' in value);
  const { read, current } = conflict;
  const { errors, alert, check, failed } = useFormErrors(current ? null : mutation.error, form);
  const [draft, setDraft] = useState<Draft>(() => draftOf(partner));
  // A newer partner whose fields this form edits are those read (the page's own logo upload or
  // removal) is followed, so the page's own writes never make its next save a conflict (issue 11).
  if (
    partner &&
    read &&
    partner.updatedAt > read.updatedAt &&
    JSON.stringify(draftOf(partner)) === JSON.stringify(draftOf(read))
  ) {
    conflict.setRead(partner);
  }
  const changed =
    read && current
      ? changedFields(draftOf(read), draftOf(current), [
          [t('admin.partners.names'), (d) => namesToSend(d.names)],
          [t('admin.partners.kind'), (d) => d.kind],
          [t('admin.partners.website'), (d) => d.website],
          [t('admin.partners.pillars'), (d) => d.pillars],
        ])
      : [];
  const set = (change: Partial<Draft>) => setDraft({ ...draft, ...change });

  function submit() {
    const names = namesToSend(draft.names);
    const website = draft.website.trim();
    const found = {
      name: Object.keys(names).length === 0 ? t('admin.partners.nameRequired') : undefined,
      website: website && !/^https:\/\/[^\s/]+\.[^\s]+$/.test(website) ? t('admin.partners.websiteFormat') : undefined,
    };
    if (!check(found)) return;
    const common = { kind: draft.kind, name: names, website: website || null, pillars: draft.pillars };
    conflict.sending();
    const done = { onSuccess: onSaved, onError: failed };
    if (read) update.mutate({ ...common, updatedAt: read.updatedAt }, done);
    else create.mutate({ ...common, ...(draft.slug.trim() ? { slug: draft.slug.trim() } : {}) }, done);
  }

  return (
    <form ref={form} className="form" noValidate onSubmit={onSubmit(submit)}>
      <ConflictAlert
        error={mutation.error}
        alert={alert}
        changedFields={changed}
        onKeep={conflict.keep}
        onReload={conflict.load((now) => setDraft(draftOf(now)))}
        kept={conflict.kept}
      />
      <FieldGroup legend={t('admin.partners.names')} hint={t('admin.partners.namesHint')} error={errors.name}>
        <div className="partner-names">
          {LANGS.map((code) => (
            <TextField
              key={code}
              label={languageEndonym(code)}
              error={errors[`name.${code}`]}
              lang={code}
              autoComplete="off"
              maxLength={PARTNER_NAME_MAX}
              value={draft.names[code] ?? ''}
              onChange={(value) => set({ names: { ...draft.names, [code]: value } })}
            />
          ))}
        </div>
      </FieldGroup>
      {!partner && (
        <TextField
          label={t('admin.partners.slug')}
          hint={t('admin.partners.slugHint')}
          error={errors.slug}
          autoComplete="off"
          spellCheck={false}
          maxLength={PARTNER_SLUG_MAX}
          value={draft.slug}
          onChange={(slug) => set({ slug })}
        />
      )}
      <SelectField
        label={t('admin.partners.kind')}
        error={errors.kind}
        value={draft.kind}
        onChange={(kind) => set({ kind })}
        options={PARTNER_KINDS.map((kind) => ({ value: kind, label: partnerKindLabel(t, kind) }))}
      />
      <TextField
        label={t('admin.partners.website')}
        hint={t('admin.partners.websiteHint')}
        error={errors.website}
        type="url"
        inputMode="url"
        autoComplete="off"
        spellCheck={false}
        value={draft.website}
        onChange={(website) => set({ website })}
      />
      <PillarChecks
        legend={t('admin.partners.pillars')}
        chosen={draft.pillars}
        onChange={(pillars) => set({ pillars })}
        error={errors.pillars}
      />
      <div className="form__actions">
        <button type="submit" className="button" disabled={mutation.isPending}>
          {partner ? t('admin.partners.save') : t('admin.partners.create')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
