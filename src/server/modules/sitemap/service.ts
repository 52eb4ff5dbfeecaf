import type { Kysely } from 'kysely';
import { LANGS } from '../../../domain/languages.js';
import { type PortalPath, PRIVATE_PATHS, PUBLIC_PATHS, type PublicPortalPath } from '../../../domain/portal-routes.js';
import { escapeMarkup } from '../../../domain/text.js';
import type { Database } from '../../db/schema.js';
import { type Dated, type PublicRecords, publicRecords } from './queries.js';

type RecordPage = Extract<PublicPortalPath, `${string}:${string}`>;
type ListPage = Exclude<PublicPortalPath, RecordPage>;
type MeetingChildren = PublicRecords['meetingChildren'];

/** The public pages of a meeting besides its overview: `/meetings/:slug/<tab>`. */
export type MeetingTab = PublicPortalPath extends infer P
  ? P extends `/meetings/:slug/${infer T}`
    ? T
    : never
  : never;

/**
 * Whether a meeting's page holds anything for the public, read as that page reads it (app.ts makes
 * them from the modules' own reads). The portal offers a historic meeting's agenda, documents,
 * participants and records only when the platform holds some, and so does the sitemap.
 */
export type MeetingTabsHeld = Record<MeetingTab, (slug: string) => Promise<boolean>>;

/** What the sitemap is made from: the public records, and the pages each meeting offers. */
type Listing = PublicRecords & { tabs: Map<string, ReadonlySet<MeetingTab>> };

/** One record a record page shows: the key in its path, and when what the page shows last changed. */
interface Keyed {
  key: string;
  lastmod: string | null;
}

/** The newest of these moments, as a W3C datetime to the second (what sitemaps expect); null if none. */
function latest(values: ReadonlyArray<string | null | undefined>): string | null {
  let newest = Number.NEGATIVE_INFINITY;
  for (const value of values) {
    const time = value ? Date.parse(value) : Number.NaN;
    if (time > newest) newest = time;
  }
  return Number.isFinite(newest) ? new Date(newest).toISOString().replace(/\.\d+Z$/, 'Z') : null;
}

const dated = (rows: Dated[]): Keyed[] => rows.map((r) => ({ key: r.slug, lastmod: latest([r.updated_at]) }));
const newestOf = (rows: Array<{ updated_at: string }>) => latest(rows.map((r) => r.updated_at));

/** A page (the overview, or a tab) of each meeting the public may read that offers it, dated by the
 * meeting and the children it shows. */
const meetingPage =
  (tab: MeetingTab | null, ...shown: Array<keyof MeetingChildren>) =>
  (r: Listing): Keyed[] =>
    r.meetings
      .filter((m) => tab === null || r.tabs.get(m.slug)?.has(tab))
      .map((m) => ({
        key: m.slug,
        lastmod: latest([m.updated_at, ...shown.map((child) => r.meetingChildren[child].get(m.id))]),
      }));

/** The records behind each public record page: a new public page with a parameter does not compile without its own. */
const RECORD_PAGES: Record<RecordPage, (r: Listing) => Keyed[]> = {
  '/meetings/:slug': meetingPage(null, 'adoptedDocuments'),
  '/meetings/:slug/documents': meetingPage('documents', 'meetingDocuments', 'adoptedDocuments'),
  // Which participants the public sees depends on each category's visibility: the list's own
  // dates could tell when a hidden delegation was accredited, so only the meeting's date is given.
  '/meetings/:slug/participants': meetingPage('participants'),
  '/meetings/:slug/agenda': meetingPage('agenda', 'agenda'),
  '/meetings/:slug/records': meetingPage('records', 'records', 'decisions'),
  '/documents/:slug': (r) => dated(r.documents),
  '/technical-groups/:slug': (r) => dated(r.technicalGroups),
  '/member-states/:slug': (r) => dated(r.memberStates),
  '/observatory/:code': (r) => dated(r.indicators),
  '/follow-up/states/:slug': (r) =>
    r.memberStates.map((s) => ({ key: s.slug, lastmod: latest([s.updated_at, ...r.latest.followUp]) })),
};

/** When what each other public page shows last changed. */
const LIST_PAGES: Record<ListPage, (r: Listing) => string | null> = {
  '/': (r) =>
    latest([
      newestOf(r.meetings),
      newestOf(r.technicalGroups),
      newestOf(r.memberStates),
      r.latest.pillars,
      r.latest.objectives,
    ]),
  '/meetings': (r) => newestOf(r.meetings),
  '/calendar': (r) => newestOf(r.meetings),
  '/documents': (r) => newestOf(r.documents),
  '/technical-groups': (r) => newestOf(r.technicalGroups),
  '/member-states': (r) => newestOf(r.memberStates),
  '/pillars': (r) => latest([r.latest.pillars, r.latest.objectives]),
  '/observatory': (r) => newestOf(r.indicators),
  // They show the cycles, the public reports and the member states' names.
  '/follow-up': (r) => latest([...r.latest.followUp, newestOf(r.memberStates)]),
  '/follow-up/matrix': (r) => latest([...r.latest.followUp, newestOf(r.memberStates)]),
  '/follow-up/rates': (r) => latest([...r.latest.followUp, newestOf(r.memberStates)]),
  '/networks': (r) => r.latest.networks,
  '/team': (r) => latest([r.latest.team, r.latest.partners]),
  '/about': (r) => r.latest.sources,
};

