import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PORTAL_PATHS } from '../../src/domain/portal-routes.js';
import { sampleSlugs } from './api.js';
import {
  type Browser,
  browserSuiteTitle,
  hasBrowser,
  horizontalOverflow,
  launchBrowser,
  seriousAxeViolations,
  visit,
} from './browser.js';
import { type RunningServer, startPortalServer } from './server.js';

// English at desktop width, Spanish at the narrowest phone width: every page is checked in both layouts.
const RUNS = [
  ['en', 1280],
  ['es', 360],
] as const;

describe.skipIf(!hasBrowser)(
  browserSuiteTitle('accessibility of every portal page (axe-core, WCAG 2 A and AA)'),
  () => {
    let server: RunningServer;
    let browser: Browser;
    let pages: string[];

    beforeAll(async () => {
      server = await startPortalServer();
      browser = await launchBrowser();
      const slugs = await sampleSlugs(server.url);
      const slugFor: Record<string, string> = {
        '/meetings/:slug': slugs.meeting,
        // A visitor sees the sign-in notice there: the form itself is checked in meetings.e2e.test.ts.
        '/meetings/:slug/edit': slugs.meeting,
        '/meetings/:slug/documents': slugs.meeting,
        // A visitor sees the sign-in notice on /registration: the form and the queue are checked in
        // delegations.e2e.test.ts. The historic meeting's list of participants is empty.
        '/meetings/:slug/registration': slugs.meeting,
        '/meetings/:slug/participants': slugs.meeting,
        '/meetings/:slug/agenda': slugs.meeting,
        '/meetings/:slug/records': slugs.meeting,
        '/documents/:slug': slugs.document,
        // A visitor sees the sign-in notice: the editor is checked in outcome-documents.e2e.test.ts.
        '/documents/:slug/edit': slugs.document,
        '/technical-groups/:slug': slugs.group,
        '/member-states/:slug': slugs.state,
        '/observatory/:code': 'homicide-rate',
        // Links from e-mails: an unknown token shows the page with the server's explanation.
        '/invitation/:token': 'no-such-invitation',
        '/password-reset/:token': 'no-such-link',
        '/admin/users/:id': 'no-such-user',
      };
      // Every page pattern the portal has, with a real record for the detail pages, plus the 404 page.
      pages = [...PORTAL_PATHS.map((path) => path.replace(/:\w+/, slugFor[path] ?? '')), '/no-such-page'];
    }, 180_000);

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('covers every route of PORTAL_PATHS', () => {
      expect(pages).toHaveLength(PORTAL_PATHS.length + 1);
      expect(pages.every((path) => !path.includes(':'))).toBe(true);
    });

    // Both layouts side by side: each page waits half a second of network silence after it has drawn.
    it.concurrent.for(RUNS)(
      'in %s at %d px: no serious or critical violation and no horizontal scroll on any page',
      {
        // About 10 s a page on a busy two-core machine, for some 50 pages.
        timeout: 600_000,
      },
      async ([lang, width]) => {
        const failures: Record<string, unknown> = {};
        const titles = new Map<string, string>();
        for (const path of pages) {
          const url = `/${lang}${path}`;
          const page = await browser.context.newPage();
          await visit(page, `${server.url}${url}`, width);
          const violations = await seriousAxeViolations(page);
          if (violations.length > 0) failures[url] = violations;
          const overflow = await horizontalOverflow(page);
          if (overflow > 0) failures[`${url} (horizontal scroll)`] = `${overflow}px wider than the window`;
          const description = await page.locator('meta[name="description"]').getAttribute('content');
          if ((await page.locator('title').count()) !== 1) failures[`${url} (title)`] = 'not exactly one <title>';
          if (!description || description.length < 20) failures[`${url} (description)`] = description;
          titles.set(url, await page.title());
          await page.close();
        }
        expect(failures).toEqual({});
        // Every page but the 404 has its own title, so a tab or a bookmark tells the pages apart.
        const distinct = new Set([...titles].filter(([url]) => !url.endsWith('/no-such-page')).map(([, t]) => t));
        expect(distinct.size).toBe(pages.length - 1);
      },
    );
  },
);
