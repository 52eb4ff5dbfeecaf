import { useTranslation } from 'react-i18next';
import { isSecretariatAdmin } from '../features/account/roles.js';
import { AdminGate } from '../features/admin/AdminGate.js';
import { PartnerAdmin } from '../features/partners/PartnerAdmin.js';
import { PageHeader } from '../features/shared/PageHeader.js';
import { PageMeta } from '../features/shared/PageMeta.js';

/** /admin/partners: the secretariat sees every partner; its administrators create and edit them. */
export function PartnersAdminPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageMeta title={t('admin.partners.title')} description={t('admin.partners.description')} />
      <PageHeader kicker={t('admin.kicker')} title={t('admin.partners.title')} lead={t('admin.partners.lead')} />
      <div className="container page-body stack">
        <AdminGate>
          {(me) => (
            <>
              {!isSecretariatAdmin(me) && <p className="notice">{t('admin.partners.adminsOnly')}</p>}
              <PartnerAdmin mayEdit={isSecretariatAdmin(me)} />
            </>
          )}
        </AdminGate>
      </div>
    </>
  );
}
