import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserSuiteTitle, expectAccessible, hasBrowser, waitForPortal } from './browser.js';
import { portalSuite } from './suite.js';

describe.skipIf(!hasBrowser)(browserSuiteTitle('the agenda and the minutes of a meeting'), () => {
  const suite = portalSuite();
  let slug: string;

  beforeAll(async () => {
    const { buildMeeting } = await import('../../src/server/testing/factories.js');
    slug = (await buildMeeting(suite.server.db, { status: 'convened' })).slug;
  });

  const itemTitles = (page: Page) => page.locator('.agenda-item__title').allTextContents();

  it('lets the secretariat add three items and reorder them by keyboard; the public sees the new order', {
    timeout: 180_000,
  }, async () => {
    const { page, errors } = await suite.open(`/en/meetings/${slug}/agenda`, { role: 'secretariat-staff' });
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

    const visitor = await suite.open(`/es/meetings/${slug}/agenda`, { width: 360 });
    await expect
      .poll(() => itemTitles(visitor.page))
      .toEqual(['1. Reports (es)', '2. Closing (es)', '3. Opening (es)']);
    expect(await visitor.page.getByRole('button', { name: 'Subir' }).count()).toBe(0);
    await expectAccessible(visitor.page);
  });

  it('takes draft minutes through sharing, a focal point’s comment, and finalising', { timeout: 180_000 }, async () => {
    const staff = await suite.open(`/en/meetings/${slug}/records`, { role: 'secretariat-staff' });
    const minutes = staff.page.getByRole('region', { name: 'Minutes' });
    await minutes.getByLabel('Text of the Minutes').fill('The meeting opened at nine.');
    await minutes.getByRole('button', { name: 'Save the draft' }).click();
    await expect.poll(() => minutes.locator('.record-body').first().textContent()).toBe('The meeting opened at nine.');
    await minutes.getByRole('button', { name: 'Share with the delegations' }).click();
    await expect.poll(() => minutes.locator('.badge').first().textContent()).toBe('shared for comment');
    await expectAccessible(staff.page);

    const focal = await suite.open(`/en/meetings/${slug}/records`, { role: 'focal-point', memberState: 'ec' });
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

    const visitor = await suite.open(`/en/meetings/${slug}/records`);
    const published = visitor.page.getByRole('region', { name: 'Minutes' });
    await expect
      .poll(() => published.locator('.record-body').first().textContent())
      .toBe('The meeting opened at nine.');
    // Comments stay between the secretariat and the state that made them.
    expect(await published.textContent()).not.toContain('Ecuador asks');
    await expectAccessible(visitor.page);
  });
});
