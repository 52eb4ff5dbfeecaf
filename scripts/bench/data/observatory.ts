import type { Insertable } from 'kysely';
import type { Database } from '../../../src/server/db/schema.js';
import { type Generator, stamped } from './context.js';
import { translations } from './meetings.js';
import { THEMES } from './texts.js';

type Rows<T extends keyof Database> = Insertable<Database[T]>[];

const SOURCE_TYPES = ['criminal-justice', 'public-health', 'survey', 'other'] as const;
/** The last year with values: two years before the data set's "now", as official statistics lag. */
const lastYear = (epoch: number) => new Date(epoch).getUTCFullYear() - 2;

/** The code of bench indicator n (1-based). */
export const benchIndicatorCode = (n: number) => `bench-indicator-${String(n).padStart(2, '0')}`;

/**
 * The observatory (issue 14): `indicators` indicators beside the reference data's own, each with a
 * published value for every member state and each of `observationYears` years (a random walk per
 * state, now and then a break in the series), written as the observatory module stores them: the
 * catalogue entry, its name and definition as translations, one `observation` row per value.
 */
export const observatoryGenerator: Generator = {
  name: 'observatory',
  planned: (scale) => scale.indicators,
  async run({ scale, random, epoch, world, insert, advance }) {
    const at = new Date(epoch - 30 * 86_400_000).toISOString();
    const last = lastYear(epoch);
    const counts: Record<string, number> = { indicator: 0, translation: 0, observation: 0 };
    for (let i = 1; i <= scale.indicators; i++) {
      const id = random.uuid(epoch - 400 * 86_400_000);
      const theme = i % THEMES.en.length;
      const code = benchIndicatorCode(i);
      await insert('indicator', [
        {
          id,
          code,
          unit: random.pick(['per-100000-inhabitants', 'percent', 'count'] as const),
          iccs_code: null,
          sdg_code: null,
          source_type: random.pick(SOURCE_TYPES),
          source_organisation: 'MISPA bench data set',
          source_url: `https://bench.example/indicators/${code}`,
          licence: 'CC BY 4.0',
          licence_url: 'https://creativecommons.org/licenses/by/4.0/',
          attribution: 'Synthetic values of the MISPA bench data set',
          higher_is_worse: random.chance(0.7) ? 1 : 0,
          ...stamped(at),
        },
      ]);
      const texts = [
        ...translations('indicator', id, 'name', (l) => `${THEMES[l][theme]} ${i}`, at),
        ...translations('indicator', id, 'definition', (l) => `${THEMES[l][theme]}: bench indicator ${i}.`, at),
      ];
      await insert('translation', texts);
      const observations: Rows<'observation'> = [];
      for (const state of world.stateIds) {
        let value = random.int(5, 500) / 10;
        for (let year = last - scale.observationYears + 1; year <= last; year++) {
          value = Math.max(0, value * (0.9 + random.next() * 0.2));
          observations.push({
            id: random.uuid(epoch - (last - year) * 365 * 86_400_000),
            indicator_id: id,
            member_state_id: state,
            year,
            value: Math.round(value * 100) / 100,
            status: 'published',
            source: 'Bench national statistics office',
            notes: null,
            break_in_series: random.chance(0.01) ? 1 : 0,
            submitted_by: null,
            reviewed_by: null,
            reviewed_at: null,
            review_reason: null,
            ...stamped(at),
          });
        }
      }
      await insert('observation', observations);
      counts.indicator = (counts.indicator ?? 0) + 1;
      counts.translation = (counts.translation ?? 0) + texts.length;
      counts.observation = (counts.observation ?? 0) + observations.length;
      advance(1);
    }
    return counts;
  },
};
