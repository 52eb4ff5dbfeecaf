import type { Report, ReportDraft } from '../../../contract/follow-up.js';
import type { FollowUpStatus } from '../../../domain/follow-up.js';

/**
 * A report as its form holds it: every field as typed (text, so a number or a year half typed
 * stays), and what a save sends of it (`toSend`): only the rows complete enough to be valid, so an
 * autosave never fails on a row still being filled in.
 */

export interface ValueYear {
  value: string;
  year: string;
}
export interface IndicatorRow {
  name: string;
  unit: string;
  baseline: ValueYear;
  target: ValueYear;
  latest: ValueYear;
}
export interface FormDraft {
  status: FollowUpStatus | '';
  notApplicableReason: string;
  measures: string;
  institution: string;
  cooperation: string;
  evidence: Array<{ url: string; title: string }>;
  indicators: IndicatorRow[];
  milestones: Array<{ date: string; text: string; done: boolean }>;
  subItems: Record<string, FollowUpStatus | ''>;
}

const valueYear = (v: { value: number; year: number } | null): ValueYear =>
  v ? { value: String(v.value), year: String(v.year) } : { value: '', year: '' };

export const emptyIndicator = (): IndicatorRow => ({
  name: '',
  unit: '',
  baseline: valueYear(null),
  target: valueYear(null),
  latest: valueYear(null),
});

export function formOf(report: Report | null): FormDraft {
  return {
    status: report?.status ?? '',
    notApplicableReason: report?.notApplicableReason ?? '',
    measures: report?.measures ?? '',
    institution: report?.institution ?? '',
    cooperation: report?.cooperation ?? '',
    evidence: (report?.evidence ?? []).map((e) => ({ url: e.url, title: e.title ?? '' })),
    indicators: (report?.indicators ?? []).map((i) => ({
      name: i.name,
      unit: i.unit,
      baseline: valueYear(i.baseline),
      target: valueYear(i.target),
      latest: valueYear(i.latest),
    })),
    milestones: report?.milestones ?? [],
    subItems: Object.fromEntries((report?.subItems ?? []).map((s) => [s.id, s.status])),
  };
}

const text = (value: string) => (value.trim() === '' ? null : value.trim());
const YEAR = /^\d{4}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function pair(v: ValueYear): { value: number; year: number } | null {
  const value = Number(v.value.replace(',', '.'));
  if (v.value.trim() === '' || !Number.isFinite(value) || !YEAR.test(v.year.trim())) return null;
  return { value, year: Number(v.year) };
}

/** What a save sends: the fields, and the list rows that are complete. */
export function toSend(form: FormDraft): Omit<ReportDraft, 'version'> {
  return {
    status: form.status === '' ? null : form.status,
    notApplicableReason: text(form.notApplicableReason),
    measures: text(form.measures),
    institution: text(form.institution),
    cooperation: text(form.cooperation),
    evidence: form.evidence
      .filter((e) => /^https:\/\/[^\s/]+\.[^\s]+$/.test(e.url.trim()))
      .map((e) => ({ url: e.url.trim(), title: text(e.title) })),
    indicators: form.indicators
      .filter((i) => i.name.trim() !== '' && i.unit.trim() !== '')
      .map((i) => ({
        name: i.name.trim(),
        unit: i.unit.trim(),
        baseline: pair(i.baseline),
        target: pair(i.target),
        latest: pair(i.latest),
      })),
    milestones: form.milestones
      .filter((m) => DAY.test(m.date) && m.text.trim() !== '')
      .map((m) => ({ date: m.date, text: m.text.trim(), done: m.done })),
    subItems: Object.entries(form.subItems).flatMap(([id, status]) => (status === '' ? [] : [{ id, status }])),
  };
}
