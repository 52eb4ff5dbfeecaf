import fs from 'node:fs';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { expect, it } from 'vitest';
import type { OutcomeDocument } from '../../contract/outcome-documents.js';
import { LANGS, type Lang } from '../../domain/languages.js';
import en from '../../web/i18n/en.json' with { type: 'json' };
import es from '../../web/i18n/es.json' with { type: 'json' };
import fr from '../../web/i18n/fr.json' with { type: 'json' };
import pt from '../../web/i18n/pt.json' with { type: 'json' };
import { outcomeHelpers } from '../modules/documents/testing.js';
import { documentHelpers } from '../modules/meeting-documents/testing.js';
import { callerWith, createMeeting, validMeeting } from '../modules/meetings/testing.js';
import { type AppContext, describeEachEngine, webRoot } from '../testing/harness.js';
import type { PublicPath } from '../testing/portal-pages.js';

/**
 * Public pages as a reader without JavaScript, a search engine or a link previewer gets them: the
 * server's HTML, in the language of the address, with the page's data and its <head>. Needs the
 * built portal with its renderer (dist/web/ssr, `npx vite build`); skipped without it.
 */
const rendered = fs.existsSync(path.join(webRoot, 'ssr', 'entry-server.js'));
const ORIGIN = 'https://mispa.example.org';
const CATALOGS = { en, es, fr, pt } as const;

/** Each public page, a record it names, and what its main heading says: a catalog title, or the
 * record's name as the API gives it in the page's language. */
const PAGES: Record<PublicPath, { url: string; heading: { key: string } | { api: string; field: 'name' | 'title' } }> =
  {
    '/': { url: '/', heading: { key: 'home.officialName' } },
    '/meetings': { url: '/meetings', heading: { key: 'meetings.title' } },
    '/meetings/:slug': { url: '/meetings/mispa-v', heading: { api: '/meetings/mispa-v', field: 'name' } },
    '/meetings/:slug/documents': { url: '/meetings/mispa-v/documents', heading: { key: 'meetingDocuments.title' } },
    '/meetings/:slug/participants': {
      url: '/meetings/mispa-v/participants',
      heading: { api: '/meetings/mispa-v', field: 'name' },
    },
    '/meetings/:slug/agenda': { url: '/meetings/mispa-v/agenda', heading: { key: 'agenda.title' } },
    '/meetings/:slug/records': { url: '/meetings/mispa-v/records', heading: { key: 'records.title' } },
    '/calendar': { url: '/calendar', heading: { key: 'calendar.title' } },
    '/documents': { url: '/documents', heading: { key: 'documents.title' } },
    '/documents/:slug': {
      url: '/documents/commitment-public-security-americas',
      heading: { api: '/documents/commitment-public-security-americas', field: 'title' },
    },
    '/technical-groups': { url: '/technical-groups', heading: { key: 'groups.title' } },
    '/technical-groups/:slug': {
      url: '/technical-groups/police-management',
      heading: { api: '/technical-groups/police-management', field: 'name' },
    },
    '/member-states': { url: '/member-states', heading: { key: 'states.title' } },
    '/member-states/:slug': { url: '/member-states/ec', heading: { api: '/member-states/ec', field: 'name' } },
    '/pillars': { url: '/pillars', heading: { key: 'pillars.title' } },
    '/observatory': { url: '/observatory', heading: { key: 'observatory.title' } },
    '/observatory/:code': {
      url: '/observatory/homicide-rate',
      heading: { api: '/indicators/homicide-rate', field: 'name' },
    },
    '/follow-up': { url: '/follow-up', heading: { key: 'followUp.public.title' } },
    '/follow-up/matrix': { url: '/follow-up/matrix', heading: { key: 'followUp.public.matrixTitle' } },
    '/follow-up/rates': { url: '/follow-up/rates', heading: { key: 'followUp.public.ratesTitle' } },
    '/follow-up/states/:slug': { url: '/follow-up/states/ec', heading: { api: '/member-states/ec', field: 'name' } },
    '/networks': { url: '/networks', heading: { key: 'networks.title' } },
    '/team': { url: '/team', heading: { key: 'team.title' } },
    '/about': { url: '/about', heading: { key: 'about.title' } },
  };

