import { useNavigate } from 'react-router';
import type { Session } from '../../../contract/sessions.js';
import { useTranslation } from '../../i18n/react.js';
import { FormAlert, FormStatus, useProblemMessage } from '../shared/forms.js';
import { useLocalPath } from '../shared/LangLink.js';
import { QueryState } from '../shared/QueryState.js';
import { useLang } from '../shared/useLang.js';
import { ConfirmButton } from './ConfirmButton.js';
import { useEndSession, useSessions, useSignOutEverywhere } from './ownQueries.js';
import { useSessionChanged } from './queries.js';
import { TableWrap } from './TableWrap.js';
import { describeAgent, formatDateTime } from './time.js';

/** Where this account is signed in, with a way to end any of those sessions or all of them. */
export function SessionsSection() {
  const { t } = useTranslation();
  const lang = useLang();
  const sessions = useSessions();
  const end = useEndSession();
  const everywhere = useSignOutEverywhere();
  const changed = useSessionChanged();
  const navigate = useNavigate();
  const localPath = useLocalPath();
  const problemMessage = useProblemMessage();

  async function signedOutHere() {
    await changed(false);
    navigate(localPath('/sign-in?signedOut=1'));
  }

  function endOne(session: Session) {
    end.mutate(session.id, { onSuccess: () => (session.current ? void signedOutHere() : undefined) });
  }

  return (
    <section aria-labelledby="account-sessions">
      <h2 id="account-sessions">{t('sessions.heading')}</h2>
      <FormAlert message={problemMessage(end.error ?? everywhere.error)} />
      <FormStatus
        message={
          everywhere.data && everywhere.variables ? t('sessions.endedOthers', { count: everywhere.data.ended }) : null
        }
      />
      <QueryState query={sessions}>
        {({ items }) => (
          <>
            <TableWrap label={t('sessions.heading')}>
              <table className="data-table">
                <caption className="visually-hidden">{t('sessions.heading')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('sessions.device')}</th>
                    <th scope="col">{t('sessions.signedInAt')}</th>
                    <th scope="col">{t('sessions.lastSeen')}</th>
                    <th scope="col">{t('sessions.ip')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t('common.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((session) => (
                    <tr key={session.id}>
                      <td>
                        {session.userAgent ? describeAgent(session.userAgent) : t('sessions.unknownDevice')}
                        {session.current && (
                          <>
                            {' '}
                            <span className="badge badge--ok">{t('sessions.current')}</span>
                          </>
                        )}
                      </td>
                      <td className="nowrap">{formatDateTime(session.createdAt, lang)}</td>
                      <td className="nowrap">{formatDateTime(session.lastSeenAt, lang)}</td>
                      <td>{session.ip ?? t('common.notRecorded')}</td>
                      <td>
                        <ConfirmButton
                          label={session.current ? t('sessions.endCurrent') : t('sessions.end')}
                          confirmLabel={t('sessions.endConfirm')}
                          question={t('sessions.endQuestion')}
                          busy={end.isPending}
                          onConfirm={() => endOne(session)}
                        />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
            <div className="form__actions section-actions">
              {items.length > 1 && (
                <ConfirmButton
                  label={t('sessions.endOthers')}
                  confirmLabel={t('sessions.endConfirm')}
                  question={t('sessions.endOthersQuestion')}
                  busy={everywhere.isPending}
                  onConfirm={() => everywhere.mutate(true)}
                />
              )}
              <ConfirmButton
                label={t('sessions.endAll')}
                confirmLabel={t('sessions.endConfirm')}
                question={t('sessions.endAllQuestion')}
                busy={everywhere.isPending}
                onConfirm={() => everywhere.mutate(false, { onSuccess: () => void signedOutHere() })}
              />
            </div>
          </>
        )}
      </QueryState>
    </section>
  );
}
