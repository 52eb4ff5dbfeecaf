import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_RECORD_TYPES } from '../../../domain/audit.js';
import type { TFunction } from '../../i18n/translator.js';
import { auditActionLabels, auditRecordTypeLabels } from './auditActions.js';

/** A catalog's text for a dotted key, or undefined. */
function lookup(lang: string) {
  const catalog = JSON.parse(readFileSync(new URL(`../../i18n/${lang}.json`, import.meta.url), 'utf8'));
  return (key: string): unknown => key.split('.').reduce<unknown>((node, part) => (node as never)?.[part], catalog);
}

/** The values without a label, and those sharing their label with another (a filter could not tell them apart). */
function unnamed<T extends string>(values: readonly T[], labels: Record<T, string>) {
  const seen = new Map<string, T>();
  const alike = values.filter((value) => {
    const other = seen.get(labels[value]);
    seen.set(labels[value], value);
    return other !== undefined;
  });
  return { missing: values.filter((value) => typeof labels[value] !== 'string' || !labels[value].trim()), alike };
}

describe.each(['en', 'es', 'fr', 'pt'])('the audit trail’s words in %s', (lang) => {
  const text = lookup(lang);
  const t = ((key: string) => text(key)) as TFunction;

  it('name every action the trail records, each in its own words', () => {
    const { missing, alike } = unnamed(AUDIT_ACTIONS, auditActionLabels(t));
    expect(missing, `actions without a label in ${lang}.json`).toEqual([]);
    expect(alike, `actions sharing their words with another in ${lang}.json`).toEqual([]);
  });

  it('name every type of record the trail names, each in its own words', () => {
    const { missing, alike } = unnamed(AUDIT_RECORD_TYPES, auditRecordTypeLabels(t));
    expect(missing, `record types without a label in ${lang}.json`).toEqual([]);
    expect(alike, `record types sharing their words with another in ${lang}.json`).toEqual([]);
  });
});
