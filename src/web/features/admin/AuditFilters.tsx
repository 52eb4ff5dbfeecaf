import { useId, useState } from 'react';
import { useSearchParams } from 'react-router';
import { AUDIT_ACTIONS, AUDIT_RECORD_TYPES } from '../../../domain/audit.js';
import { useTranslation } from '../../i18n/react.js';
import type { FieldErrors } from '../shared/forms.js';
import { useLang } from '../shared/useLang.js';
import { auditActionLabels, auditRecordTypeLabels } from './auditActions.js';
import type { AuditFilters } from './queries.js';

export const AUDIT_FILTERS = ['actor', 'entityType', 'action', 'from', 'to'] as const;

/** The filters of the audit trail, applied on submit and kept in the URL (a filtered view can be
 * bookmarked and shared with a colleague). */
export function AuditFilterForm({ errors }: { errors: FieldErrors }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const baseId = useId();
  const [draft, setDraft] = useState<AuditFilters>(() =>
    Object.fromEntries(AUDIT_FILTERS.map((name) => [name, params.get(name) ?? ''])),
  );
  const lang = useLang();
  // Actions and record types by their words, in the reader's order: nobody has to know the trail's identifiers.
  const collator = new Intl.Collator(lang);
  const choices = <T extends string>(values: readonly T[], labels: Record<T, string>) =>
    values.map((value) => ({ value, label: labels[value] })).sort((a, b) => collator.compare(a.label, b.label));
  const fields: {
    name: (typeof AUDIT_FILTERS)[number];
    label: string;
    /** An input's type; a field with `choices` is a select instead. */
    type?: 'text' | 'date';
    hint?: string;
    /** A select's choices, after the one that filters nothing (`any`). */
    choices?: { any: string; options: { value: string; label: string }[] };
  }[] = [
    { name: 'actor', label: t('admin.audit.actor'), type: 'text', hint: t('admin.audit.actorHint') },
    {
      name: 'action',
      label: t('admin.audit.action'),
      choices: { any: t('admin.audit.anyAction'), options: choices(AUDIT_ACTIONS, auditActionLabels(t)) },
    },
    {
      name: 'entityType',
      label: t('admin.audit.entityType'),
      choices: { any: t('admin.audit.anyRecordType'), options: choices(AUDIT_RECORD_TYPES, auditRecordTypeLabels(t)) },
    },
    { name: 'from', label: t('admin.audit.from'), type: 'date' },
    { name: 'to', label: t('admin.audit.to'), type: 'date' },
  ];

  function apply(values: AuditFilters) {
    const next = new URLSearchParams();
    for (const name of AUDIT_FILTERS) {
      const value = values[name]?.trim();
      if (value) next.set(name, value);
    }
    setParams(next, { preventScrollReset: true });
  }

  return (
    <search className="filters" aria-label={t('filters.label')}>
      <form
        className="audit-filters"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          apply(draft);
        }}
      >
        {fields.map((field) => {
          const id = `${baseId}-${field.name}`;
          const error = errors[field.name];
          const described = [field.hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
          return (
            <div key={field.name} className={error ? 'filters__field field--invalid' : 'filters__field'}>
              <label htmlFor={id}>{field.label}</label>
              {field.choices ? (
                <select
                  id={id}
                  value={draft[field.name] ?? ''}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={described || undefined}
                  onChange={(event) => setDraft({ ...draft, [field.name]: event.target.value })}
                >
                  <option value="">{field.choices.any}</option>
                  {field.choices.options.map((option) => (
                    <option key={option.value} value={option.value}>
                      {option.label}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  id={id}
                  type={field.type}
                  value={draft[field.name] ?? ''}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={described || undefined}
                  onChange={(event) => setDraft({ ...draft, [field.name]: event.target.value })}
                />
              )}
              {field.hint && (
                <span id={`${id}-hint`} className="field__hint">
                  {field.hint}
                </span>
              )}
              {error && (
                <span id={`${id}-error`} className="field__error">
                  {error}
                </span>
              )}
            </div>
          );
        })}
        <div className="form__actions audit-filters__actions">
          <button type="submit" className="button">
            {t('admin.audit.apply')}
          </button>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              const empty = Object.fromEntries(AUDIT_FILTERS.map((name) => [name, '']));
              setDraft(empty);
              apply(empty);
            }}
          >
            {t('filters.clear')}
          </button>
        </div>
      </form>
    </search>
  );
}
