import { useEffect, useRef, useState } from 'react';
import type { Partner, PartnerDetail } from '../../../contract/partners.js';
import { useTranslation } from '../../i18n/react.js';
import { ConfirmButton } from '../account/ConfirmButton.js';
import { TableWrap } from '../account/TableWrap.js';
import { AdminQueryState } from '../admin/AdminGate.js';
import { byName } from '../shared/byName.js';
import { FormAlert, FormStatus, useProblemMessage } from '../shared/forms.js';
import { Localized } from '../shared/Localized.js';
import { useLang } from '../shared/useLang.js';
import { usePartners } from '../team/queries.js';
import { partnerKindLabel } from './kinds.js';
import { LogoField } from './LogoField.js';
import { PartnerForm } from './PartnerForm.js';
import { useDeletePartner, usePartner } from './queries.js';
import './partners.css';

/** Which partner the editor shows: a new one, one by slug, or none (the editor is closed). */
type Selection = { mode: 'new' } | { mode: 'edit'; slug: string } | null;

/** The secretariat administrator's partner screen: every partner, and an editor for the platform's. */
export function PartnerAdmin({ mayEdit }: { mayEdit: boolean }) {
  const { t } = useTranslation();
  const partners = usePartners();
  const [selection, setSelection] = useState<Selection>(null);
  const [status, setStatus] = useState<string | null>(null);
  const opener = useRef<HTMLElement | null>(null);

  const open = (next: Selection) => (event: { currentTarget: HTMLElement }) => {
    opener.current = event.currentTarget;
    setStatus(null);
    setSelection(next);
  };
  // Focus goes back to the button that opened the editor, so the keyboard path continues there.
  const close = (message: string | null) => {
    setSelection(null);
    setStatus(message);
    requestAnimationFrame(() => opener.current?.focus());
  };

  return (
    <>
      <section aria-labelledby="partners-list" className="stack">
        <h2 id="partners-list">{t('admin.partners.listHeading')}</h2>
        <FormStatus message={status} />
        {mayEdit && (
          <p>
            <button type="button" className="button" onClick={open({ mode: 'new' })}>
              {t('admin.partners.new')}
            </button>
          </p>
        )}
        <AdminQueryState query={partners}>
          {(items) =>
            items.length === 0 ? (
              <p className="empty">{t('partners.none')}</p>
            ) : (
              <PartnerTable partners={items} onEdit={mayEdit ? (slug) => open({ mode: 'edit', slug }) : null} />
            )
          }
        </AdminQueryState>
      </section>
      {selection?.mode === 'new' && (
        <Editor heading={t('admin.partners.newHeading')}>
          <PartnerForm
            partner={null}
            onSaved={(saved) => {
              setStatus(t('admin.partners.created', { name: saved.name.text }));
              setSelection({ mode: 'edit', slug: saved.slug });
            }}
            onCancel={() => close(null)}
          />
        </Editor>
      )}
      {selection?.mode === 'edit' && <EditPartner slug={selection.slug} onClose={close} />}
    </>
  );
}

function PartnerTable({
  partners,
  onEdit,
}: {
  partners: Partner[];
  onEdit: ((slug: string) => (event: { currentTarget: HTMLElement }) => void) | null;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <TableWrap label={t('admin.partners.listHeading')}>
      <table className="data-table">
        <caption className="visually-hidden">{t('admin.partners.listHeading')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.partners.logo')}</th>
            <th scope="col">{t('admin.partners.name')}</th>
            <th scope="col">{t('admin.partners.kind')}</th>
            <th scope="col">{t('admin.partners.managedBy')}</th>
            {onEdit && <th scope="col">{t('admin.partners.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {byName(partners, (partner) => partner.name.text, lang).map((partner) => (
            <tr key={partner.id}>
              <td>
                {partner.logoUrl ? (
                  <img className="partner-table__logo" src={partner.logoUrl} alt="" />
                ) : (
                  <span className="visually-hidden">{t('admin.partners.noLogo')}</span>
                )}
              </td>
              <td>
                <Localized value={partner.name} />
              </td>
              <td>{partnerKindLabel(t, partner.kind)}</td>
              <td>{partner.managedBy === 'platform' ? t('admin.partners.platform') : t('admin.partners.reference')}</td>
              {onEdit && (
                <td>
                  {partner.managedBy === 'platform' ? (
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      onClick={onEdit(partner.slug)}
                    >
                      {t('admin.partners.edit')}
                      <span className="visually-hidden">: {partner.name.text}</span>
                    </button>
                  ) : (
                    t('admin.partners.readOnly')
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** A titled panel whose heading takes focus when it opens, so screen readers land in it. */
function Editor({ heading, children }: { heading: string; children: React.ReactNode }) {
  const title = useRef<HTMLHeadingElement>(null);
  useEffect(() => title.current?.focus(), []);
  return (
    <section aria-labelledby="partner-editor" className="stack">
      <h2 id="partner-editor" ref={title} tabIndex={-1}>
        {heading}
      </h2>
      {children}
    </section>
  );
}

function EditPartner({ slug, onClose }: { slug: string; onClose: (message: string | null) => void }) {
  const { t } = useTranslation();
  const partner = usePartner(slug);
  const remove = useDeletePartner(slug);
  const problemMessage = useProblemMessage();
  return (
    <AdminQueryState query={partner}>
      {(detail: PartnerDetail) => (
        <Editor heading={t('admin.partners.editHeading', { name: detail.name.text })}>
          <PartnerForm
            key={detail.slug}
            partner={detail}
            onSaved={(saved) => onClose(t('admin.partners.saved', { name: saved.name.text }))}
            onCancel={() => onClose(null)}
          />
          <LogoField partner={detail} />
          <section aria-labelledby="partner-delete" className="stack">
            <h3 id="partner-delete">{t('admin.partners.deleteHeading')}</h3>
            <p>{t('admin.partners.deleteHint')}</p>
            <ConfirmButton
              label={t('admin.partners.delete')}
              confirmLabel={t('admin.partners.deleteConfirm')}
              question={t('admin.partners.deleteQuestion', { name: detail.name.text })}
              busy={remove.isPending}
              onConfirm={() =>
                remove.mutate(undefined, {
                  onSuccess: () => onClose(t('admin.partners.deleted', { name: detail.name.text })),
                })
              }
            />
            <FormAlert message={problemMessage(remove.error)} />
          </section>
        </Editor>
      )}
    </AdminQueryState>
  );
}
