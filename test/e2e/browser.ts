import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';

// Debian's Chromium; MISPA_CHROMIUM points elsewhere on a machine that has it in another place.
export const CHROMIUM_PATH = process.env.MISPA_CHROMIUM ?? '/usr/bin/chromium';
export const hasBrowser = existsSync(CHROMIUM_PATH);

/** The suite title says why it did not run, so a skipped browser suite never looks like a pass. */
export function browserSuiteTitle(title: string): string {
  if (hasBrowser) return title;
  console.warn(`Browser tests were skipped: ${CHROMIUM_PATH} was not found (apt-get install -y chromium).`);
  return `${title} — browser tests were skipped: ${CHROMIUM_PATH} not found`;
}

export type Browser = { context: BrowserContext; close(): Promise<void> };

export async function launchBrowser(options: { locale?: string } = {}): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'mispa-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    locale: options.locale ?? 'en-US',
    viewport: { width: 1280, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Waits until the page's data has arrived: no loading indicator left. (After a client-side
 * navigation 'networkidle' has long been reached for the document, so the indicators are what count.) */
export async function waitForPortal(page: Page): Promise<void> {
  // After a click the address changes first; the new page renders a moment later.
  await page.waitForFunction(() => {
    const main = document.querySelector('main');
    return !main || decodeURI(main.dataset.path ?? '') === decodeURI(location.pathname);
  });
  await page.waitForLoadState('networkidle');
  await page.locator('.status[role="status"]').first().waitFor({ state: 'detached' });
  await page.locator('main h1').first().waitFor();
}

/** Until React has taken over the server's markup (hydrateRoot marks its container at once, and
 * replays a click that comes while it hydrates). */
export async function hydrated(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const root = document.getElementById('root');
    return root !== null && Object.keys(root).some((key) => key.startsWith('__reactContainer'));
  });
}

/** Opens `url` in `page` and waits for its data; `width` narrows the window first (the launch's
 * height stays), e.g. 360 for the narrowest phone. */
export async function visit(page: Page, url: string, width?: number): Promise<void> {
  if (width !== undefined) await page.setViewportSize({ width, height: 900 });
  await page.goto(url);
  await waitForPortal(page);
}

/** How many pixels the page is wider than the window: above 0, a reader must scroll sideways. */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** Every host other than the portal's own that the page asks for anything: fonts, scripts, flags
 * and data all come from the platform, so a test expects this list to stay empty. */
export function collectForeignRequests(page: Page, origin: string): string[] {
  const foreign: string[] = [];
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith('data:')) foreign.push(url);
  });
  return foreign;
}

/** Errors the page logs or throws; a test asserts that none occurred. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return errors;
}

export type AxeFinding = { id: string; impact: string | null | undefined; help: string; targets: string[] };

/** The serious and critical WCAG 2 A/AA violations axe-core finds on the current page. */
export async function seriousAxeViolations(page: Page): Promise<AxeFinding[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.slice(0, 5).map((node) => node.target.join(' ')),
    }));
}

/** No serious axe finding, and no sideways scroll at the page's current width. */
export async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousAxeViolations(page)).toEqual([]);
  expect(await horizontalOverflow(page), 'horizontal scroll').toBeLessThanOrEqual(0);
}
