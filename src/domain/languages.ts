/** The working languages of the process (BCP 47), in menu order. The database keeps languages as
 * rows, so this list is the set the portal is translated into, not a limit of the data model. */
export const LANGS = ['en', 'es', 'fr', 'pt'] as const;
export type Lang = (typeof LANGS)[number];

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}
