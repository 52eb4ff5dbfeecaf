import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import { FormAlert, useProblemMessage } from '../account/forms.js';

/** The alert of a failed write; a 409 (changed since read, or frozen) offers to reload what is current. */
export function ConflictAlert({ error, onReload }: { error: unknown; onReload: () => void }) {
  const { t } = useTranslation();
  const problemMessage = useProblemMessage();
  const conflict = error instanceof ApiError && error.status === 409;
  return (
    <>
      <FormAlert message={problemMessage(error)} />
      {conflict && (
        <p>
          <button type="button" className="button button--secondary button--small" onClick={onReload}>
            {t('agenda.reload')}
          </button>
        </p>
      )}
    </>
  );
}