const isRecordPage = (path: PublicPortalPath): path is RecordPage => path.includes(':');

/** A page's path under a language (`/es/meetings/mispa-v`); the home page is `/es/`. */
const underLang = (lang: string, path: string) => (path === '/' ? `/${lang}/` : `/${lang}${path}`);

/**
 * /sitemap.xml and /robots.txt, for search engines: what a reader who is not signed in may read,
 * at the portal's public address (MISPA_PUBLIC_URL; never the request's Host header, which anyone
 * may set and which the reply cache does not key on).
 */
export function sitemapService(deps: { db: Kysely<Database>; publicUrl: string; held: MeetingTabsHeld }) {
  const base = deps.publicUrl.replace(/\/+$/, '');
  const allTabs = Object.keys(deps.held) as MeetingTab[];

  /** The tabs each meeting offers: all of them for a meeting run on the platform (an empty agenda
   * still says so while it is prepared); for a historic one, those that hold something. */
  async function tabsOf(meetings: PublicRecords['meetings']): Promise<Listing['tabs']> {
    const tabs = new Map<string, ReadonlySet<MeetingTab>>();
    for (const m of meetings) {
      if (m.managed_by !== 'reference') {
        tabs.set(m.slug, new Set(allTabs));
        continue;
      }
      const held = await Promise.all(allTabs.map(async (tab) => ((await deps.held[tab](m.slug)) ? [tab] : [])));
      tabs.set(m.slug, new Set(held.flat()));
    }
    return tabs;
  }

  /** Every public page, once per language, each naming the others (and the language-choosing
   * address, x-default: a path without a language is redirected by Accept-Language). */
  async function sitemap(): Promise<string> {
    const found = await publicRecords(deps.db);
    const records: Listing = { ...found, tabs: await tabsOf(found.meetings) };
    const pages = PUBLIC_PATHS.flatMap((page) =>
      isRecordPage(page)
        ? RECORD_PAGES[page](records).map(({ key, lastmod }) => ({
            path: page.replace(/:[a-zA-Z]+/, encodeURIComponent(key)),
            lastmod,
          }))
        : [{ path: page as string, lastmod: latest([LIST_PAGES[page](records)]) }],
    );
    const lines = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ];
    // At most 50,000 addresses fit in one sitemap: the process's records make a few thousand.
    for (const { path, lastmod } of pages) {
      const alternates = [
        ...LANGS.map((lang) => link(lang, `${base}${underLang(lang, path)}`)),
        link('x-default', `${base}${path}`),
      ].join('');
      for (const lang of LANGS) {
        const loc = `<loc>${escapeMarkup(`${base}${underLang(lang, path)}`)}</loc>`;
        lines.push(`<url>${loc}${lastmod ? `<lastmod>${lastmod}</lastmod>` : ''}${alternates}</url>`);
      }
    }
    lines.push('</urlset>', '');
    return lines.join('\n');
  }

  /** Public pages allowed in every language; signing in, accounts, the secretariat's pages, one-time
   * links and the API disallowed; and where the sitemap is. */
  function robots(): string {
    const rules = privateRules();
    return [
      "# The MISPA portal's public pages may be crawled in every language; sign-in, account,",
      '# administration and API paths may not.',
      'User-agent: *',
      ...LANGS.map((lang) => `Allow: /${lang}/`),
      'Disallow: /api/',
      ...LANGS.flatMap((lang) => rules.map((rule) => `Disallow: /${lang}${rule}`)),
      '',
      `Sitemap: ${base}/sitemap.xml`,
      '',
    ].join('\n');
  }

  return { sitemap, robots };
}

const link = (hreflang: string, href: string) =>
  `<xhtml:link rel="alternate" hreflang="${hreflang}" href="${escapeMarkup(href)}"/>`;

const publicPatterns = PUBLIC_PATHS.map((p) => new RegExp(`^${p.replace(/:[a-zA-Z]+/g, '[^/]+')}$`));

/**
 * The robots.txt rules of each private page (RFC 9309): a parameter matches anything (`*`), and a
 * rule covers what starts with it, unless that would also cover public pages (`/meetings/new`
 * would cover a meeting whose slug begins with "new"): then the page alone, with a trailing slash
 * or a query (`$`, `/`, `?`). Rules another already covers are left out.
 */
function privateRules(): string[] {
  const rules = PRIVATE_PATHS.flatMap((page: PortalPath) => {
    const rule = page.replace(/:[a-zA-Z]+/g, '*');
    const longer = `${page.replace(/:[a-zA-Z]+/g, 'x')}-`;
    return publicPatterns.some((pattern) => pattern.test(longer)) ? [`${rule}$`, `${rule}/`, `${rule}?`] : [rule];
  });
  return rules.filter(
    (rule) => !rules.some((other) => other !== rule && !other.endsWith('$') && rule.startsWith(other)),
  );
}

export type SitemapService = ReturnType<typeof sitemapService>;
