import type { Lang } from '../../../contract/common.js';

/** An instant (ISO 8601 with a time) in the reader's language and time zone: "12 Mar 2025, 14:05". */
export function formatDateTime(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** A browser's user agent as a person would name it: "Firefox · Windows". Product names are not
 * translated; an agent the rules do not know is returned as it is, shortened. */
export function describeAgent(agent: string): string {
  const browser =
    [
      [/Edg\//, 'Edge'],
      [/OPR\//, 'Opera'],
      [/Firefox\//, 'Firefox'],
      [/Chrom(e|ium)\//, 'Chrome'],
      [/Safari\//, 'Safari'],
      [/^curl\//, 'curl'],
    ].find(([pattern]) => (pattern as RegExp).test(agent))?.[1] ?? null;
  const system =
    [
      [/Android/, 'Android'],
      [/iPhone|iPad/, 'iOS'],
      [/Windows/, 'Windows'],
      [/Mac OS X|Macintosh/, 'macOS'],
      [/CrOS/, 'ChromeOS'],
      [/Linux/, 'Linux'],
    ].find(([pattern]) => (pattern as RegExp).test(agent))?.[1] ?? null;
  if (browser || system) return [browser, system].filter(Boolean).join(' · ');
  return agent.length > 60 ? `${agent.slice(0, 57)}…` : agent;
}
