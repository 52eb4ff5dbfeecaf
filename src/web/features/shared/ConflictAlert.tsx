import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import { FormAlert, useProblemMessage } from './forms.js';

/**
 * The alert of a failed write. A 409 means the page shows something stale (changed by someone else
 * since it was read, or frozen meanwhile): with `onReload`, a button loads what is current, after
 * `explanation` when the server's words alone would not say what to do next.
 */
export function ConflictAlert({
  error,
  onReload,
  alert,
  reloadLabel,
  explanation,
}: {
  error: unknown;
  onReload?: (() => void) | undefined;
  /** The form's own alert (useFormErrors) when it has one; else the server's words. */
  alert?: string | null;
  reloadLabel?: string;
  explanation?: string;
}) {
  const { t } = useTranslation();
  const problemMessage = useProblemMessage();
  const conflict = error instanceof ApiError && error.status === 409 && onReload !== undefined;
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
    </>
  );
}
