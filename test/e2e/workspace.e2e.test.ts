import { Secret, TOTP } from 'otpauth';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../src/contract/accounts.js';
import { apiCaller, createUser } from './accounts.js';
import { browserSuiteTitle, expectAccessible, hasBrowser, horizontalOverflow, waitForPortal } from './browser.js';
import { portalSuite } from './suite.js';

const code = (secret: string) =>
  new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({ timestamp: Date.now() });

describe.skipIf(!hasBrowser)(browserSuiteTitle('workspaces in a browser'), () => {
  const suite = portalSuite();
  const db = () => suite.server.db;

  /** A meeting with open registration, and a delegation of a state (its slug) or a partner registered at it. */
  async function meetingWith(of: string | { partnerId: string }, status: 'draft' | 'submitted') {
    const { buildDelegation, buildMeeting } = await import('../../src/server/testing/factories.js');
    const meeting = await buildMeeting(db(), { status: 'registration-open' });
    await buildDelegation(db(), meeting.id, of, status);
    return meeting;
  }

  /** Signs in through the form (and the second factor when the role has one) and lands on the workspace. */
  async function signInThroughForm(
    lang: 'en' | 'es' | 'fr' | 'pt',
    role: Role,
    scope: { memberState?: string; partner?: string } = {},
    width?: number,
  ): Promise<Page> {
    const secret = new Secret({ size: 20 }).base32;
    const twoFactor = role !== 'partner';
    const user = await createUser(db(), {
      role,
      ...(scope.memberState ? { memberState: scope.memberState } : {}),
      ...(twoFactor ? { totpSecret: secret } : {}),
    });
    if (scope.partner) {
      const partner = await db()
        .selectFrom('partner')
        .select('id')
        .where('slug', '=', scope.partner)
        .executeTakeFirstOrThrow();
      await db().updateTable('role_grant').set({ partner_id: partner.id }).where('user_id', '=', user.id).execute();
    }
    const browser = await suite.browser({ locale: lang });
    const page = await browser.context.newPage();
    if (width) await page.setViewportSize({ width, height: 800 });
    await suite.visit(page, `/${lang}/sign-in`);
    await page.locator('input[type=email]').fill(user.email);
    await page.locator('input[type=password]').fill(user.password);
    await page.getByRole('main').locator('button[type=submit]').click();
    if (twoFactor) {
      await page.waitForURL((url) => url.pathname === `/${lang}/two-factor`);
      await waitForPortal(page);
      await page.locator('input[autocomplete=one-time-code]').fill(code(secret));
      await page.getByRole('main').locator('button[type=submit]').click();
    }
    await page.waitForURL((url) => url.pathname === `/${lang}/workspace`);
    await waitForPortal(page);
    return page;
  }

  it('lands the secretariat on its workspace: N of 35 registered, the registration to accredit, and the remind action', {
    timeout: 180_000,
  }, async () => {
    const meeting = await meetingWith('ec', 'submitted');
    const page = await signInThroughForm('en', 'secretariat-staff');
    await expect.poll(() => page.locator('main h1').textContent()).toBe('Your workspace');
    const card = page.locator('.workspace__meeting', { has: page.locator(`a[href="/en/meetings/${meeting.slug}"]`) });
    await card.getByText('1 of 35 states registered').waitFor();
    await card.getByText('34 states not registered yet').click();
    await expect(card.locator('.workspace__states li').count()).resolves.toBe(34);
    await expectAccessible(page);

    // The remind action e-mails the focal points of those 34 states and says how many heard.
    await card.getByRole('button', { name: /^Remind them by e-mail/ }).click();
    await card
      .getByRole('status')
      .getByText(/^Reminder sent to \d+ focal points?\.$/)
      .waitFor();

    // The registration waiting for accreditation links to where it is accredited; its count agrees.
    const queue = page.locator('section', {
      has: page.getByRole('heading', { name: /Registrations waiting for accreditation/ }),
    });
    const count = Number(await queue.locator('.workspace__count').textContent());
    await expect(queue.locator('li').count()).resolves.toBe(count);
    await queue.locator('li', { hasText: meeting.slug }).getByRole('link', { name: 'Ecuador' }).click();
    await page.waitForURL((url) => url.pathname === `/en/meetings/${meeting.slug}/registration`);
  });

  it('lands a focal point on theirs in Spanish at 360 px: their delegation, and a link to register', {
    timeout: 180_000,
  }, async () => {
    const meeting = await meetingWith('pe', 'draft');
    const page = await signInThroughForm('es', 'focal-point', { memberState: 'pe' }, 360);
    await expect.poll(() => page.locator('main h1').textContent()).toBe('Su espacio de trabajo');
    await expect(horizontalOverflow(page)).resolves.toBe(0);
    await expectAccessible(page);
    const card = page.locator('.workspace__meeting', { has: page.locator(`a[href="/es/meetings/${meeting.slug}"]`) });
    // Its own delegation only, with its status; no count of the other states.
    await expect(card.getByText(/states registered|Estados inscritos/).count()).resolves.toBe(0);
    await card.getByRole('link', { name: 'Delegación de Perú: Borrador' }).click();
    await page.waitForURL((url) => url.pathname === `/es/meetings/${meeting.slug}/registration`);
  });

  it('lands a partner on theirs in French: the meeting it observes only, its registration, and the texts shared with it', {
    timeout: 180_000,
  }, async () => {
    const { buildPartner } = await import('../../src/server/testing/factories.js');
    const partner = await buildPartner(db(), { name: 'Organisation observatrice' });
    const observed = await meetingWith({ partnerId: partner.id }, 'submitted');
    const other = await meetingWith('cl', 'submitted');
    // The secretariat shares a draft declaration with the partner; another stays unshared.
    const secretariat = await apiCaller(suite.server, 'secretariat-staff');
    const draft = (meeting: string, fr: string) =>
      secretariat<{ id: string; slug: string }>('POST', '/documents', {
        meeting,
        type: 'declaration',
        titles: { fr, en: `${fr} (en)` },
        originalLang: 'fr',
      });
    const shared = await draft(observed.slug, 'Déclaration partagée');
    const unshared = await draft(observed.slug, 'Déclaration non partagée');
    await secretariat('PUT', `/documents/${shared.id}/shares/${partner.slug}`, {});

    const page = await signInThroughForm('fr', 'partner', { partner: partner.slug });
    await expect.poll(() => page.locator('main h1').textContent()).toBe('Votre espace de travail');
    await expect(page.locator(`a[href="/fr/meetings/${other.slug}"]`).count()).resolves.toBe(0);
    const sharedList = page.getByRole('region', { name: /^Documents partagés avec votre délégation/ });
    await expect.poll(() => sharedList.locator('.workspace__count').textContent()).toBe('1');
    await expect(sharedList.getByRole('listitem').count()).resolves.toBe(1);
    await expect(page.locator(`a[href="/fr/documents/${unshared.slug}"]`).count()).resolves.toBe(0);
    await expectAccessible(page);
    await sharedList.getByRole('link', { name: 'Déclaration partagée' }).click();
    await page.waitForURL((url) => url.pathname === `/fr/documents/${shared.slug}`);
    await page.getByRole('heading', { name: 'Déclaration partagée', level: 1 }).waitFor();
    await suite.visit(page, '/fr/workspace');
    const card = page.locator('.workspace__meeting', { has: page.locator(`a[href="/fr/meetings/${observed.slug}"]`) });
    await card.getByRole('link', { name: /^Délégation de Organisation observatrice :/ }).click();
    await page.waitForURL((url) => url.pathname === `/fr/meetings/${observed.slug}/registration`);
  });

  it('reads in Portuguese', { timeout: 120_000 }, async () => {
    const { page } = await suite.open('/pt/workspace', { role: 'focal-point', memberState: 'br', locale: 'pt' });
    await expect.poll(() => page.locator('main h1').textContent()).toBe('Seu espaço de trabalho');
    await page.getByRole('heading', { name: /Relatórios de acompanhamento a redigir/ }).waitFor();
    await expectAccessible(page);
  });
});
