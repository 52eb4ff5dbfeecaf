import { describe, expect, it } from 'vitest';
import { browserSuiteTitle, expectAccessible, hasBrowser, horizontalOverflow, waitForPortal } from './browser.js';
import { fillMeetingDraft } from './meeting-steps.js';
import { portalSuite } from './suite.js';

describe.skipIf(!hasBrowser)(browserSuiteTitle('meetings in a browser'), () => {
  const suite = portalSuite();

  it('lets the secretariat create a meeting, convene it and open registration; the page and the feed show it', {
    timeout: 180_000,
  }, async () => {
    const { page, errors } = await suite.open('/en/meetings/new', { role: 'secretariat-admin' });
    const form = page.locator('form.meeting-form');
    await form.waitFor();
    await expectAccessible(page);

    // Sent with a field missing first: the form says which, and nothing is created.
    await form.getByLabel('Number (Roman numeral)').fill('IX');
    await form.getByRole('button', { name: 'Create the draft' }).click();
    await expect(form.locator('.field__error').first().textContent()).resolves.toBeTruthy();

    await fillMeetingDraft(form, {
      names: {
        en: 'Ninth Meeting of Ministers Responsible for Public Security',
        es: 'Novena Reunión de Ministros en Materia de Seguridad Pública',
      },
      start: '2030-10-07T09:00',
      end: '2030-10-08T18:00',
      deadline: '2030-09-20T23:59',
    });
    await form.getByRole('button', { name: 'Create the draft' }).click();

    await page.waitForURL(`${suite.server.url}/en/meetings/mispa-ix`);
    await waitForPortal(page);
    const badges = page.getByRole('list', { name: 'Kind and status' });
    await expect(badges.textContent()).resolves.toContain('Draft');

    for (const [button, status] of [
      ['Convene', 'Convened'],
      ['Open registration', 'Registration open'],
    ] as const) {
      await page.getByRole('button', { name: button, exact: true }).click();
      // Asked first: the confirmation takes the focus, so Enter confirms it.
      await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe(`Yes: ${button}`);
      await page.keyboard.press('Enter');
      await expect.poll(() => badges.textContent(), { timeout: 10_000 }).toContain(status);
    }

    const main = page.getByRole('main');
    await expect(main.textContent()).resolves.toContain('Centro de Convenciones de Lima');
    // Two days read as two days, with the zone named as people say it.
    const venue = main.locator('.meeting-times li').first();
    await expect(venue.textContent()).resolves.toBe(
      'At the venueOctober 7 – 8, 2030 · 2 daysopens at 9:00 AM on the first day, closes at 6:00 PM on the last, Peru Standard Time (UTC−5)',
    );
    // Only the steps allowed now are offered.
    await expect(page.getByRole('button', { name: 'Convene', exact: true }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Close registration', exact: true }).count()).resolves.toBe(1);
    const nav = page.getByRole('navigation', { name: 'Pages of this meeting' });
    await expect(nav.getByRole('link', { name: 'Agenda' }).getAttribute('href')).resolves.toBe(
      '/en/meetings/mispa-ix/agenda',
    );
    const addToCalendar = main.getByRole('link', { name: 'Add to calendar' });
    await expect(addToCalendar.getAttribute('href')).resolves.toBe('/api/v1/meetings/mispa-ix/calendar.ics?lang=en');
    await expectAccessible(page);

    // At 360 px nothing scrolls sideways.
    await page.setViewportSize({ width: 360, height: 800 });
    await expect(horizontalOverflow(page)).resolves.toBeLessThanOrEqual(0);

    // Anyone can subscribe: the public feed carries the meeting at the venue's time.
    const feed = await (await fetch(`${suite.server.url}/api/v1/calendar.ics`)).text();
    const unfolded = feed.replace(/\r\n[ \t]/g, '');
    expect(unfolded).toContain('SUMMARY:MISPA IX — Ninth Meeting of Ministers Responsible for Public Security');
    expect(unfolded).toContain('DTSTART;TZID=America/Lima:20301007T090000');

    await suite.visit(page, '/es/calendar');
    const upcoming = page.getByRole('region', { name: 'Próximas reuniones' });
    await expect(upcoming.textContent()).resolves.toContain('MISPA IX');
    await expectAccessible(page);
    expect(errors).toEqual([]);
  });

  it('says once that someone else changed the meeting, with what changed, and keeps the edits on demand (issue 11 item 11)', {
    timeout: 180_000,
  }, async () => {
    const { buildMeeting } = await import('../../src/server/testing/factories.js');
    const db = suite.server.db;
    const { id, slug } = await buildMeeting(db, { status: 'convened' });
    const { page, errors } = await suite.open(`/en/meetings/${slug}/edit`, { role: 'secretariat-staff', width: 360 });
    const form = page.locator('form.meeting-form');
    await form.getByLabel('Host state').selectOption({ label: 'Dominican Republic' });
    await form.getByLabel('City').fill('La Romana');

    // Meanwhile someone else moves the meeting to another venue.
    const { version } = await db.selectFrom('meeting').select('version').where('id', '=', id).executeTakeFirstOrThrow();
    await db
      .updateTable('meeting')
      .set({ venue: 'Palacio Nacional', version: version + 1 })
      .where('id', '=', id)
      .execute();

    await form.getByRole('button', { name: 'Save', exact: true }).click();
    const title = 'Someone else changed this since you opened it.';
    await expect.poll(() => page.getByRole('alert').filter({ hasText: title }).count()).toBe(1);
    // Said once: no second alert with the server's words.
    await expect(page.locator('[role="alert"]:not(:empty)').allTextContents()).resolves.toEqual([title]);
    await expect(page.getByText('Changed: Venue.').count()).resolves.toBe(1);
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Keep my edits' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Your edits are kept' }).count()).toBe(1);
    await expect(form.getByLabel('City').inputValue()).resolves.toBe('La Romana');
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    await page.waitForURL(`${suite.server.url}/en/meetings/${slug}`);
    await expect.poll(() => page.getByRole('main').textContent()).toContain('La Romana');
    const saved = await db
      .selectFrom('meeting')
      .select(['city', 'venue', 'version'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(saved).toEqual({ city: 'La Romana', venue: 'Test venue', version: version + 2 });
    // The one refused save is the browser's only complaint.
    expect(errors).toEqual(['Failed to load resource: the server responded with a status of 409 (Conflict)']);
  });
});
