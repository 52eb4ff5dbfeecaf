import path from 'node:path';
import { expect, it } from 'vitest';
import { LANGS } from '../../../domain/languages.js';
import { PRIVATE_PATHS, PUBLIC_PATHS } from '../../../domain/portal-routes.js';
import { contentGeneration } from '../../db/content-generation.js';
import { describeEachEngine, repoRoot } from '../../testing/harness.js';
import { schemaCheckRuns, schemaCheckTitle, validateXml } from '../../testing/xmllint.js';
import { documentHelpers } from '../meeting-documents/testing.js';
import { callerWith, createMeeting } from '../meetings/testing.js';

const BASE = 'https://mispa.example.org';
const SCHEMA = path.join(repoRoot, 'test/schemas/sitemaps/sitemap-with-alternates.xsd');

interface UrlEntry {
  loc: string;
  lastmod: string | null;
  alternates: Record<string, string>;
}

/** The sitemap's entries by address. */
function entries(xml: string): Map<string, UrlEntry> {
  const map = new Map<string, UrlEntry>();
  for (const [, body = ''] of xml.matchAll(/<url>(.*?)<\/url>/gs)) {
    const loc = /<loc>(.*?)<\/loc>/.exec(body)?.[1] ?? '';
    const alternates = Object.fromEntries(
      [...body.matchAll(/<xhtml:link rel="alternate" hreflang="([^"]+)" href="([^"]+)"\/>/g)].map((m) => [m[1], m[2]]),
    );
    map.set(loc, { loc, lastmod: /<lastmod>(.*?)<\/lastmod>/.exec(body)?.[1] ?? null, alternates });
  }
  return map;
}

/** Whether robots.txt lets a crawler fetch `urlPath` (RFC 9309: the longest matching rule wins, Allow on a tie). */
function allowed(robots: string, urlPath: string): boolean {
  let best: { length: number; allow: boolean } = { length: -1, allow: true };
  for (const line of robots.split('\n')) {
    const match = /^(Allow|Disallow): (.+)$/.exec(line);
    if (!match) continue;
    const [, kind, rule = ''] = match;
    const pattern = new RegExp(`^${rule.replace(/[.?+^()[\]{}|\\]/g, '\\$&').replace(/\*/g, '.*')}`);
    if (!pattern.test(urlPath)) continue;
    const allow = kind === 'Allow';
    if (rule.length > best.length || (rule.length === best.length && allow)) best = { length: rule.length, allow };
  }
  return best.allow;
}

const secondsOf = (iso: string) => new Date(iso).toISOString().replace(/\.\d+Z$/, 'Z');

