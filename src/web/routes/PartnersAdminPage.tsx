import { SignedIn } from '../features/account/SignedIn.js';
import { PartnerAdmin } from '../features/partners/PartnerAdmin.js';
import { PageHeader } from '../features/shared/PageHeader.js';
import { PageMeta } from '../features/shared/PageMeta.js';
import { useTranslation } from '../i18n/react.js';

/** /admin/partners: the secretariat sees every partner; its administrators create and edit them. */
export function PartnersAdminPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageMeta title={t('admin.partners.title')} description={t('admin.partners.description')} />
      <PageHeader kicker={t('admin.kicker')} title={t('admin.partners.title')} lead={t('admin.partners.lead')} />
      <div className="container page-body stack">
        <SignedIn>
          {(me) => (
            <>
              {!me.can.managePartners && <p className="notice">{t('admin.partners.adminsOnly')}</p>}
              <PartnerAdmin mayEdit={me.can.managePartners} />
            </>
          )}
        </SignedIn>
      </div>
    </>
  );
}
