import { SignedIn } from '../features/account/SignedIn.js';
import { Reporting } from '../features/follow-up-reporting/Reporting.js';
import { PageHeader } from '../features/shared/PageHeader.js';
import { PageMeta } from '../features/shared/PageMeta.js';
import { useTranslation } from '../i18n/react.js';

/** /follow-up/reporting: the secretariat opens cycles and reviews reports; focal points report for their state. */
export function FollowUpReportingPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageMeta title={t('followUp.reporting.title')} description={t('followUp.reporting.description')} />
      <PageHeader
        kicker={t('followUp.reporting.kicker')}
        title={t('followUp.reporting.title')}
        lead={t('followUp.reporting.lead')}
      />
      <div className="container page-body stack">
        <SignedIn>{(me) => <Reporting me={me} />}</SignedIn>
      </div>
    </>
  );
}