function catalogText(lang: Lang, key: string): string {
  let value: unknown = CATALOGS[lang];
  for (const part of key.split('.')) value = (value as Record<string, unknown>)[part];
  if (typeof value !== 'string') throw new Error(`no text ${key} in ${lang}`);
  return value;
}

const decodeEntities = (html: string) =>
  html
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
const text = (html: string) => decodeEntities(html.replace(/<!-- -->/g, '').replace(/<[^>]+>/g, ''));

/** The parts of a rendered page a test reads. */
function parsePage(res: LightMyRequestResponse) {
  const body = res.body;
  const head = body.slice(0, body.indexOf('</head>'));
  const root = body.slice(body.indexOf('<div id="root">'));
  const meta = (attribute: 'name' | 'property', name: string) =>
    decodeEntities(new RegExp(`<meta ${attribute}="${name}" content="([^"]*)"`).exec(head)?.[1] ?? '');
  const alternates = Object.fromEntries(
    [...head.matchAll(/<link rel="alternate" hrefLang="([^"]+)" href="([^"]+)"/g)].map((m) => [m[1], m[2]]),
  );
  return {
    lang: /<html lang="([^"]+)"/.exec(body)?.[1],
    title: text(/<title>([^<]*)<\/title>/.exec(head)?.[1] ?? ''),
    description: meta('name', 'description'),
    canonical: /<link rel="canonical" href="([^"]+)"/.exec(head)?.[1],
    alternates,
    og: (name: string) => meta('property', `og:${name}`),
    twitter: (name: string) => meta('name', `twitter:${name}`),
    h1: text(/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(root)?.[1] ?? ''),
    main: text(/<main[^>]*>([\s\S]*?)<\/main>/.exec(root)?.[1] ?? ''),
    jsonLd: [...root.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map(
      (m) => JSON.parse(m[1] as string) as Record<string, unknown>,
    ),
    hasState: body.includes('<script type="application/json" id="ssr-state">'),
    body,
  };
}

async function apiName(ctx: AppContext, apiPath: string, field: 'name' | 'title', lang: Lang): Promise<string> {
  const res = await ctx.app.inject({ url: `/api/v1${apiPath}?lang=${lang}` });
  return (res.json() as Record<string, { text: string }>)[field]?.text as string;
}

