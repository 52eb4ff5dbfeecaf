import { useEffect, useRef, useState } from 'react';
import { useTranslation } from '../../i18n/react.js';

/** A destructive action asked twice, inline: the first press shows "Confirm" and "Cancel" and moves
 * focus to "Confirm", so the keyboard and screen-reader path is the same as the mouse's. */
export function ConfirmButton({
  label,
  confirmLabel,
  question,
  onConfirm,
  busy = false,
  accessibleLabel,
}: {
  label: string;
  /** The name screen readers give the first button when its text alone would not say what it acts on. */
  accessibleLabel?: string;
  confirmLabel: string;
  question: string;
  onConfirm: () => void;
  busy?: boolean;
}) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const confirm = useRef<HTMLButtonElement>(null);
  const first = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);

  useEffect(() => {
    if (asking) confirm.current?.focus();
    else if (wasAsking.current) first.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  if (!asking) {
    return (
      <button
        ref={first}
        type="button"
        className="button button--secondary button--small"
        aria-label={accessibleLabel}
        onClick={() => setAsking(true)}
      >
        {label}
      </button>
    );
  }
  return (
    <fieldset className="confirm">
      <legend className="confirm__question">{question}</legend>
      <button
        ref={confirm}
        type="button"
        className="button button--danger button--small"
        disabled={busy}
        onClick={onConfirm}
      >
        {confirmLabel}
      </button>
      <button type="button" className="button button--secondary button--small" onClick={() => setAsking(false)}>
        {t('common.cancel')}
      </button>
    </fieldset>
  );
}
