import { SignedIn } from '../features/account/SignedIn.js';
import { PageHeader } from '../features/shared/PageHeader.js';
import { PageMeta } from '../features/shared/PageMeta.js';
import { Workspace } from '../features/workspace/Workspace.js';
import { useTranslation } from '../i18n/react.js';

/** /workspace: where each signed-in user lands — what waits for them, and links to where it is done. */
export function WorkspacePage() {
  const { t } = useTranslation();
  return (
    <>
      <PageMeta title={t('workspace.title')} description={t('workspace.description')} />
      <PageHeader title={t('workspace.title')} lead={t('workspace.lead')} />
      <div className="container page-body">
        <SignedIn>{() => <Workspace />}</SignedIn>
      </div>
    </>
  );
}
