import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findJourney, type Journey } from './api.js';
import {
  type Browser,
  browserSuiteTitle,
  collectForeignRequests,
  collectPageErrors,
  expectAccessible,
  hasBrowser,
  horizontalOverflow,
  hydrated,
  launchBrowser,
  visit,
  waitForPortal,
} from './browser.js';
import { type RunningServer, startPortalServer } from './server.js';

const TEXT = {
  en: {
    about: 'About the data',
    name: 'Meeting of Ministers Responsible for Public Security in the Americas',
    notFound: 'Page not found',
    skip: 'Skip to main content',
  },
  es: {
    about: 'Acerca de los datos',
    name: 'Reunión de Ministros en Materia de Seguridad Pública de las Américas',
    notFound: 'Página no encontrada',
    skip: 'Saltar al contenido principal',
  },
} as const;

describe.skipIf(!hasBrowser)(browserSuiteTitle('the public portal in a browser'), () => {
  let server: RunningServer;
  let browser: Browser;
  let journey: Journey;
  let page: Page;

  beforeAll(async () => {
    server = await startPortalServer();
    browser = await launchBrowser();
    journey = await findJourney(server.url);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(path: string): Promise<Page> {
    page = await browser.context.newPage();
    await visit(page, `${server.url}${path}`);
    return page;
  }

  /** Clicks a link and waits for the new page: the old one is still on screen until the URL changes. */
  async function clickAndWait(link: ReturnType<Page['locator']>) {
    const before = page.url();
    await link.click();
    await page.waitForURL((url) => url.href !== before);
    await waitForPortal(page);
  }

  describe.each(['en', 'es'] as const)('in %s', (lang) => {
    it('goes from home to a meeting, its host state, a group it leads and the data sources', async () => {
      page = await browser.context.newPage();
      const errors = collectPageErrors(page);
      const foreign = collectForeignRequests(page, server.url);
      await page.goto(`${server.url}/${lang}/`);
      await waitForPortal(page);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      expect(await page.title()).toContain(TEXT[lang].name);
      await expect(page.locator('main h1').textContent()).resolves.toBe(TEXT[lang].name);

      await clickAndWait(page.locator(`.timeline__title a[href="/${lang}/meetings/${journey.meeting.slug}"]`));
      expect(new URL(page.url()).pathname).toBe(`/${lang}/meetings/${journey.meeting.slug}`);
      await expect(page.locator('main h1').textContent()).resolves.toBeTruthy();

      await clickAndWait(page.locator(`main .facts a[href="/${lang}/member-states/${journey.state.slug}"]`));
      expect(new URL(page.url()).pathname).toBe(`/${lang}/member-states/${journey.state.slug}`);

      await clickAndWait(page.locator(`main a[href="/${lang}/technical-groups/${journey.group.slug}"]`).first());
      expect(new URL(page.url()).pathname).toBe(`/${lang}/technical-groups/${journey.group.slug}`);

      await clickAndWait(
        page
          .getByRole('navigation', { name: lang === 'en' ? 'Main' : 'Principal' })
          .getByRole('link', { name: TEXT[lang].about }),
      );
      expect(new URL(page.url()).pathname).toBe(`/${lang}/about`);
      await expect(page.locator('main h1').textContent()).resolves.toBe(TEXT[lang].about);
      expect(await page.title()).toContain(TEXT[lang].about);
      expect(errors).toEqual([]);
      expect(foreign, 'requests to other hosts').toEqual([]);
      await page.close();
    });
  });

  it('shows the home page with its own language alone, before the text of the other pages has arrived', async () => {
    page = await browser.context.newPage();
    const errors = collectPageErrors(page);
    const catalogs: string[] = [];
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    // A catalog's rest (what the other pages say: the two-factor screens, say) is held back until
    // released; its shell (the layout's and the home page's text) goes through.
    await page.route(/\/assets\/(?:en|es|fr|pt)-[\w-]+\.js$/, async (route) => {
      const response = await route.fetch();
      const body = await response.text();
      catalogs.push(new URL(route.request().url()).pathname.replace('/assets/', ''));
      if (body.includes('twoFactor')) await released;
      await route.fulfill({ response, body });
    });
    await page.goto(`${server.url}/es/`);
    await page.waitForFunction(
      (name) => document.querySelector('main h1')?.textContent === name,
      TEXT.es.name as string,
    );
    // The server's markup shows the heading at once; React takes it over once the shell's text is in.
    await hydrated(page);
    expect(await page.getAttribute('html', 'lang')).toBe('es');
    expect(catalogs.length).toBeGreaterThan(0);
    expect(catalogs.filter((file) => !file.startsWith('es-'))).toEqual([]);

    release();
    await clickAndWait(page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: TEXT.es.about }));
    await expect(page.locator('main h1').textContent()).resolves.toBe(TEXT.es.about);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('switches language on the same page, keeping the filters', async () => {
    await open(`/en/meetings/${journey.meeting.slug}`);
    const switcher = page.getByRole('navigation', { name: 'Language' });
    await clickAndWait(switcher.getByRole('link', { name: 'Español' }));
    expect(new URL(page.url()).pathname).toBe(`/es/meetings/${journey.meeting.slug}`);
    expect(await page.getAttribute('html', 'lang')).toBe('es');
    expect(await page.getByRole('navigation', { name: 'Principal' }).textContent()).toContain('Reuniones');

    await page.goto(`${server.url}/es/meetings?year=${journey.meeting.year}`);
    await waitForPortal(page);
    const french = page.getByRole('navigation', { name: 'Idioma' }).getByRole('link', { name: 'Français' });
    expect(await french.getAttribute('hreflang')).toBe('fr');
    expect(await french.getAttribute('lang')).toBe('fr');
    await clickAndWait(french);
    expect(`${new URL(page.url()).pathname}${new URL(page.url()).search}`).toBe(
      `/fr/meetings?year=${journey.meeting.year}`,
    );
    // The year's option arrives with the unfiltered list, which shows no loading state of its own.
    await expect.poll(() => page.locator('select').nth(2).inputValue()).toBe(String(journey.meeting.year));
    await page.close();
  });

  it.each([
    ['en', '/en/no-such-page'],
    ['es', '/es/meetings/mispa-does-not-exist'],
    ['en', '/xx/'],
  ] as const)('shows the translated 404 page (%s) for %s', async (lang, path) => {
    page = await browser.context.newPage();
    const response = await page.goto(`${server.url}${path}`);
    await waitForPortal(page);
    if (!path.includes('mispa-does-not-exist')) expect(response?.status()).toBe(404);
    await expect(page.locator('main h1').textContent()).resolves.toBe(TEXT[lang].notFound);
    const main = page.locator('main');
    for (const target of [`/${lang}/`, `/${lang}/meetings`, `/${lang}/member-states`]) {
      expect(await main.locator(`a[href="${target}"]`).count()).toBe(1);
    }
    await page.close();
  });

  it.each(['/en/', '/es/meetings', `/en/about`, '/pt/member-states', '/fr/pillars'])(
    'has no horizontal scroll at 360 px: %s',
    async (path) => {
      page = await browser.context.newPage();
      await visit(page, `${server.url}${path}`, 360);
      await expect(horizontalOverflow(page)).resolves.toBeLessThanOrEqual(0);
      await page.close();
    },
  );

  it('marks the platform’s own translations quietly: an asterisk by each, explained once at the foot of the page', async () => {
    const explanation = JSON.parse(readFileSync(new URL('../../src/web/i18n/fr.json', import.meta.url), 'utf8'))
      .unofficial.explanation as string;
    // Rendered by the server with the note, which the style sheet shows without any script.
    const html = await (await fetch(`${server.url}/fr/meetings/mispa-i`)).text();
    expect(html).toContain(explanation);
    page = await browser.context.newPage();
    await visit(page, `${server.url}/fr/meetings/mispa-i`, 360);
    const marks = page.locator('main .unofficial-mark');
    expect(await marks.count()).toBeGreaterThan(0);
    // Each mark is an asterisk to the eye; its words are for screen readers.
    for (const mark of await marks.all()) expect(await mark.locator('[aria-hidden="true"]').textContent()).toBe('*');
    // One explanation on the page, however many marks (their title attributes are not its text).
    const explained = ((await page.locator('main').textContent()) ?? '').split(explanation).length - 1;
    expect(explained).toBe(1);
    await expect(page.locator('main .unofficial-note').isVisible()).resolves.toBe(true);
    await expectAccessible(page);
    await expect(horizontalOverflow(page)).resolves.toBeLessThanOrEqual(0);
    // A page without a translation of the platform's own says nothing of them.
    await visit(page, `${server.url}/fr/sign-in`);
    expect(await page.locator('main .unofficial-mark').count()).toBe(0);
    await expect(page.locator('main .unofficial-note').isVisible()).resolves.toBe(false);
    await page.close();
  });

  it('folds the main navigation behind a menu button at 360 px, which a link or Escape closes', async () => {
    await open('/es/');
    const nav = page.getByRole('navigation', { name: 'Principal' });
    const meetings = nav.getByRole('link', { name: 'Reuniones' });
    const menu = nav.getByRole('button', { name: 'Menú' });
    await expect(menu.isVisible()).resolves.toBe(false);
    await expect(meetings.isVisible()).resolves.toBe(true);

    await page.setViewportSize({ width: 360, height: 900 });
    await expect(meetings.isVisible()).resolves.toBe(false);
    const headerHeight = await page.locator('.site-header').evaluate((header) => header.getBoundingClientRect().height);
    expect(headerHeight).toBeLessThan(200);
    await menu.focus();
    await page.keyboard.press('Enter');
    await meetings.waitFor({ state: 'visible' });
    await page.keyboard.press('Escape');
    await meetings.waitFor({ state: 'hidden' });
    await menu.click();
    await clickAndWait(meetings);
    expect(page.url()).toBe(`${server.url}/es/meetings`);
    await expect(meetings.isVisible()).resolves.toBe(false);
    await expectAccessible(page);
    await page.close();
  });

  it('prints a meeting as a document: its title in black, without navigation, buttons or footer, and as a PDF', async () => {
    await open(`/en/meetings/${journey.meeting.slug}`);
    await page.emulateMedia({ media: 'print' });
    for (const hidden of ['.main-nav', '.site-footer', '.skip-link', 'button'])
      for (const element of await page.locator(hidden).all()) await expect(element.isVisible()).resolves.toBe(false);
    await expect(page.locator('main h1').isVisible()).resolves.toBe(true);
    const color = await page.locator('main h1').evaluate((h1) => getComputedStyle(h1).color);
    expect(color).toBe('rgb(0, 0, 0)');
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.close();
  });

  it('shows the calendar as lists beside a month grid, with the feed address to copy and entries only for meetings to come', async () => {
    await open('/en/calendar');
    const main = page.getByRole('main');
    // Named at the portal's public address (its configuration), wherever this test server listens.
    await expect(main.locator('#calendar-feed-address').textContent()).resolves.toMatch(
      /^https?:\/\/[^/]+\/api\/v1\/calendar\.ics\?lang=en$/,
    );
    // The historic meetings are all past: none offers a calendar entry of its own.
    const past = main.getByRole('region', { name: 'Past meetings' });
    await expect(past.getByRole('link', { name: journey.meeting.shortName, exact: true }).count()).resolves.toBe(1);
    await expect(past.getByRole('link', { name: /Add to calendar/ }).count()).resolves.toBe(0);
    const month = main.getByRole('region', { name: /\d{4}$/ });
    const title = (at: Date) =>
      new Intl.DateTimeFormat('en', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(at);
    const now = new Date();
    await expect(month.getByRole('heading', { level: 2 }).textContent()).resolves.toBe(title(now));
    await expect(month.locator('td[aria-current="date"]').textContent()).resolves.toBe(String(now.getUTCDate()));
    await month.getByRole('button', { name: 'Next month' }).click();
    const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
    await expect.poll(() => month.getByRole('heading', { level: 2 }).textContent()).toBe(title(next));
    await expectAccessible(page);
    await page.setViewportSize({ width: 360, height: 900 });
    await expect(horizontalOverflow(page)).resolves.toBeLessThanOrEqual(0);
    await page.close();
  });

  it('lets a keyboard user skip to the content and reach the main navigation', async () => {
    await open('/en/');
    await page.keyboard.press('Tab');
    const skip = await page.evaluate(() => document.activeElement?.textContent);
    expect(skip).toBe(TEXT.en.skip);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

    await page.goto(`${server.url}/en/`);
    await waitForPortal(page);
    let inMainNav = false;
    for (let presses = 0; presses < 12 && !inMainNav; presses++) {
      await page.keyboard.press('Tab');
      inMainNav = await page.evaluate(() => Boolean(document.activeElement?.closest('nav[aria-label="Main"]')));
    }
    expect(inMainNav).toBe(true);
    const outline = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement as Element);
      return { style: style.outlineStyle, width: Number.parseFloat(style.outlineWidth) };
    });
    expect(outline.style).not.toBe('none');
    expect(outline.width).toBeGreaterThanOrEqual(2);

    // The first link of the main navigation is Home; the next one leads away from this page.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('/en/');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    // The meetings page is its own chunk: the address changes once it has arrived.
    await page.waitForURL(`${server.url}/en/meetings`);
    await waitForPortal(page);
    await page.close();
  });
});
