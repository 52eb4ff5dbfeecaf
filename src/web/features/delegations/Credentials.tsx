import { useId, useRef, useState } from 'react';
import type { Delegation } from '../../../contract/delegations.js';
import { ApiError } from '../../api/client.js';
import { useTranslation } from '../../i18n/react.js';
import { formatSize } from '../meeting-documents/labels.js';
import { ConflictAlert } from '../shared/ConflictAlert.js';
import { formatDate } from '../shared/format.js';
import { Field, FormStatus, onSubmit, useFormErrors } from '../shared/forms.js';
import { UploadProgress } from '../shared/upload.js';
import { useLang } from '../shared/useLang.js';
import { delegationName } from './DelegationSummary.js';
import { useUploadCredentials } from './queries.js';

/** Refusals of the file itself (too large, not a PDF, a suspicious archive) carry no field name:
 * their words belong next to the file field all the same. */
const FILE_REFUSALS = [413, 415, 422];

/** A delegation's credentials (the note verbale): the file uploaded, to download, and when the
 * delegation's `can` allows it, the upload of a new one. */
export function Credentials({ slug, delegation, heading }: { slug: string; delegation: Delegation; heading: 3 | 4 }) {
  const { t } = useTranslation();
  const lang = useLang();
  const id = useId();
  const Heading = heading === 3 ? 'h3' : 'h4';
  const file = delegation.credentials;
  return (
    <section className="credentials" aria-labelledby={`${id}-title`}>
      <Heading id={`${id}-title`}>{t('delegations.credentials.title')}</Heading>
      {file ? (
        <p>
          <a href={file.url} download>
            {t('delegations.credentials.download', { name: file.name })}
          </a>{' '}
          <span className="credentials__detail">
            ({formatSize(file.size, lang)},{' '}
            {t('delegations.credentials.uploadedOn', { date: formatDate(file.uploadedAt.slice(0, 10), lang) })})
          </span>
        </p>
      ) : (
        <p className="empty">{t('delegations.credentials.none')}</p>
      )}
      {delegation.can.uploadCredentials && <CredentialsUpload slug={slug} delegation={delegation} />}
    </section>
  );
}

function CredentialsUpload({ slug, delegation }: { slug: string; delegation: Delegation }) {
  const { t } = useTranslation();
  const form = useRef<HTMLFormElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const { mutation: upload, progress } = useUploadCredentials(slug);
  const { errors, alert, check, failed } = useFormErrors(upload.error, form);
  const [status, setStatus] = useState<string | null>(null);
  const name = delegationName(delegation);
  const refused =
    upload.error instanceof ApiError && FILE_REFUSALS.includes(upload.error.status)
      ? (upload.error.problem?.detail ?? undefined)
      : undefined;

  function send() {
    setStatus(null);
    const file = input.current?.files?.[0];
    // The server decides the type from the bytes; this only spares a pointless upload.
    const wrong = !file
      ? t('delegations.credentials.choose')
      : file.type !== 'application/pdf' && !file.name.toLowerCase().endsWith('.pdf')
        ? t('delegations.credentials.notPdf')
        : undefined;
    if (!check({ file: wrong }) || !file) return;
    upload.mutate(
      { id: delegation.id, version: delegation.version, file },
      {
        onSuccess: (now) => {
          setStatus(t('delegations.credentials.uploaded', { name: now.credentials?.name ?? file.name }));
          if (input.current) input.current.value = '';
        },
        onError: () => failed(),
      },
    );
  }

  return (
    <form ref={form} className="form credentials__form" noValidate onSubmit={onSubmit(send)}>
      <ConflictAlert
        error={upload.error}
        alert={alert}
        // The registration is read again after every upload: the reload only clears the refusal.
        onReload={() => upload.reset()}
        reloadLabel={t('delegations.form.reload')}
        explanation={t('delegations.credentials.stale')}
      />
      <Field
        label={t('delegations.credentials.file', { name })}
        hint={t('delegations.credentials.hint')}
        error={errors.file ?? errors.version ?? refused}
      >
        {(control) => (
          <input
            {...control}
            ref={input}
            type="file"
            name="file"
            accept="application/pdf,.pdf"
            onChange={() => upload.reset()}
          />
        )}
      </Field>
      <div className="form__actions">
        <button type="submit" className="button button--small" disabled={upload.isPending}>
          {t('delegations.credentials.upload', { name })}
        </button>
        <UploadProgress progress={progress} />
      </div>
      <FormStatus message={status} />
    </form>
  );
}
