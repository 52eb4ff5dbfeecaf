import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lang } from '../../../contract/common.js';
import type { PartnerDetail } from '../../../contract/partners.js';
import type { Partner } from '../../../contract/reference.js';
import { ApiError } from '../../api/client.js';
import { languageEndonym, PORTAL_LANGS } from '../../i18n/languages.js';
import { Field, FormAlert, onSubmit, useFormErrors } from '../account/forms.js';
import { usePillars } from '../pillars/queries.js';
import { PARTNER_KINDS, partnerKindLabel } from './kinds.js';
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
  Object.fromEntries(PORTAL_LANGS.flatMap((l) => (names[l]?.trim() ? [[l, names[l].trim()]] : []))) as Names;

/**
 * Creates a partner (`partner` null) or edits one. An edit sends the updatedAt it was read at; when
 * someone changed the partner meanwhile the server refuses with the current record, which the form
 * then shows, with the server's explanation.
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
  const { errors, alert, check, failed } = useFormErrors(mutation.error, form);
  const pillars = usePillars();
  const [draft, setDraft] = useState<Draft>(() => draftOf(partner));
  const [version, setVersion] = useState(partner?.updatedAt ?? '');
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
    const done = {
      onSuccess: onSaved,
      onError: (error: unknown) => {
        const current =
          error instanceof ApiError ? (error.problem as { current?: PartnerDetail } | null)?.current : null;
        if (current) {
          setDraft(draftOf(current));
          setVersion(current.updatedAt);
        }
        failed();
      },
    };
    if (partner) update.mutate({ ...common, updatedAt: version }, done);
    else create.mutate({ ...common, ...(draft.slug.trim() ? { slug: draft.slug.trim() } : {}) }, done);
  }

  return (
    <form ref={form} className="form" noValidate onSubmit={onSubmit(submit)}>
      <FormAlert message={alert} />
      <fieldset className="fieldset">
        <legend>{t('admin.partners.names')}</legend>
        <p className="field__hint">{t('admin.partners.namesHint')}</p>
        {errors.name && <p className="field__error">{errors.name}</p>}
        <div className="partner-names">
          {PORTAL_LANGS.map((code) => (
            <Field key={code} label={languageEndonym(code)} error={errors[`name.${code}`]}>
              {(control) => (
                <input
                  {...control}
                  lang={code}
                  autoComplete="off"
                  maxLength={200}
                  value={draft.names[code] ?? ''}
                  onChange={(e) => set({ names: { ...draft.names, [code]: e.target.value } })}
                />
              )}
            </Field>
          ))}
        </div>
      </fieldset>
      {!partner && (
        <Field label={t('admin.partners.slug')} hint={t('admin.partners.slugHint')} error={errors.slug}>
          {(control) => (
            <input
              {...control}
              autoComplete="off"
              spellCheck={false}
              maxLength={60}
              value={draft.slug}
              onChange={(e) => set({ slug: e.target.value })}
            />
          )}
        </Field>
      )}
      <Field label={t('admin.partners.kind')} error={errors.kind}>
        {(control) => (
          <select {...control} value={draft.kind} onChange={(e) => set({ kind: e.target.value as Partner['kind'] })}>
            {PARTNER_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {partnerKindLabel(t, kind)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('admin.partners.website')} hint={t('admin.partners.websiteHint')} error={errors.website}>
        {(control) => (
          <input
            {...control}
            type="url"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            value={draft.website}
            onChange={(e) => set({ website: e.target.value })}
          />
        )}
      </Field>
      <fieldset className="fieldset">
        <legend>{t('admin.partners.pillars')}</legend>
        {errors.pillars && <p className="field__error">{errors.pillars}</p>}
        {(pillars.data ?? []).map((pillar) => (
          <label key={pillar.id} className="field--check">
            <input
              type="checkbox"
              checked={draft.pillars.includes(pillar.code)}
              onChange={(e) =>
                set({
                  pillars: e.target.checked
                    ? [...draft.pillars, pillar.code]
                    : draft.pillars.filter((c) => c !== pillar.code),
                })
              }
            />
            {pillar.name.text}
          </label>
        ))}
      </fieldset>
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
