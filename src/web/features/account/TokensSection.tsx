import { useRef, useState } from 'react';
import type { ApiToken, ApiTokenCreated } from '../../../contract/tokens.js';
import { TOKEN_MAX_DAYS, TOKEN_NAME_MAX, type TokenScope } from '../../../domain/tokens.js';
import { useTranslation } from '../../i18n/react.js';
import { CopyButton } from '../shared/CopyButton.js';
import { FormAlert, onSubmit, TextField, useChecks, useFormErrors, useProblemMessage } from '../shared/forms.js';
import { QueryState } from '../shared/QueryState.js';
import { useLang } from '../shared/useLang.js';
import { ConfirmButton } from './ConfirmButton.js';
import { useCreateToken, useRevokeToken, useTokens } from './ownQueries.js';
import { TableWrap } from './TableWrap.js';
import { formatDateTime } from './time.js';

const DEFAULT_DAYS = 90;

/** API tokens for machine clients: created here (the value shown once), listed, revoked. */
export function TokensSection() {
  const { t } = useTranslation();
  const tokens = useTokens();
  const [created, setCreated] = useState<ApiTokenCreated | null>(null);
  return (
    <section aria-labelledby="account-tokens">
      <h2 id="account-tokens">{t('tokens.heading')}</h2>
      <p>{t('tokens.intro')}</p>
      {created && <NewToken token={created} onDone={() => setCreated(null)} />}
      <QueryState query={tokens}>
        {({ items }) =>
          items.length === 0 ? <p className="empty">{t('tokens.none')}</p> : <TokenTable tokens={items} />
        }
      </QueryState>
      <CreateTokenForm onCreated={setCreated} />
    </section>
  );
}

function TokenTable({ tokens }: { tokens: ApiToken[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const revoke = useRevokeToken();
  const problemMessage = useProblemMessage();
  return (
    <>
      <FormAlert message={problemMessage(revoke.error)} />
      <TableWrap label={t('tokens.heading')}>
        <table className="data-table">
          <caption className="visually-hidden">{t('tokens.heading')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('tokens.name')}</th>
              <th scope="col">{t('tokens.scope')}</th>
              <th scope="col">{t('tokens.expires')}</th>
              <th scope="col">{t('tokens.lastUsed')}</th>
              <th scope="col">{t('tokens.state')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => (
              <tr key={token.id}>
                <td>{token.name}</td>
                <td>{token.scope === 'write' ? t('tokens.scopeWrite') : t('tokens.scopeRead')}</td>
                <td className="nowrap">{formatDateTime(token.expiresAt, lang)}</td>
                <td className="nowrap">
                  {token.lastUsedAt ? formatDateTime(token.lastUsedAt, lang) : t('tokens.neverUsed')}
                </td>
                <td>
                  {token.active ? (
                    <span className="badge badge--ok">{t('tokens.active')}</span>
                  ) : (
                    <span className="badge badge--off">
                      {token.revokedAt ? t('tokens.revoked') : t('tokens.expired')}
                    </span>
                  )}
                </td>
                <td>
                  {token.active && (
                    <ConfirmButton
                      label={t('tokens.revoke')}
                      confirmLabel={t('tokens.revokeConfirm')}
                      question={t('tokens.revokeQuestion', { name: token.name })}
                      busy={revoke.isPending}
                      onConfirm={() => revoke.mutate(token.id)}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}

/** The token's value, which the server shows this once: copy it now. */
function NewToken({ token, onDone }: { token: ApiTokenCreated; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="notice notice--warning stack" aria-labelledby="new-token-heading">
      <h3 id="new-token-heading" tabIndex={-1}>
        {t('tokens.createdHeading', { name: token.name })}
      </h3>
      <p>{t('tokens.shownOnce')}</p>
      <p className="secret">
        <code id="new-token-value">{token.token}</code>
        <CopyButton text={token.token} label={t('copy.token')} selectId="new-token-value" />
      </p>
      <p>
        <button type="button" className="button" onClick={onDone}>
          {t('tokens.done')}
        </button>
      </p>
    </section>
  );
}

function CreateTokenForm({ onCreated }: { onCreated: (token: ApiTokenCreated) => void }) {
  const { t } = useTranslation();
  const create = useCreateToken();
  const form = useRef<HTMLFormElement>(null);
  const { errors, alert, check, failed } = useFormErrors(create.error, form);
  const checks = useChecks();
  const [name, setName] = useState('');
  const [scope, setScope] = useState<TokenScope>('read');
  const [days, setDays] = useState(String(DEFAULT_DAYS));

  function submit() {
    const n = Number(days);
    const daysError =
      Number.isInteger(n) && n >= 1 && n <= TOKEN_MAX_DAYS ? undefined : t('tokens.daysRange', { max: TOKEN_MAX_DAYS });
    if (!check({ name: checks.required(name), expiresInDays: daysError })) return;
    create.mutate(
      { name: name.trim(), scope, expiresInDays: n },
      {
        onSuccess: (token) => {
          setName('');
          onCreated(token);
          // The new value appears above the list: take the reader there.
          requestAnimationFrame(() => document.getElementById('new-token-heading')?.focus());
        },
        onError: failed,
      },
    );
  }

  return (
    <form ref={form} className="form" noValidate onSubmit={onSubmit(submit)} aria-labelledby="new-token-form">
      <h3 id="new-token-form">{t('tokens.createHeading')}</h3>
      <FormAlert message={alert} />
      <TextField
        label={t('tokens.name')}
        hint={t('tokens.nameHint')}
        error={errors.name}
        name="name"
        maxLength={TOKEN_NAME_MAX}
        value={name}
        onChange={setName}
      />
      <fieldset className="fieldset">
        <legend>{t('tokens.scope')}</legend>
        <label className="field--check">
          <input type="radio" name="scope" value="read" checked={scope === 'read'} onChange={() => setScope('read')} />
          {t('tokens.scopeReadLong')}
        </label>
        <label className="field--check">
          <input
            type="radio"
            name="scope"
            value="write"
            checked={scope === 'write'}
            onChange={() => setScope('write')}
          />
          {t('tokens.scopeWriteLong')}
        </label>
      </fieldset>
      <TextField
        label={t('tokens.days')}
        hint={t('tokens.daysHint', { max: TOKEN_MAX_DAYS })}
        error={errors.expiresInDays}
        name="expiresInDays"
        type="number"
        inputMode="numeric"
        min={1}
        max={TOKEN_MAX_DAYS}
        value={days}
        onChange={setDays}
      />
      <div className="form__actions">
        <button type="submit" className="button" disabled={create.isPending}>
          {t('tokens.create')}
        </button>
      </div>
    </form>
  );
}
