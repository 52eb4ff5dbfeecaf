import { readFileSync } from 'node:fs';
import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '../../../domain/audit.js';
import { auditActionLabels } from './auditActions.js';

/** A catalog's text for a dotted key, or undefined. */
function lookup(lang: string) {
  const catalog = JSON.parse(readFileSync(new URL(`../../i18n/${lang}.json`, import.meta.url), 'utf8'));
  return (key: string): unknown => key.split('.').reduce<unknown>((node, part) => (node as never)?.[part], catalog);
}

describe.each(['en', 'es', 'fr', 'pt'])('the audit trail’s actions in %s', (lang) => {
  const text = lookup(lang);
  const labels = auditActionLabels(((key: string) => text(key)) as TFunction);

  it('name every action the trail records, each in its own words', () => {
    const missing = AUDIT_ACTIONS.filter((action) => typeof labels[action] !== 'string' || !labels[action].trim());
    expect(missing, `actions without a label in ${lang}.json`).toEqual([]);
    // The filter lists them by their words: two alike could not be told apart.
    const seen = new Map<string, string>();
    const alike = AUDIT_ACTIONS.filter((action) => {
      const other = seen.get(labels[action]);
      seen.set(labels[action], action);
      return other !== undefined;
    });
    expect(alike, `actions sharing their words with another in ${lang}.json`).toEqual([]);
  });
});
