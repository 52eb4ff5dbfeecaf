/**
 * The parts of each catalog that ship with the page (its "shell"): what the layout, the home page and
 * the error pages say, as sections or keys within them. vite.config.ts cuts every catalog into this
 * shell and the rest, which is fetched with the first other page (or when the browser is idle), so the
 * home page's JavaScript stays small (docs/performance.md). src/web/i18n/sections.test.ts fails when
 * a module the entry loads uses a key outside the shell.
 */
export const SHELL_KEYS: readonly string[] = [
  'account.signIn',
  'brand',
  'common',
  'demo',
  'errorPage',
  'groups.createdAt',
  'groups.leadState',
  'home',
  'layout',
  'meetings.badgesLabel',
  'meetings.cityNotRecorded',
  'meetings.datesNotRecorded',
  'meetings.documentsHeading',
  'meetings.format',
  'meetings.kind',
  'meetings.moreDocuments',
  'meetings.status',
  'meetings.transition',
  'nav',
  'notFound',
  'pillars.tagsLabel',
  'status',
  'subregion',
  'unofficial',
];

export type Catalog = { [key: string]: string | Catalog };

/** The plural forms (i18next's JSON v4, which translator.ts reads): a key `x` with a count is read as
 * `x_one`, `x_other`… as the language needs. */
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/** The shell (the keys of `shellKeys`, with their plural forms, and all beneath them) or the rest of a
 * catalog. The two hold no key in common; merged deep, they make the catalog again. */
export function catalogPart(
  catalog: Catalog,
  part: 'shell' | 'rest',
  shellKeys: readonly string[] = SHELL_KEYS,
  prefix = '',
): Catalog {
  const out: Catalog = {};
  for (const [key, value] of Object.entries(catalog)) {
    const path = `${prefix}${key}`;
    if (shellKeys.includes(path) || shellKeys.includes(path.replace(PLURAL_SUFFIX, ''))) {
      if (part === 'shell') out[key] = value;
    } else if (typeof value === 'object' && shellKeys.some((shellKey) => shellKey.startsWith(`${path}.`))) {
      const inner = catalogPart(value, part, shellKeys, `${path}.`);
      if (Object.keys(inner).length > 0) out[key] = inner;
    } else if (part === 'rest') {
      out[key] = value;
    }
  }
  return out;
}
