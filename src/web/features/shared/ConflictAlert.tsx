import { useState } from 'react';
import { ApiError } from '../../api/client.js';
import { useTranslation } from '../../i18n/react.js';
import { FormAlert, FormStatus, useProblemMessage } from './forms.js';
import { useLang } from './useLang.js';

/** The record as it is now, carried by the 409 that refused a write naming an older version (a
 * ConflictError's `current`); null for any other error, or a 409 that carries none. */
export function conflictCurrent<T>(error: unknown, isRecord: (value: object) => boolean = () => true): T | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const current = (error.problem as { current?: unknown } | null)?.current;
  return typeof current === 'object' && current !== null && isRecord(current) ? (current as T) : null;
}

/**
 * The record a form edits as it read it (a save names its version) and, after a 409 that carries
 * the current record (`isRecord` tells it from other 409s), the two ways on: `keep` takes the
 * current version and leaves the form's values, so the next save replaces it; `load` takes it and
 * calls `then` to put its values in the form. Either clears the failed write. The form holds this
 * version, never one a refetch brings, so a conflict is never overwritten unasked.
 */
export function useConflict<T>(
  initial: T,
  write: { error: unknown; reset: () => void },
  isRecord: (value: object) => boolean,
) {
  const [read, setRead] = useState(initial);
  const [kept, setKept] = useState(false);
  const current = conflictCurrent<NonNullable<T>>(write.error, isRecord);
  const adopt = (now: NonNullable<T>, keepEdits: boolean) => {
    write.reset();
    setRead(now);
    setKept(keepEdits);
  };
  return {
    read,
    setRead,
    current,
    /** Whether the edits were kept over a newer version (ConflictAlert's `kept`). */
    kept,
    /** A new save starts: the notice of kept edits goes. */
    sending: () => setKept(false),
    keep: current ? () => adopt(current, true) : undefined,
    load: (then?: (now: NonNullable<T>) => void) =>
      current
        ? () => {
            adopt(current, false);
            then?.(current);
          }
        : undefined,
  };
}

/** The labels of the fields that differ between the record as read and as it is now. */
export function changedFields<T>(
  read: T,
  current: T,
  fields: ReadonlyArray<readonly [string, (record: T) => unknown]>,
) {
  return fields
    .filter(([, value]) => JSON.stringify(value(read)) !== JSON.stringify(value(current)))
    .map(([label]) => label);
}

/**
 * The alert of a failed write, said once (issue 11 item 11). A 409 means the page shows something
 * stale (changed by someone else since it was read, or frozen meanwhile).
 *
 * A form that edits a record passes `onKeep`: the conflict is then said in one alert, with what
 * changed (`changedFields`, `changes`) and the choice of keeping one's edits (the next save names
 * the current version and replaces it) or loading the current record (`onReload`). Without it, a
 * button loads what is current, after `explanation` when the server's words alone would not say
 * what to do next.
 */
export function ConflictAlert({
  error,
  onReload,
  onKeep,
  alert,
  title,
  changedFields: fields = [],
  changes = [],
  reloadLabel,
  explanation,
  kept,
}: {
  error: unknown;
  onReload?: (() => void) | undefined;
  /** Keeps the form's edits over the current record. */
  onKeep?: (() => void) | undefined;
  /** The form's own alert (useFormErrors) when it has one; else the server's words. */
  alert?: string | null;
  /** The conflict in the form's words; a general sentence without. */
  title?: string;
  /** The labels of the fields someone else changed. */
  changedFields?: readonly string[];
  /** Other sentences saying what changed. */
  changes?: readonly string[];
  reloadLabel?: string;
  explanation?: string;
  /** The edits were kept over a newer version (useConflict): says that the next save replaces it. */
  kept?: boolean;
}) {
  const { t } = useTranslation();
  const list = new Intl.ListFormat(useLang(), { type: 'conjunction' });
  const problemMessage = useProblemMessage();
  const conflict = error instanceof ApiError && error.status === 409 && onReload !== undefined;
  // Present from the start when the form may keep edits, so screen readers hear it change.
  const keptStatus = kept !== undefined && <FormStatus message={kept ? t('forms.conflict.kept') : null} />;
  if (conflict && onKeep) {
    const lines = [
      ...(fields.length > 0 ? [t('forms.conflict.fields', { fields: list.format(fields) })] : []),
      ...changes,
    ];
    return (
      <>
        <FormAlert message={title ?? t('forms.conflict.title')} />
        <div className="notice notice--warning">
          {lines.length > 0 && (
            <ul className="plain-list">
              {lines.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
          <p className="form__actions">
            <button type="button" className="button button--small" onClick={onKeep}>
              {t('forms.conflict.keep')}
            </button>
            <button type="button" className="button button--secondary button--small" onClick={onReload}>
              {reloadLabel ?? t('forms.conflict.load')}
            </button>
          </p>
        </div>
        {keptStatus}
      </>
    );
  }
  return (
    <>
      <FormAlert message={alert === undefined ? problemMessage(error) : alert} />
      {conflict && (
        <p className={explanation ? 'notice notice--warning' : undefined}>
          {explanation && <>{explanation} </>}
          <button type="button" className="button button--secondary button--small" onClick={onReload}>
            {reloadLabel ?? t('forms.reload')}
          </button>
        </p>
      )}
      {keptStatus}
    </>
  );
}
