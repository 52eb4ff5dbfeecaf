import { useId } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from '../../i18n/react.js';

export type FilterOption = { value: string; label: string };
export type FilterField = {
  name: string;
  label: string;
  options: FilterOption[];
  /** A choice that always has a value (a cycle, an order): no "All", and this one when none is asked. */
  fallback?: string;
};

/** The current value of each named filter, read from the URL query string. */
export function useFilterValues<K extends string>(names: readonly K[]): Partial<Record<K, string>> {
  const [params] = useSearchParams();
  const values: Partial<Record<K, string>> = {};
  for (const name of names) {
    const value = params.get(name);
    if (value) values[name] = value;
  }
  return values;
}

/** Select boxes whose values live in the URL, so a filtered list can be bookmarked and shared.
 * They are a GET form, so without JavaScript the reader applies them with a button and the server
 * renders the filtered list; with it, each change applies at once. */
export function FilterBar({ fields }: { fields: FilterField[] }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const baseId = useId();
  const active = fields.some((field) => params.get(field.name));

  function change(name: string, value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { preventScrollReset: true });
  }

  function clear() {
    const next = new URLSearchParams(params);
    for (const field of fields) next.delete(field.name);
    setParams(next, { preventScrollReset: true });
  }

  return (
    <search className="filters" aria-label={t('filters.label')}>
      <form method="get" className="filters__form" onSubmit={(event) => event.preventDefault()}>
        {fields.map((field) => (
          <div key={field.name} className="filters__field">
            <label htmlFor={`${baseId}-${field.name}`}>{field.label}</label>
            <select
              id={`${baseId}-${field.name}`}
              name={field.name}
              value={params.get(field.name) ?? field.fallback ?? ''}
              onChange={(event) => change(field.name, event.target.value)}
            >
              {field.fallback === undefined && <option value="">{t('filters.all')}</option>}
              {field.options.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          </div>
        ))}
        <noscript>
          <button type="submit" className="button button--secondary">
            {t('filters.apply')}
          </button>
        </noscript>
        {active && (
          <button type="button" className="button button--secondary filters__clear" onClick={clear}>
            {t('filters.clear')}
          </button>
        )}
      </form>
    </search>
  );
}

/** "3 results" under a filtered list, announced to screen readers when it changes. */
export function ResultCount({ count }: { count: number }) {
  const { t } = useTranslation();
  return (
    <p className="result-count" aria-live="polite">
      {t('filters.results', { count })}
    </p>
  );
}