describeEachEngine(
  'public pages rendered on the server',
  (ctx) => {
    it.skipIf(!rendered).each(LANGS)(
      'renders every public page in %s with its heading, data and <head>',
      async (lang) => {
        for (const { url, heading } of Object.values(PAGES)) {
          const address = `/${lang}${url}`.replace(/\/$/, url === '/' ? '/' : '');
          const res = await ctx.app.inject({ url: address });
          expect(res.statusCode, address).toBe(200);
          const page = parsePage(res);
          const expected =
            'key' in heading ? catalogText(lang, heading.key) : await apiName(ctx, heading.api, heading.field, lang);
          expect(page.lang, address).toBe(lang);
          expect(page.h1, address).toContain(expected);
          // The data is there, not its loading state.
          expect(page.main, address).not.toContain(catalogText(lang, 'status.loading'));
          expect(page.main.length, address).toBeGreaterThan(page.h1.length + 20);
          expect(page.title, address).toMatch(/ · MISPA$/);
          expect(page.description.length, address).toBeGreaterThan(10);
          expect(page.canonical, address).toBe(`${ORIGIN}${address}`);
          expect(page.alternates, address).toEqual({
            ...Object.fromEntries(LANGS.map((other) => [other, `${ORIGIN}/${other}${url}`])),
            'x-default': `${ORIGIN}${url}`,
          });
          expect(page.og('title'), address).toBe(page.title.replace(/ · MISPA$/, ''));
          expect(page.og('description'), address).toBe(page.description);
          expect(page.og('url'), address).toBe(page.canonical);
          expect(page.og('image'), address).toMatch(new RegExp(`^${ORIGIN}/assets/share-card-[\\w-]+\\.png$`));
          expect(page.twitter('card'), address).toBe('summary_large_image');
          expect(page.hasState, address).toBe(true);
        }
      },
      60_000,
    );

    it.skipIf(!rendered)('serves the link-preview image from this host', async () => {
      const page = parsePage(await ctx.app.inject({ url: '/en/' }));
      const image = await ctx.app.inject({ url: new URL(page.og('image')).pathname });
      expect(image.statusCode).toBe(200);
      expect(image.headers['content-type']).toBe('image/png');
    });

    it.skipIf(!rendered)(
      'names the meeting, its dates and place in a meeting page’s preview, per language',
      async () => {
        const english = parsePage(await ctx.app.inject({ url: '/en/meetings/mispa-v' }));
        expect(english.og('title')).toBe(await apiName(ctx, '/meetings/mispa-v', 'name', 'en'));
        expect(english.og('description')).toMatch(/^MISPA V · .*2015 · Lima, Peru$/);
        const spanish = parsePage(await ctx.app.inject({ url: '/es/meetings/mispa-v' }));
        expect(spanish.og('title')).toBe(await apiName(ctx, '/meetings/mispa-v', 'name', 'es'));
        expect(spanish.og('description')).toMatch(/^MISPA V · .*noviembre de 2015 · Lima, Perú$/);
      },
    );

    it.skipIf(!rendered)('describes the process as an Organization and a meeting as an Event (JSON-LD)', async () => {
      const home = parsePage(await ctx.app.inject({ url: '/fr/' }));
      expect(home.jsonLd).toEqual([
        expect.objectContaining({ '@type': 'Organization', name: catalogText('fr', 'home.officialName') }),
      ]);
      const meeting = parsePage(await ctx.app.inject({ url: '/pt/meetings/mispa-v' }));
      expect(meeting.jsonLd).toEqual([
        expect.objectContaining({
          '@context': 'https://schema.org',
          '@type': 'Event',
          name: await apiName(ctx, '/meetings/mispa-v', 'name', 'pt'),
          startDate: expect.stringMatching(/^2015-/),
          eventStatus: 'https://schema.org/EventScheduled',
          location: expect.objectContaining({ address: expect.objectContaining({ addressCountry: 'PE' }) }),
        }),
      ]);
    });

    it.skipIf(!rendered)(
      'answers an unknown record or page with the portal’s 404 page, rendered, in its language',
      async () => {
        for (const lang of LANGS) {
          for (const url of [`/${lang}/meetings/no-such-meeting`, `/${lang}/documents/nope`, `/${lang}/no-such-page`]) {
            const res = await ctx.app.inject({ url });
            expect(res.statusCode, url).toBe(404);
            const page = parsePage(res);
            expect(page.h1, url).toBe(catalogText(lang, 'notFound.title'));
            // The browser draws a 404 afresh: no state to hydrate.
            expect(page.hasState, url).toBe(false);
          }
          // An address under no language: the page in the language the reader's browser asks for.
          const res = await ctx.app.inject({ url: '/no-such-page', headers: { 'accept-language': `${lang};q=0.9` } });
          expect(res.statusCode).toBe(404);
          expect(res.body).toContain(`<html lang="${lang}"`);
          expect(parsePage(res).h1).toBe(catalogText(lang, 'notFound.title'));
        }
      },
    );

    it.skipIf(!rendered)(
      'applies a list’s filters from its address, a form that works without JavaScript',
      async () => {
        const res = await ctx.app.inject({ url: '/en/meetings?year=2015' });
        expect(res.statusCode).toBe(200);
        const page = parsePage(res);
        expect(page.main).toContain('MISPA V');
        expect(page.main).not.toContain('MISPA I ');
        expect(res.body).toMatch(/<form [^>]*method="get"[^>]*>[\s\S]*<select [^>]*name="year"/);
        expect(res.body).toContain(
          `<noscript><button type="submit" class="button button--secondary">${en.filters.apply}</button></noscript>`,
        );
      },
    );

    it.skipIf(!rendered)('never shows a draft meeting to the public, and shows it to the secretariat', async () => {
      const secretariat = await callerWith(ctx, 'secretariat-staff');
      const draft = await createMeeting(ctx, secretariat);
      const name = `Test Meeting ${draft.slug.replace(/^mispa-/, '').toUpperCase()}`;
      for (const url of ['/en/', '/en/meetings', '/en/calendar']) {
        const res = await ctx.app.inject({ url });
        expect(res.statusCode, url).toBe(200);
        expect(res.body, url).not.toContain(draft.slug);
      }
      const hidden = await ctx.app.inject({ url: `/en/meetings/${draft.slug}` });
      expect(hidden.statusCode).toBe(404);
      expect(hidden.body).not.toContain(name);
      // A signed-in reader gets HTML rendered with their rights, never the public's copy.
      const staff = await ctx.app.inject({ url: `/en/meetings/${draft.slug}`, headers: secretariat });
      expect(staff.statusCode).toBe(200);
      expect(parsePage(staff).h1).toContain(name);
      // Their account menu (a lazily loaded part) is in place: nothing left for an inline script,
      // which the CSP would refuse, to reveal.
      expect(staff.body).toContain('Account menu:');
      expect(staff.body).not.toMatch(/<script>|<!--\$[?!]-->/);
      expect(staff.headers['cache-control']).toBe('private, no-cache');
      const list = await ctx.app.inject({ url: '/en/meetings', headers: secretariat });
      expect(list.body).toContain(draft.slug);
      expect((await ctx.app.inject({ url: '/en/meetings' })).body).not.toContain(draft.slug);
    });

    it.skipIf(!rendered)('keeps a public page until the data changes', async () => {
      const before = await ctx.app.inject({ url: '/es/meetings' });
      const again = await ctx.app.inject({ url: '/es/meetings' });
      expect(again.body).toBe(before.body);
      expect(again.headers.etag).toBe(before.headers.etag);
      const secretariat = await callerWith(ctx, 'secretariat-staff');
      const meeting = await createMeeting(ctx, secretariat);
      const admin = await callerWith(ctx, 'secretariat-admin');
      const convene = await ctx.app.inject({
        method: 'POST',
        url: `/api/v1/meetings/${meeting.slug}/convene`,
        headers: admin,
      });
      expect(convene.statusCode, convene.body).toBeLessThan(300);
      const after = await ctx.app.inject({ url: '/es/meetings' });
      expect(after.body).toContain(meeting.slug);
    });
    /** A document drafted on the platform: a section, a preambular and two operative paragraphs (one
     * a recommendation), translated into English; adopted unless told. */
    async function outcomeDocument(adopt = true) {
      const h = outcomeHelpers(ctx);
      const secretariat = await h.as('secretariat-staff');
      const meeting = await h.meeting();
      let doc = await h.draft(secretariat, meeting.slug);
      const stamp = doc.id.slice(-10);
      doc = await h.addNode(secretariat, doc, { kind: 'section', text: `Sección ${stamp}` });
      const section = doc.body[0]?.id as string;
      doc = await h.addNode(secretariat, doc, { kind: 'preambular', parentId: section, text: `Recordando ${stamp}` });
      doc = await h.addNode(secretariat, doc, { kind: 'operative', parentId: section, text: `Acordar ${stamp}` });
      doc = await h.addNode(secretariat, doc, {
        kind: 'operative',
        parentId: section,
        text: `Recomendar ${stamp}`,
        mark: 'recommendation',
        pillars: ['prevention'],
      });
      for (const [i, node] of doc.body.entries()) {
        doc = await h.ok('PUT', `/documents/${doc.id}/nodes/${node.id}/texts/en`, secretariat, {
          version: doc.version,
          text: `English ${i} ${stamp}`,
          state: 'done',
        });
      }
      if (adopt) {
        for (const status of ['under-negotiation', 'agreed-ad-referendum', 'adopted']) {
          doc = await h.ok('POST', `/documents/${doc.id}/status`, secretariat, { version: doc.version, status });
        }
      }
      return { doc, stamp, secretariat };
    }

    it.skipIf(!rendered)(
      'renders an adopted document’s text with numbered, anchored paragraphs, marks, languages and Legislation data',
      async () => {
        const { doc, stamp } = await outcomeDocument();
        const recommendation = doc.body[3] as OutcomeDocument['body'][number];
        for (const lang of LANGS) {
          const url = `/${lang}/documents/${doc.slug}`;
          const res = await ctx.app.inject({ url });
          expect(res.statusCode, url).toBe(200);
          const page = parsePage(res);
          expect(page.h1, url).toContain(await apiName(ctx, `/documents/${doc.slug}`, 'title', lang));
          // English reads the translations; the other languages the Spanish original (marked so in
          // French and Portuguese, which have no translation).
          const shown = lang === 'en' ? `English 3 ${stamp}` : `Recomendar ${stamp}`;
          expect(page.main, url).toContain(
            `${catalogText(lang, 'documents.body.operativeNumber').replace('{{number}}', '2')}${shown}`,
          );
          expect(page.main, url).toContain(
            catalogText(lang, 'documents.body.preambularNumber').replace('{{number}}', '1'),
          );
          expect(page.main, url).toContain(catalogText(lang, 'documents.mark.recommendation'));
          expect(res.body, url).toContain(`id="p-${recommendation.id}"`);
          expect(res.body, url).toContain(`href="#p-${recommendation.id}"`);
          expect(page.main.includes(catalogText(lang, 'documents.body.untranslated')), url).toBe(
            lang === 'fr' || lang === 'pt',
          );
          expect(page.main, url).toContain(catalogText(lang, 'documents.languages.authoritative'));
          expect(page.jsonLd, url).toEqual([
            expect.objectContaining({
              '@context': 'https://schema.org',
              '@type': 'Legislation',
              name: await apiName(ctx, `/documents/${doc.slug}`, 'title', lang),
              legislationIdentifier: doc.symbol,
              legislationDate: doc.adoptedOn,
              inLanguage: ['en', 'es'],
              url: `${ORIGIN}${url}`,
            }),
          ]);
        }
      },
      60_000,
    );

    it.skipIf(!rendered)(
      'says when the text is not held, links its source, and shows the lineage on both sides',
      async () => {
        const commitment = await ctx.app.inject({ url: '/es/documents/commitment-public-security-americas' });
        const page = parsePage(commitment);
        expect(page.main).toContain(catalogText('es', 'documents.body.notHeld'));
        expect(commitment.body).toMatch(/<a href="https?:[^"]+">Léalo en su fuente pública<\/a>/);
        expect(page.main).toContain(catalogText('es', 'documents.links.reaffirmedBy'));
        expect(commitment.body).toContain('href="/es/documents/consensus-santo-domingo"');
        const consensus = await ctx.app.inject({ url: '/fr/documents/consensus-santo-domingo' });
        expect(parsePage(consensus).main).toContain(catalogText('fr', 'documents.links.reaffirms'));
        expect(consensus.body).toContain('href="/fr/documents/commitment-public-security-americas"');
      },
    );

    it.skipIf(!rendered)(
      'never shows a draft document’s text to the public, and shows it to the secretariat',
      async () => {
        const { doc, stamp, secretariat } = await outcomeDocument(false);
        for (const url of [
          '/en/documents',
          `/en/meetings/${doc.meeting.slug}`,
          `/en/documents?meeting=${doc.meeting.slug}`,
        ]) {
          const res = await ctx.app.inject({ url });
          expect(res.statusCode, url).toBe(200);
          expect(res.body, url).not.toContain(doc.slug);
          expect(res.body, url).not.toContain(stamp);
        }
        const hidden = await ctx.app.inject({ url: `/en/documents/${doc.slug}` });
        expect(hidden.statusCode).toBe(404);
        expect(hidden.body).not.toContain(stamp);
        const staff = await ctx.app.inject({ url: `/en/documents/${doc.slug}`, headers: secretariat });
        expect(staff.statusCode).toBe(200);
        expect(parsePage(staff).main).toContain(`English 2 ${stamp}`);
        expect(parsePage(staff).main).toContain(catalogText('en', 'documents.status.draft'));
        // A draft is no Legislation yet.
        expect(parsePage(staff).jsonLd).toEqual([]);
      },
    );

    it.skipIf(!rendered)(
      'filters the library by kind, meeting, pillar, year and language, without JavaScript',
      async () => {
        const { doc } = await outcomeDocument();
        const listed = async (query: string) => {
          const res = await ctx.app.inject({ url: `/pt/documents?${query}` });
          expect(res.statusCode, query).toBe(200);
          return res.body;
        };
        const year = (doc.adoptedOn ?? '').slice(0, 4);
        for (const query of [
          'kind=outcome',
          `meeting=${doc.meeting.slug}`,
          `year=${year}`,
          'pillar=prevention&language=en',
          'language=es&kind=outcome&sort=symbol',
        ]) {
          expect(await listed(query), query).toContain(`href="/pt/documents/${doc.slug}"`);
        }
        for (const query of ['kind=working', 'language=fr', 'meeting=mispa-i', 'year=2008']) {
          const body = await listed(query);
          expect(body, query).not.toContain(`href="/pt/documents/${doc.slug}"`);
        }
        expect(await listed('meeting=mispa-i')).toContain('href="/pt/documents/commitment-public-security-americas"');
        const form = await listed('');
        for (const name of ['meeting', 'kind', 'language', 'pillar', 'year', 'sort']) {
          expect(form, name).toMatch(new RegExp(`<form [^>]*method="get"[^>]*>[\\s\\S]*<select [^>]*name="${name}"`));
        }
      },
    );

    it.skipIf(!rendered)('links a preparatory meeting and the ministerial meeting it prepares, both ways', async () => {
      const admin = await callerWith(ctx, 'secretariat-admin');
      const ministerial = await createMeeting(ctx, admin);
      const prep = await createMeeting(ctx, admin, {
        ...validMeeting({ kind: 'preparatory', number: null, prepares: ministerial.slug }),
        name: { es: 'Reunión preparatoria de prueba' },
      });
      for (const slug of [ministerial.slug, prep.slug]) {
        const res = await ctx.app.inject({
          method: 'POST',
          url: `/api/v1/meetings/${slug}/convene`,
          headers: admin,
          payload: {},
        });
        expect(res.statusCode, res.body).toBe(200);
      }
      const prepPage = await ctx.app.inject({ url: `/es/meetings/${prep.slug}` });
      expect(parsePage(prepPage).main).toContain(catalogText('es', 'meetings.prepares'));
      expect(prepPage.body).toContain(`href="/es/meetings/${ministerial.slug}"`);
      const ministerialPage = await ctx.app.inject({ url: `/es/meetings/${ministerial.slug}` });
      expect(parsePage(ministerialPage).main).toContain(catalogText('es', 'meetings.preparedBy'));
      expect(ministerialPage.body).toMatch(
        new RegExp(`href="/es/meetings/${prep.slug}"[^>]*>Reunión preparatoria de prueba</a>`),
      );
    });

    it.skipIf(!rendered)('lists the meetings’ documents in the library as each reader may see them', async () => {
      const docs = documentHelpers(ctx);
      const secretariat = await docs.as('secretariat-staff');
      const meeting = await docs.meeting('convened');
      const open = await docs.created(secretariat, meeting.slug, { titles: { fr: 'Plan de travail ouvert' } });
      const kept = await docs.created(secretariat, meeting.slug, {
        titles: { fr: 'Réservé aux délégations' },
        visibility: 'delegations',
      });
      const link = (id: string) => `href="/fr/meetings/${meeting.slug}/documents#document-${id}"`;
      const res = await ctx.app.inject({ url: `/fr/documents?meeting=${meeting.slug}` });
      expect(res.statusCode).toBe(200);
      const page = parsePage(res);
      expect(page.h1).toBe(catalogText('fr', 'documents.title'));
      expect(res.body).toContain(link(open.id));
      expect(page.main).toContain('Plan de travail ouvert');
      expect(page.main).toContain(open.symbol);
      expect(page.main).toContain(catalogText('fr', 'meetingDocuments.category.working'));
      expect(res.body).not.toContain(link(kept.id));
      expect(res.body).not.toContain('Réservé aux délégations');
      const staff = await ctx.app.inject({ url: `/fr/documents?meeting=${meeting.slug}`, headers: secretariat });
      expect(staff.body).toContain(link(kept.id));
    });
  },
  () => ({ publicUrl: `${ORIGIN}/` }),
);
