import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserSuiteTitle, expectAccessible, hasBrowser, horizontalOverflow, waitForPortal } from './browser.js';
import { overrideTransition, transition } from './meeting-steps.js';
import { portalSuite } from './suite.js';

describe.skipIf(!hasBrowser)(browserSuiteTitle('the agenda and the minutes of a meeting'), () => {
  const suite = portalSuite();
  let slug: string;

  beforeAll(async () => {
    const { buildMeeting } = await import('../../src/server/testing/factories.js');
    slug = (await buildMeeting(suite.server.db, { status: 'convened' })).slug;
  });

  /** Types each line into the focused text, pressing Enter after it. */
  async function typeLines(page: Page, lines: string[]) {
    for (const line of lines) {
      await page.keyboard.type(line);
      await page.keyboard.press('Enter');
    }
  }

  /** The editor takes focus back from its toolbar in the next animation frame: keys typed before then are lost. */
  async function editorFocused(editor: Locator) {
    await expect.poll(() => editor.evaluate((node) => node.contains(document.activeElement))).toBe(true);
  }

  const itemTitles = (page: Page) => page.locator('.agenda-item__title').allTextContents();

  /** Adds Opening (09:00–10:00) and Reports (10:00–11:00) on 10 March 2031, at the venue's clock. */
  async function addOpeningAndReports(page: Page) {
    for (const [index, title, start, end] of [
      [1, 'Opening', '09:00', '10:00'],
      [2, 'Reports', '10:00', '11:00'],
    ] as const) {
      await page.getByRole('button', { name: 'Add an item' }).click();
      await page.getByRole('group', { name: 'Title' }).getByLabel('English').fill(title);
      await page.getByLabel('Starts').fill(`2031-03-10T${start}`);
      await page.getByLabel('Ends').fill(`2031-03-10T${end}`);
      await page.getByRole('button', { name: 'Add the item' }).click();
      await expect.poll(() => itemTitles(page)).toContain(`${index}. ${title}`);
    }
  }

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

  it('refuses an item time that contradicts the order, under the Starts field (issue 11 item 14)', {
    timeout: 180_000,
  }, async () => {
    const { buildMeeting } = await import('../../src/server/testing/factories.js');
    // 09:00 at the venue (America/Santo_Domingo, UTC−4 all year).
    const timed = (await buildMeeting(suite.server.db, { status: 'convened', startsAt: '2031-03-10T13:00:00.000Z' }))
      .slug;
    const { page, errors } = await suite.open(`/en/meetings/${timed}/agenda`, {
      role: 'secretariat-staff',
      width: 360,
    });
    await addOpeningAndReports(page);
    await page.getByRole('button', { name: 'Edit: Reports' }).click();
    const starts = page.getByLabel('Starts');
    await starts.fill('2031-03-10T08:30');
    await page.getByLabel('Ends').fill('2031-03-10T09:30');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => starts.getAttribute('aria-invalid')).toBe('true');
    const error = page.locator('.field__error');
    // Said in the reader's words, with the item above at the venue's time.
    await expect(error.allTextContents()).resolves.toEqual([
      expect.stringMatching(
        /^Starts before item 1 above it \(.*9:00.*\): the agenda’s times follow its order, so move the item instead\.$/,
      ),
    ]);
    await expectAccessible(page);
    // Nothing was saved: the public still sees Reports at 10:00 after the opening.
    const visitor = await suite.open(`/en/meetings/${timed}/agenda`);
    await expect.poll(() => itemTitles(visitor.page)).toEqual(['1. Opening', '2. Reports']);
    expect(errors).toEqual([]);
  });

  /** A meeting with two documents made in the database: a public one and one for delegations only. */
  async function meetingWithDocuments(status: 'convened' | 'concluded', startsAt?: string) {
    const { buildMeeting } = await import('../../src/server/testing/factories.js');
    const { buildMeetingDocument } = await import('../../src/server/modules/agenda/testing.js');
    const { replaceTexts } = await import('../../src/server/modules/shared/texts.js');
    const db = suite.server.db;
    const meeting = await buildMeeting(db, { status, ...(startsAt ? { startsAt } : {}) });
    const at = new Date().toISOString();
    for (const [symbol, title, visibility] of [
      ['MISPA/T/doc.1', 'Work plan', 'public'],
      ['MISPA/T/doc.2', 'Confidential note', 'delegations'],
    ] as const) {
      const id = await buildMeetingDocument(db, meeting.id, symbol);
      await replaceTexts(db, 'meeting_document', id, 'title', { en: title }, at);
      await db.updateTable('meeting_document').set({ visibility }).where('id', '=', id).execute();
    }
    return meeting.slug;
  }

  it('lets the secretariat attach and detach documents of an item; the public sees only the public one', {
    timeout: 180_000,
  }, async () => {
    const meeting = await meetingWithDocuments('convened');
    const { page, errors } = await suite.open(`/en/meetings/${meeting}/agenda`, { role: 'secretariat-staff' });
    await page.getByRole('button', { name: 'Add an item' }).click();
    await page.getByRole('group', { name: 'Title' }).getByLabel('English').fill('Work programme');
    await page.getByRole('button', { name: 'Add the item' }).click();
    const attach = page.getByRole('form', { name: 'Attach a document to “Work programme”' });
    const item = page.locator('.agenda-item').first();
    const listed = () => item.locator('.item-documents__list li').allTextContents();
    for (const label of ['MISPA/T/doc.1 — Work plan', 'MISPA/T/doc.2 — Confidential note']) {
      await attach.getByLabel('Attach a document of this meeting').selectOption({ label });
      // By keyboard: Enter on the button attaches.
      await attach.getByRole('button', { name: 'Attach' }).press('Enter');
      await expect.poll(listed).toContainEqual(expect.stringContaining(label.split(' — ')[1] as string));
    }
    await page.getByRole('button', { name: 'Detach MISPA/T/doc.1 from “Work programme”' }).click();
    await expect.poll(listed).toEqual([expect.stringMatching(/^MISPA\/T\/doc\.2 Confidential note/)]);
    await attach.getByLabel('Attach a document of this meeting').selectOption({ label: 'MISPA/T/doc.1 — Work plan' });
    await attach.getByRole('button', { name: 'Attach' }).click();
    await expect.poll(listed).toHaveLength(2);
    await page.setViewportSize({ width: 360, height: 800 });
    await expectAccessible(page);
    expect(errors).toEqual([]);

    const visitor = await suite.open(`/fr/meetings/${meeting}/agenda`, { width: 360 });
    const shown = visitor.page.locator('.agenda-item').first();
    await expect
      .poll(() => shown.locator('.item-documents__list li').allTextContents())
      .toEqual(['MISPA/T/doc.1 Work plan']);
    expect(await shown.getByRole('heading', { name: 'Documents de ce point' }).count()).toBe(1);
    expect(await shown.getByRole('button').count()).toBe(0);
    await expectAccessible(visitor.page);
    expect(visitor.errors).toEqual([]);
  });

  it('keeps the open item form on the item as the reader’s own reorder and document link left it', {
    timeout: 180_000,
  }, async () => {
    // 09:00 at the venue (America/Santo_Domingo, UTC−4 all year).
    const meeting = await meetingWithDocuments('convened', '2031-03-10T13:00:00.000Z');
    const { page, errors } = await suite.open(`/en/meetings/${meeting}/agenda`, { role: 'secretariat-staff' });
    await addOpeningAndReports(page);
    await page.getByRole('button', { name: 'Edit: Reports' }).click();
    const form = page.getByRole('form', { name: 'Edit “Reports”' });
    await expect.poll(() => form.getByLabel('Starts').inputValue()).toBe('2031-03-10T10:00');
    // Moved first, the item takes the first slot: the open form shows its new times.
    await page.getByRole('button', { name: 'Move up: Reports' }).click();
    await expect.poll(() => itemTitles(page)).toEqual(['1. Reports', '2. Opening']);
    await expect.poll(() => form.getByLabel('Starts').inputValue()).toBe('2031-03-10T09:00');
    await expect(form.getByLabel('Ends').inputValue()).resolves.toBe('2031-03-10T10:00');
    // A document attached meanwhile is no reason for the form's save to be refused as stale.
    const attach = page.getByRole('form', { name: 'Attach a document to “Reports”' });
    await attach.getByLabel('Attach a document of this meeting').selectOption({ label: 'MISPA/T/doc.1 — Work plan' });
    await attach.getByRole('button', { name: 'Attach' }).click();
    const reports = page.locator('.agenda-item').first();
    await expect.poll(() => reports.locator('.item-documents__list li').count()).toBe(1);
    await form.getByRole('group', { name: 'Title' }).getByLabel('English').fill('Reports of the groups');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => itemTitles(page)).toEqual(['1. Reports of the groups', '2. Opening']);
    await expect
      .poll(() => reports.locator('.item-documents__list li').allTextContents())
      .toEqual([expect.stringMatching(/^MISPA\/T\/doc\.1 Work plan/)]);
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('lets the secretariat record decisions adopting a document, edit, reorder them by keyboard and remove one', {
    timeout: 180_000,
  }, async () => {
    const meeting = await meetingWithDocuments('concluded');
    const { page, errors } = await suite.open(`/en/meetings/${meeting}/records`, { role: 'secretariat-staff' });
    const section = page.getByRole('region', { name: 'Decisions of the concluding record' });
    const texts = () => section.locator('.agenda-item .record-body').allTextContents();
    const form = section.getByRole('form', { name: 'Add a decision' });
    for (const [index, text] of ['Adopt the work plan.', 'Thank the host.', 'Meet again in 2032.'].entries()) {
      await form.getByLabel('Language of the text').selectOption('en');
      await form.getByLabel('Decision', { exact: true }).fill(text);
      if (index === 0)
        await form
          .getByLabel('Document of this meeting adopted (optional)')
          .selectOption({ label: 'MISPA/T/doc.1 — Work plan' });
      await form.getByRole('button', { name: 'Add a decision' }).click();
      await expect.poll(texts).toHaveLength(index + 1);
    }
    const first = section.locator('.agenda-item').first();
    await expect(first.textContent()).resolves.toContain('Adopted document: MISPA/T/doc.1 Work plan');

    await section.getByRole('button', { name: 'Edit: Decision 2' }).click();
    const edit = section.getByRole('form', { name: 'Edit decision 2' });
    await edit.getByLabel('Decision', { exact: true }).fill('Thank the host warmly.');
    await edit.getByRole('button', { name: 'Save the decision' }).click();
    await expect.poll(texts).toEqual(['Adopt the work plan.', 'Thank the host warmly.', 'Meet again in 2032.']);

    // Keyboard only: "Move down" of the first decision, twice; the keyboard stays on the moved one.
    await section.getByRole('button', { name: 'Move down: Decision 1' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(texts).toEqual(['Thank the host warmly.', 'Adopt the work plan.', 'Meet again in 2032.']);
    await expect
      .poll(() => section.getByRole('status').filter({ hasText: 'moved' }).textContent())
      .toBe('“Decision 1” moved to position 2 of 3.');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id ?? '')).toMatch(/^move-down-/);
    await page.keyboard.press('Enter');
    await expect.poll(texts).toEqual(['Thank the host warmly.', 'Meet again in 2032.', 'Adopt the work plan.']);

    const second = section.locator('.agenda-item').nth(1);
    // Named with its item, like Move up, Move down and Edit beside it (issue 11).
    await second.getByRole('button', { name: 'Remove: Decision 2' }).click();
    await second.getByRole('button', { name: 'Remove for good' }).click();
    await expect.poll(texts).toEqual(['Thank the host warmly.', 'Adopt the work plan.']);
    await expectAccessible(page);
    expect(errors).toEqual([]);

    const visitor = await suite.open(`/es/meetings/${meeting}/records`, { width: 360 });
    const published = visitor.page.getByRole('region', { name: 'Decisiones del acta final' });
    await expect
      .poll(() => published.locator('.agenda-item .record-body').allTextContents())
      .toEqual(['Thank the host warmly.', 'Adopt the work plan.']);
    expect(await published.getByRole('button').count()).toBe(0);
    await expectAccessible(visitor.page);
  });

  it('writes minutes with a heading, a list and bold by keyboard at 360 px; saved, made final, the public page shows them, rendered on the server too', {
    timeout: 180_000,
  }, async () => {
    const { buildMeeting } = await import('../../src/server/testing/factories.js');
    const held = (await buildMeeting(suite.server.db, { status: 'concluded' })).slug;
    const { page, errors } = await suite.open(`/en/meetings/${held}/records`, {
      role: 'secretariat-staff',
      width: 360,
    });
    const minutes = page.getByRole('region', { name: 'Minutes' });
    const text = minutes.getByRole('textbox', { name: 'Text of the Minutes' });
    await text.waitFor();
    const toolbar = minutes.getByRole('toolbar', { name: 'Formatting' });
    // From the language of the text, Tab reaches the toolbar (one stop), then the text.
    await minutes.getByLabel('Language of the text').selectOption('en');
    await minutes.getByLabel('Language of the text').focus();
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Heading');
    await page.keyboard.press('Enter');
    await editorFocused(text);
    await typeLines(page, ['Opening', 'Present:']);
    // Back to the toolbar, along it with the arrows to "Bulleted list".
    await page.keyboard.press('Shift+Tab');
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Bulleted list');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => toolbar.getByRole('button', { name: 'Bulleted list' }).getAttribute('aria-pressed'))
      .toBe('true');
    await editorFocused(text);
    // An empty item ends the list.
    await typeLines(page, ['Ecuador', 'Mexico', '']);
    await page.keyboard.press('Control+b');
    await page.keyboard.type('Quorum reached.');
    await expect.poll(() => toolbar.getByRole('button', { name: 'Bold' }).getAttribute('aria-pressed')).toBe('true');
    expect(await horizontalOverflow(page)).toBe(0);
    await expectAccessible(page);
    await minutes.getByRole('button', { name: 'Save the draft' }).focus();
    await page.keyboard.press('Enter');

    const shown = minutes.locator('.record-body').first();
    await expect.poll(() => shown.locator('h4').allTextContents()).toEqual(['Opening']);
    await minutes.getByRole('button', { name: 'Make final' }).click();
    await expect.poll(() => minutes.locator('.badge').first().textContent()).toBe('final');
    expect(errors).toEqual([]);

    const visitor = await suite.open(`/en/meetings/${held}/records`, { width: 360 });
    const published = visitor.page.getByRole('region', { name: 'Minutes' }).locator('.record-body').first();
    await expect.poll(() => published.locator('h4').allTextContents()).toEqual(['Opening']);
    expect(await published.locator('ul li').allTextContents()).toEqual(['Ecuador', 'Mexico']);
    expect(await published.locator('strong').allTextContents()).toEqual(['Quorum reached.']);
    expect(await published.textContent()).toContain('Present:');
    expect(await horizontalOverflow(visitor.page)).toBe(0);
    await expectAccessible(visitor.page);
    // The server renders the same text into the page.
    const rendered = await (await fetch(`${suite.server.url}/en/meetings/${held}/records`)).text();
    expect(rendered).toContain('<h4>Opening</h4>');
    expect(rendered).toContain('<li><p>Ecuador</p></li><li><p>Mexico</p></li>');
    expect(rendered).toContain('<strong>Quorum reached.</strong>');
  });

  it('takes draft minutes through sharing, a focal point’s comment, and finalising, once the meeting is held', {
    timeout: 240_000,
  }, async () => {
    const staff = await suite.open(`/en/meetings/${slug}/records`, { role: 'secretariat-staff' });
    const minutes = staff.page.getByRole('region', { name: 'Minutes' });
    await minutes.getByLabel('Text of the Minutes').fill('The meeting opened at nine.');
    await minutes.getByRole('button', { name: 'Save the draft' }).click();
    await expect.poll(() => minutes.locator('.record-body').first().textContent()).toBe('The meeting opened at nine.');
    // The meeting is only convened: sharing and finalising wait for it to be held, and say so.
    const share = minutes.getByRole('button', { name: 'Share with the delegations' });
    await expect.poll(() => share.isDisabled()).toBe(true);
    await expect
      .poll(() => share.getAttribute('aria-describedby').then((id) => staff.page.locator(`#${id}`).textContent()))
      .toContain('The meeting has not been held yet');
    expect(await minutes.getByRole('button', { name: 'Make final' }).isDisabled()).toBe(true);
    await expectAccessible(staff.page);

    // A secretariat administrator holds the meeting: registration opened and closed, the session opened.
    const admin = await suite.open(`/en/meetings/${slug}`, { role: 'secretariat-admin' });
    await transition(admin.page, 'Open registration', 'Registration open');
    await transition(admin.page, 'Close registration', 'Registration closed');
    await overrideTransition(admin.page, 'Open the session', 'In session', 'America/Santo_Domingo');

    await staff.page.reload();
    await waitForPortal(staff.page);
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
