import { useState } from 'react';
import { useTranslation } from '../../i18n/react.js';

/** Copies a secret shown once (a token, recovery codes) and says so. Where the browser offers no
 * clipboard (plain HTTP on another host), it selects the text for the reader to copy instead. */
export function CopyButton({ text, label, selectId }: { text: string; label: string; selectId?: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<'idle' | 'copied' | 'selected'>('idle');

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      const target = selectId ? document.getElementById(selectId) : null;
      if (target) window.getSelection()?.selectAllChildren(target);
      setState('selected');
    }
  }

  return (
    <>
      <button type="button" className="button button--secondary button--small" onClick={() => void copy()}>
        {label}
      </button>
      <span role="status" className="copy-status">
        {state === 'copied' ? t('copy.done') : state === 'selected' ? t('copy.selected') : ''}
      </span>
    </>
  );
}
