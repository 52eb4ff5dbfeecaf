import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/contract/accounts.js';
import { type AccountsServer, createUser, startAccountsServer } from './accounts.js';
import {
  type Browser,
  browserSuiteTitle,
  collectPageErrors,
  hasBrowser,
  launchBrowser,
  seriousAxeViolations,
  waitForPortal,
} from './browser.js';

describe.skipIf(!hasBrowser)(browserSuiteTitle('the agenda and the minutes of a meeting'), () => {
  let server: AccountsServer;
  let slug: string;
  const browsers: Browser[] = [];

  beforeAll(async () => {
    server = await startAccountsServer();
    const { buildMeeting } = await import('../../src/server/testing/factories.js');
    slug = (await buildMeeting(server.db, { status: 'convened' })).slug;
  }, 180_000);

  afterEach(async () => {
    for (const browser of browsers.splice(0)) await browser.close();
  });

  afterAll(async () => {
    await server?.close();
  });

  /** A page in a browser of its own, signed in as `role` (or the public), at `path`. */
  async function open(path: string, role?: Role, memberState?: string): Promise<{ page: Page; errors: string[] }> {
    const browser = await launchBrowser();
    browsers.push(browser);
    if (role) {
      const { buildSession } = await import('../../src/server/testing/factories.js');
      const user = await createUser(server.db, { role, ...(memberState ? { memberState } : {}) });
      const cookie = await buildSession(server.db, user.id, { secondFactor: true });
      const [name, value] = cookie.split('=') as [string, string];
      await browser.context.addCookies([{ name, value, url: server.url }]);
      // The portal asks who is signed in only when it remembers signing in (signedInHint.ts).
      await browser.context.addInitScript(() => window.localStorage.setItem('mispa.signedIn', '1'));
    }
    const page = await browser.context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${server.url}${path}`);
    await waitForPortal(page);
    return { page, errors };
  }

  const itemTitles = (page: Page) => page.locator('.agenda-item__title').allTextContents();

  /** No serious axe finding, and no horizontal scroll (the editor must fit a 360 px phone too). */
  async function expectAccessible(page: Page) {
    expect(await seriousAxeViolations(page)).toEqual([]);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, 'horizontal scroll').toBeLessThanOrEqual(0);
  }

  it('lets the secretariat add three items and reorder them by keyboard; the public sees the new order', {
    timeout: 180_000,
  }, async () => {
    const { page, errors } = await open(`/en/meetings/${slug}/agenda`, 'secretariat-staff');
    for (const [index, title] of ['Opening', 'Reports', 'Closing'].entries()) {
      await page.getByRole('button', { name: 'Add an item' }).click();
      await page.getByRole('group', { name: 'Title' }).getByLabel('English').fill(title);
      await page.getByRole('group', { name: 'Title' }).getByLabel('Spanish').fill(`${title} (es)`);
      await page.getByRole('button', { name: 'Add the item' }).click();
      await expect.poll(() => itemTitles(page)).toContain(`${index + 1}. ${title}`);
    }
    await expect.poll(() => itemTitles(page)).toEqual(['1. Opening', '2. Reports', '3. Closing']);
    await expectAccessible(page);
    // The editor, open, at the narrowest phone width.
    await page.setViewportSize({ width: 360, height: 800 });
    await page.getByRole('button', { name: 'Edit: Reports' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Edit “Reports”' }).count()).toBe(1);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.setViewportSize({ width: 1280, height: 900 });

    // Keyboard only: focus "Move down" of Opening and press Enter twice; focus stays on the item.
    await page.getByRole('button', { name: 'Move down: Opening' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => itemTitles(page)).toEqual(['1. Reports', '2. Opening', '3. Closing']);
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'moved' }).textContent())
      .toBe('“Opening” moved to position 2 of 3.');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id ?? '')).toMatch(/^move-down-/);
    await page.keyboard.press('Enter');
    await expect.poll(() => itemTitles(page)).toEqual(['1. Reports', '2. Closing', '3. Opening']);
    expect(errors).toEqual([]);

    const visitor = await open(`/es/meetings/${slug}/agenda`);
    await visitor.page.setViewportSize({ width: 360, height: 800 });
    await expect
      .poll(() => itemTitles(visitor.page))
      .toEqual(['1. Reports (es)', '2. Closing (es)', '3. Opening (es)']);
    expect(await visitor.page.getByRole('button', { name: 'Subir' }).count()).toBe(0);
    await expectAccessible(visitor.page);
  });

  it('takes draft minutes through sharing, a focal point’s comment, and finalising', { timeout: 180_000 }, async () => {
    const staff = await open(`/en/meetings/${slug}/records`, 'secretariat-staff');
    const minutes = staff.page.getByRole('region', { name: 'Minutes' });
    await minutes.getByLabel('Text of the Minutes').fill('The meeting opened at nine.');
    await minutes.getByRole('button', { name: 'Save the draft' }).click();
    await expect.poll(() => minutes.locator('.record-body').first().textContent()).toBe('The meeting opened at nine.');
    await minutes.getByRole('button', { name: 'Share with the delegations' }).click();
    await expect.poll(() => minutes.locator('.badge').first().textContent()).toBe('shared for comment');
    await expectAccessible(staff.page);

    const focal = await open(`/en/meetings/${slug}/records`, 'focal-point', 'ec');
    const shared = focal.page.getByRole('region', { name: 'Minutes' });
    await expect.poll(() => shared.locator('.record-body').first().textContent()).toBe('The meeting opened at nine.');
    await shared.getByLabel('Your comment (for your member state)').fill('Ecuador asks to add the time of closing.');
    await shared.getByRole('button', { name: 'Send the comment' }).click();
    await expect.poll(() => shared.textContent()).toContain('Ecuador asks to add the time of closing.');
    await expectAccessible(focal.page);

    await staff.page.reload();
    await waitForPortal(staff.page);
    await expect.poll(() => minutes.textContent()).toContain('Ecuador asks to add the time of closing.');
    await minutes.getByRole('button', { name: 'Make final' }).click();
    await expect.poll(() => minutes.locator('.badge').first().textContent()).toBe('final');
    expect(staff.errors).toEqual([]);

    const visitor = await open(`/en/meetings/${slug}/records`);
    const published = visitor.page.getByRole('region', { name: 'Minutes' });
    await expect
      .poll(() => published.locator('.record-body').first().textContent())
      .toBe('The meeting opened at nine.');
    // Comments stay between the secretariat and the state that made them.
    expect(await published.textContent()).not.toContain('Ecuador asks');
    await expectAccessible(visitor.page);
  });
});
