import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuiteTitle, hasBrowser } from './browser.js';
import { portalSuite } from './suite.js';

/** The texts in the order the page shows them, and the same texts in the order a reader of `lang` expects. */
async function shownAndExpected(items: Locator, lang: string): Promise<{ shown: string[]; expected: string[] }> {
  const shown = (await items.allTextContents()).map((text) => text.trim());
  return { shown, expected: [...shown].sort(new Intl.Collator(lang).compare) };
}

describe.skipIf(!hasBrowser)(browserSuiteTitle('lists of states in the reader’s language'), () => {
  const suite = portalSuite();

  describe.each(['en', 'es'] as const)('in %s', (lang) => {
    it('the about page lists the member states with sources by name, not by code', async () => {
      const { page, errors } = await suite.open(`/${lang}/about`);
      const states = page.locator('section[aria-labelledby="sources-member-state"] .source-index__record');
      await states.first().waitFor();
      const { shown, expected } = await shownAndExpected(states, lang);
      expect(shown.length).toBeGreaterThan(1);
      expect(shown).toEqual(expected);
      expect(errors).toEqual([]);
    });

    it('the meeting form offers host states by name, not by ISO code', { timeout: 60_000 }, async () => {
      const { page, errors } = await suite.open(`/${lang}/meetings/new`, { role: 'secretariat-admin' });
      const select = page.locator('form.meeting-form select[name="hostState"]');
      await select.waitFor();
      // The first option is "none"; the states follow once loaded.
      const states = select.locator('option:not([value=""])');
      await expect.poll(() => states.count()).toBeGreaterThan(30);
      const { shown, expected } = await shownAndExpected(states, lang);
      expect(shown).toEqual(expected);
      expect(errors).toEqual([]);
    });
  });
});