describeEachEngine(
  'GET /sitemap.xml and /robots.txt',
  (ctx) => {
    const sitemap = async (headers: Record<string, string> = {}) => {
      const res = await ctx.app.inject({ url: '/sitemap.xml', headers });
      expect(res.statusCode, res.body).toBe(200);
      return res;
    };
    const slugsOf = async (table: 'member_state' | 'technical_group') =>
      (await ctx.database.db.selectFrom(table).select('slug').execute()).map((r) => r.slug);

    it('lists every public page in the four languages, each naming the others and x-default', async () => {
      const res = await sitemap();
      expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
      expect(res.headers['cache-control']).toBe('public, no-cache');
      const urls = entries(res.body);
      const documents = await ctx.database.db.selectFrom('document').select('slug').execute();
      const pages = [
        '/',
        '/meetings',
        '/calendar',
        '/documents',
        '/technical-groups',
        '/member-states',
        '/pillars',
        '/observatory',
        '/networks',
        '/team',
        '/about',
        '/follow-up',
        '/follow-up/matrix',
        '/follow-up/rates',
        '/meetings/mispa-i',
        '/observatory/homicide-rate',
        ...documents.map((d) => `/documents/${d.slug}`),
        ...(await slugsOf('member_state')).map((slug) => `/member-states/${slug}`),
        ...(await slugsOf('member_state')).map((slug) => `/follow-up/states/${slug}`),
        ...(await slugsOf('technical_group')).map((slug) => `/technical-groups/${slug}`),
      ];
      expect(documents.length).toBeGreaterThan(0);
      for (const page of pages) {
        const at = (lang: string) => `${BASE}/${lang}${page === '/' ? '/' : page}`;
        for (const lang of LANGS) {
          const entry = urls.get(at(lang));
          expect(entry, at(lang)).toBeDefined();
          expect(entry?.lastmod, at(lang)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
          expect(entry?.alternates).toEqual({
            ...Object.fromEntries(LANGS.map((l) => [l, at(l)])),
            'x-default': `${BASE}${page}`,
          });
        }
      }
      // Nothing but those pages and the other meetings' overviews: the platform holds no agenda,
      // documents, participants or records of a historic meeting, and the portal offers none.
      const meetingPages = [...urls.keys()].filter((loc) => /\/meetings\/[^/]+/.test(loc)).length;
      const meetings = await ctx.database.db
        .selectFrom('meeting')
        .where('status', '<>', 'draft')
        .select('id')
        .execute();
      expect(urls.size).toBe((pages.length - 1) * 4 + meetings.length * 4);
      expect(meetingPages).toBe(meetings.length * 4);
      for (const loc of urls.keys()) {
        expect(loc).not.toMatch(/\/(sign-in|two-factor|account|invitation|password-reset|admin|registration|edit)\b/);
        expect(loc).not.toMatch(/\/meetings\/new$/);
      }
    });

    it(
      schemaCheckTitle('sitemap', 'validates against the sitemaps.org schema (xmllint), which refuses a broken one'),
      async (test) => {
        if (!schemaCheckRuns) return test.skip();
        const { body } = await sitemap();
        const verdict = validateXml(body, SCHEMA);
        expect(verdict.output).toContain('validates');
        expect(verdict.status, verdict.output).toBe(0);
        // The check is real: a date the schema does not accept fails it.
        const broken = validateXml(body.replace(/<lastmod>[^<]+<\/lastmod>/, '<lastmod>yesterday</lastmod>'), SCHEMA);
        expect(broken.status).not.toBe(0);
      },
    );

    it('never lists a draft meeting; once convened, each of its public pages is there in every language, dated by it', async () => {
      const admin = await callerWith(ctx, 'secretariat-admin');
      const meeting = await createMeeting(ctx, admin);
      // Not to the public, nor to the secretariat: the sitemap is what anyone may read.
      for (const headers of [{}, admin]) expect((await sitemap(headers)).body).not.toContain(meeting.slug);
      const res = await ctx.app.inject({
        method: 'POST',
        url: `/api/v1/meetings/${meeting.slug}/convene`,
        headers: admin,
      });
      expect(res.statusCode, res.body).toBe(200);
      const row = await ctx.database.db
        .selectFrom('meeting')
        .select('updated_at')
        .where('slug', '=', meeting.slug)
        .executeTakeFirstOrThrow();
      const urls = entries((await sitemap()).body);
      for (const lang of LANGS) {
        for (const tab of ['', '/agenda', '/participants', '/documents', '/records']) {
          expect(urls.get(`${BASE}/${lang}/meetings/${meeting.slug}${tab}`)?.lastmod).toBe(secondsOf(row.updated_at));
        }
        for (const tab of ['/edit', '/registration'])
          expect(urls.has(`${BASE}/${lang}/meetings/${meeting.slug}${tab}`)).toBe(false);
      }
      // The meetings list is dated by its newest meeting.
      expect(urls.get(`${BASE}/en/meetings`)?.lastmod).toBe(secondsOf(row.updated_at));
    });

    it('dates a meeting’s documents page by its public documents only, never by one for delegations', async () => {
      const docs = documentHelpers(ctx);
      const secretariat = await docs.as('secretariat-admin');
      const meeting = await docs.meeting('convened');
      const hidden = await docs.created(secretariat, meeting.slug, { visibility: 'delegations' });
      const later = '2031-02-03T04:05:06.000Z';
      const setDocument = async (patch: { updated_at: string; visibility?: 'public' }) => {
        await ctx.database.db.updateTable('meeting_document').set(patch).where('id', '=', hidden.id).execute();
        await contentGeneration(ctx.database.db).change();
      };
      await setDocument({ updated_at: later });
      const documentsPage = async () =>
        entries((await sitemap()).body).get(`${BASE}/es/meetings/${meeting.slug}/documents`)?.lastmod;
      const { updated_at } = await ctx.database.db
        .selectFrom('meeting')
        .select('updated_at')
        .where('id', '=', meeting.id)
        .executeTakeFirstOrThrow();
      expect(await documentsPage()).toBe(secondsOf(updated_at));
      await setDocument({ updated_at: later, visibility: 'public' });
      expect(await documentsPage()).toBe('2031-02-03T04:05:06Z');
    });

    it('lists a historic meeting’s documents page once it holds a public document, not for one for delegations', async () => {
      const docs = documentHelpers(ctx);
      const secretariat = await docs.as('secretariat-admin');
      const page = (lang: string) => `${BASE}/${lang}/meetings/mispa-ii/documents`;
      await docs.created(secretariat, 'mispa-ii', { visibility: 'delegations' });
      let urls = entries((await sitemap()).body);
      for (const lang of LANGS) expect(urls.has(page(lang))).toBe(false);
      const shared = await docs.created(secretariat, 'mispa-ii', { visibility: 'public' });
      urls = entries((await sitemap()).body);
      for (const lang of LANGS) expect(urls.get(page(lang))?.lastmod).toBe(secondsOf(shared.updatedAt));
      // Its other pages still hold nothing; its overview is there as before.
      expect(urls.has(`${BASE}/en/meetings/mispa-ii/agenda`)).toBe(false);
      expect(urls.has(`${BASE}/en/meetings/mispa-ii`)).toBe(true);
    });

    it('is kept until the content generation changes, then made again; an unchanged one is a 304', async () => {
      const [state = ''] = await slugsOf('member_state');
      const first = await sitemap();
      expect(first.headers.etag).toBeTruthy();
      const unchanged = await ctx.app.inject({
        url: '/sitemap.xml',
        headers: { 'if-none-match': String(first.headers.etag) },
      });
      expect(unchanged.statusCode).toBe(304);
      const moved = '2032-06-07T08:09:10.000Z';
      const original = await ctx.database.db
        .selectFrom('member_state')
        .select('updated_at')
        .where('slug', '=', state)
        .executeTakeFirstOrThrow();
      const restamp = (at: string) =>
        ctx.database.db.updateTable('member_state').set({ updated_at: at }).where('slug', '=', state).execute();
      await restamp(moved);
      // Changed behind the platform's back: the kept copy is still served, as every kept reply is.
      expect((await sitemap()).body).toBe(first.body);
      await contentGeneration(ctx.database.db).change();
      const fresh = await sitemap();
      expect(fresh.headers.etag).not.toBe(first.headers.etag);
      const urls = entries(fresh.body);
      for (const lang of LANGS)
        expect(urls.get(`${BASE}/${lang}/member-states/${state}`)?.lastmod).toBe('2032-06-07T08:09:10Z');
      expect(urls.get(`${BASE}/fr/member-states`)?.lastmod).toBe('2032-06-07T08:09:10Z');
      await restamp(original.updated_at);
      await contentGeneration(ctx.database.db).change();
      // Compressed for a reader who accepts it, like any kept reply.
      const compressed = await ctx.app.inject({ url: '/sitemap.xml', headers: { 'accept-encoding': 'gzip' } });
      expect(compressed.headers['content-encoding']).toBe('gzip');
    });

    it('robots.txt allows every public page, disallows the private ones and the API, and names the sitemap', async () => {
      const res = await ctx.app.inject({ url: '/robots.txt' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(res.headers['cache-control']).toBe('public, no-cache');
      const robots = res.body;
      expect(robots).toContain('User-agent: *\n');
      expect(robots.trimEnd().split('\n').at(-1)).toBe(`Sitemap: ${BASE}/sitemap.xml`);
      const sample = (page: string) => page.replace(/:[a-zA-Z]+/g, 'some-key');
      for (const lang of LANGS) {
        for (const page of PUBLIC_PATHS) expect(allowed(robots, `/${lang}${sample(page)}`), page).toBe(true);
        for (const page of PRIVATE_PATHS) {
          expect(allowed(robots, `/${lang}${sample(page)}`), page).toBe(false);
          expect(allowed(robots, `/${lang}${sample(page)}?from=somewhere`), page).toBe(false);
          expect(allowed(robots, `/${lang}${sample(page)}/`), page).toBe(false);
        }
        // A meeting whose slug begins like a private page is still public.
        expect(allowed(robots, `/${lang}/meetings/new-york-2031`)).toBe(true);
      }
      for (const loc of entries((await sitemap()).body).keys())
        expect(allowed(robots, new URL(loc).pathname), loc).toBe(true);
      expect(allowed(robots, '/api/v1/meetings')).toBe(false);
      expect(allowed(robots, '/api/docs')).toBe(false);
    });
  },
  () => ({ publicUrl: `${BASE}/` }),
);
