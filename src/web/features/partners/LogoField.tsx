import { useId, useState } from 'react';
import type { PartnerDetail } from '../../../contract/partners.js';
import { PARTNER_LOGO_MAX_BYTES } from '../../../domain/partners.js';
import { useTranslation } from '../../i18n/react.js';
import { ConfirmButton } from '../account/ConfirmButton.js';
import { Field, FormAlert, FormStatus, onSubmit, useProblemMessage } from '../shared/forms.js';
import { UploadProgress } from '../shared/upload.js';
import { useRemoveLogo, useUploadLogo } from './queries.js';

const ACCEPTED = ['image/png', 'image/jpeg', 'image/webp'];

/** The partner's logo: the current one, a new one previewed before it is sent, the upload's
 * progress, and removal. The server decides the type from the bytes; these checks only spare a
 * pointless upload. */
export function LogoField({ partner }: { partner: PartnerDetail }) {
  const { t } = useTranslation();
  const id = useId();
  const problemMessage = useProblemMessage();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [ownError, setOwnError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const { mutation: upload, progress } = useUploadLogo(partner.slug);
  const remove = useRemoveLogo(partner.slug);

  function choose(chosen: File | null) {
    setStatus(null);
    setOwnError(null);
    upload.reset();
    setFile(null);
    setPreview(null);
    if (!chosen) return;
    if (!ACCEPTED.includes(chosen.type)) return setOwnError(t('admin.partners.logoType'));
    if (chosen.size > PARTNER_LOGO_MAX_BYTES) return setOwnError(t('admin.partners.logoSize'));
    setFile(chosen);
    // A data: URL, since the site's Content-Security-Policy allows images from itself and data: only.
    const reader = new FileReader();
    reader.onload = () => setPreview(typeof reader.result === 'string' ? reader.result : null);
    reader.readAsDataURL(chosen);
  }

  function send() {
    if (!file) return setOwnError(t('admin.partners.logoChoose'));
    upload.mutate(
      { file },
      {
        onSuccess: () => {
          setStatus(t('admin.partners.logoUploaded'));
          setFile(null);
          setPreview(null);
        },
      },
    );
  }

  const shown = preview ?? partner.logoUrl;
  return (
    <section aria-labelledby={`${id}-heading`} className="stack">
      <h3 id={`${id}-heading`}>{t('admin.partners.logo')}</h3>
      {shown ? (
        <img
          className="partner-logo-preview"
          src={shown}
          alt={preview ? t('admin.partners.logoPreview') : t('admin.partners.logoCurrent')}
        />
      ) : (
        <p className="empty">{t('admin.partners.noLogo')}</p>
      )}
      <form className="form" noValidate onSubmit={onSubmit(send)}>
        <Field label={t('admin.partners.logoFile')} hint={t('admin.partners.logoHint')}>
          {(control) => (
            <input
              {...control}
              type="file"
              accept={ACCEPTED.join(',')}
              onChange={(e) => choose(e.target.files?.[0] ?? null)}
            />
          )}
        </Field>
        <div className="form__actions">
          <button type="submit" className="button button--small" disabled={upload.isPending || !file}>
            {t('admin.partners.logoUpload')}
          </button>
          <UploadProgress progress={progress} />
        </div>
        <FormAlert message={ownError ?? problemMessage(upload.error ?? remove.error)} />
        <FormStatus message={status} />
      </form>
      {partner.logoUrl && !preview && (
        <ConfirmButton
          label={t('admin.partners.logoRemove')}
          confirmLabel={t('admin.partners.logoRemoveConfirm')}
          question={t('admin.partners.logoRemoveQuestion')}
          busy={remove.isPending}
          onConfirm={() => remove.mutate(undefined, { onSuccess: () => setStatus(t('admin.partners.logoRemoved')) })}
        />
      )}
    </section>
  );
}
