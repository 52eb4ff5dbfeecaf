import type { Cycle } from '../../../contract/follow-up.js';
import { useTranslation } from '../../i18n/react.js';
import { formatNumber, formatPercent } from '../shared/format.js';
import { useLang } from '../shared/useLang.js';

/** A cycle's progress: reports submitted over those expected, as a bar and as words. */
export function CycleProgress({ cycle }: { cycle: Cycle }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { submitted, expected, accepted } = cycle.progress;
  const words = t('followUp.public.progress', {
    submitted: formatNumber(submitted, lang),
    expected: formatNumber(expected, lang),
    percent: formatPercent(expected === 0 ? 0 : (submitted / expected) * 100, lang),
  });
  return (
    <div className="cycle-progress">
      <progress max={Math.max(expected, 1)} value={submitted} aria-label={words} />
      <p>
        {words} · {t('followUp.public.accepted', { accepted: formatNumber(accepted, lang) })}
      </p>
    </div>
  );
}
