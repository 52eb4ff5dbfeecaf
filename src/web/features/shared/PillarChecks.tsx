import { usePillars } from '../pillars/queries.js';
import { CheckboxGroup } from './forms.js';

/** The pillars to tick, by code: the same choice in the meeting, agenda item and partner forms. */
export function PillarChecks({
  legend,
  chosen,
  onChange,
  error,
}: {
  legend: string;
  chosen: readonly string[];
  onChange: (codes: string[]) => void;
  error?: string | undefined;
}) {
  const pillars = usePillars();
  return (
    <CheckboxGroup
      legend={legend}
      name="pillars"
      options={(pillars.data ?? []).map((pillar) => ({ value: pillar.code, label: pillar.name.text }))}
      chosen={chosen}
      onChange={onChange}
      error={error}
    />
  );
}
