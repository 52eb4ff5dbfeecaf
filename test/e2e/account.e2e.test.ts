import { readFileSync } from 'node:fs';
import { Secret, TOTP } from 'otpauth';
import type { Page } from 'playwright-core';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type AccountsServer,
  createInvitation,
  createPasswordReset,
  createUser,
  signIn as startSession,
  type TestUser,
} from './accounts.js';
import {
  type Browser,
  browserSuiteTitle,
  collectPageErrors,
  expectAccessible,
  hasBrowser,
  waitForPortal,
} from './browser.js';
import { portalSuite } from './suite.js';

const TEXT = {
  en: {
    signIn: 'Sign in',
    email: 'E-mail address',
    password: 'Password',
    account: 'My account',
    role: 'Delegate',
    menu: 'Account menu:',
    signOut: 'Sign out',
    signedOut: 'You have signed out.',
    signInFirst: 'Sign in to see this page.',
    failed: 'The e-mail address or the password is wrong',
  },
  es: {
    signIn: 'Iniciar sesión',
    email: 'Correo electrónico',
    password: 'Contraseña',
    account: 'Mi cuenta',
    role: 'Delegado',
    menu: 'Menú de la cuenta:',
    signOut: 'Cerrar sesión',
    signedOut: 'Ha cerrado la sesión.',
    signInFirst: 'Inicie sesión para ver esta página.',
    failed: 'La dirección de correo o la contraseña no son correctas',
  },
} as const;

describe.skipIf(!hasBrowser)(browserSuiteTitle('accounts in a browser'), () => {
  const suite = portalSuite();
  let server: AccountsServer;
  let browser: Browser;
  let state: { slug: string; name: Record<'en' | 'es', string> };

  beforeAll(async () => {
    server = suite.server;
    // Only a member state is needed here: read it alone, so the suite does not hang on other lists.
    const states = (await (await fetch(`${server.url}/api/v1/member-states?limit=1`)).json()) as {
      items: Array<{ slug: string }>;
    };
    const slug = states.items[0]?.slug as string;
    const nameIn = async (lang: string) =>
      (
        (await (await fetch(`${server.url}/api/v1/member-states/${slug}?lang=${lang}`)).json()) as {
          name: { text: string };
        }
      ).name.text;
    state = { slug, name: { en: await nameIn('en'), es: await nameIn('es') } };
  }, 180_000);

  // A browser per test: its cookies and storage are the test's own, whatever an earlier test left.
  beforeEach(async () => {
    browser = await suite.browser();
  });

  /** Signing in lands on the workspace (issue 16); these tests go on to the account page from there. */
  async function landOnWorkspaceThenAccount(page: Page, lang: 'en' | 'es') {
    await page.waitForURL(`${server.url}/${lang}/workspace`);
    await waitForPortal(page);
    await page.goto(`${server.url}/${lang}/account`);
    await waitForPortal(page);
  }

  async function signIn(page: Page, lang: 'en' | 'es', user: TestUser) {
    const text = TEXT[lang];
    await page.getByLabel(text.email).fill(user.email);
    await page.getByLabel(text.password, { exact: true }).fill(user.password);
    await page.getByRole('main').getByRole('button', { name: text.signIn }).click();
  }

  describe.each([
    { lang: 'en', width: 1280 },
    { lang: 'es', width: 360 },
  ] as const)('in $lang at $width px', ({ lang, width }) => {
    it('signs in, shows the account with its translated role, and signs out', { timeout: 120_000 }, async () => {
      const text = TEXT[lang];
      const user = await createUser(server.db, { role: 'delegate', memberState: state.slug });
      const page = await browser.context.newPage();
      await page.setViewportSize({ width, height: 900 });
      const errors = collectPageErrors(page);

      await page.goto(`${server.url}/${lang}/`);
      await waitForPortal(page);
      await page.getByRole('banner').getByRole('link', { name: text.signIn }).click();
      await page.waitForURL(`${server.url}/${lang}/sign-in`);
      await waitForPortal(page);
      await expect.poll(() => page.title()).toContain(text.signIn);
      await expectAccessible(page);

      await signIn(page, lang, user);
      await landOnWorkspaceThenAccount(page, lang);
      await waitForPortal(page);
      await expect.poll(() => page.locator('main h1').textContent()).toBe(text.account);
      await expect.poll(() => page.title()).toContain(text.account);
      const main = page.getByRole('main');
      await expect(main.getByText(user.email).count()).resolves.toBe(1);
      await expect.poll(() => main.locator('.grant-list').textContent()).toBe(`${text.role} — ${state.name[lang]}`);
      await expectAccessible(page);

      const menu = page.getByRole('button', { name: `${text.menu} ${user.displayName}` });
      await menu.click();
      expect(await menu.getAttribute('aria-expanded')).toBe('true');
      await expectAccessible(page);
      await page.getByRole('banner').getByRole('button', { name: text.signOut }).click();
      await page.waitForURL(`${server.url}/${lang}/sign-in?signedOut=1`);
      await expect(page.getByRole('status').textContent()).resolves.toBe(text.signedOut);
      await expect(page.getByRole('banner').getByRole('link', { name: text.signIn }).count()).resolves.toBe(1);

      // The session is over on the server too: the account page asks to sign in again.
      await page.goto(`${server.url}/${lang}/account`);
      await waitForPortal(page);
      await expect(page.getByRole('main').getByText(text.signInFirst).count()).resolves.toBe(1);
      expect(errors).toEqual([]);
      await page.close();
    });

    it('says why a sign-in failed, in the page language, and keeps the e-mail', { timeout: 60_000 }, async () => {
      const text = TEXT[lang];
      const user = await createUser(server.db, { role: 'delegate', memberState: state.slug });
      const page = await browser.context.newPage();
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${server.url}/${lang}/sign-in`);
      await waitForPortal(page);
      await signIn(page, lang, { ...user, password: 'not the password at all' });
      await expect.poll(() => page.getByRole('alert').first().textContent()).toContain(text.failed);
      expect(await page.getByLabel(text.email).inputValue()).toBe(user.email);
      expect(new URL(page.url()).pathname).toBe(`/${lang}/sign-in`);
      await expectAccessible(page);
      await page.close();
    });
  });

  it('names the account menu in the page language on the home page, however late the rest of the catalog comes', {
    timeout: 60_000,
  }, async () => {
    const user = await startSession(server, browser, 'delegate', { memberState: state.slug });
    const page = await browser.context.newPage();
    const errors = collectPageErrors(page);
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    // The home page ships the catalog's shell only; its rest (which names the menu) is held back
    // until the menu's own code has arrived, as on a slow line.
    await page.route(/\/assets\/es-[\w-]+\.js$/, async (route) => {
      const response = await route.fetch();
      const body = await response.text();
      if (body.includes('menuFor')) await released;
      await route.fulfill({ response, body });
    });
    const menuCode = page.waitForResponse((response) => /\/assets\/SignedInMenu-[\w-]+\.js$/.test(response.url()));
    await page.goto(`${server.url}/es/`);
    await menuCode;
    // Two frames: time for the menu's code to run and React to show what it has.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    release();
    await expect
      .poll(() => page.getByRole('button', { name: `${TEXT.es.menu} ${user.displayName}` }).count(), {
        timeout: 15_000,
      })
      .toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('changes the name, then the language (the portal follows), then the password, and signs in with the new one, at 360 px', {
    timeout: 180_000,
  }, async () => {
    const user = await createUser(server.db, { role: 'delegate', memberState: state.slug });
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 360, height: 800 });
    const errors = collectPageErrors(page);
    await page.goto(`${server.url}/en/sign-in`);
    await waitForPortal(page);
    await signIn(page, 'en', user);
    await landOnWorkspaceThenAccount(page, 'en');
    await waitForPortal(page);

    const profile = page.locator('form', { has: page.getByRole('heading', { name: 'Change your name or language' }) });
    await profile.getByLabel('Name').fill('  Ana Renamed ');
    await profile.getByRole('button', { name: 'Save the profile' }).click();
    await expect.poll(() => profile.getByRole('status').textContent()).toBe('Your profile has been saved.');
    // The header follows at once: the menu carries the new name.
    await expect.poll(() => page.getByRole('button', { name: 'Account menu: Ana Renamed' }).count()).toBe(1);
    await expectAccessible(page);

    // A new language is the portal's too: the same page opens in it and says the profile was saved.
    await profile.getByLabel('Preferred language').selectOption('es');
    await profile.getByRole('button', { name: 'Save the profile' }).click();
    await page.waitForURL(`${server.url}/es/account`);
    await expect.poll(() => page.locator('main h1').textContent()).toBe('Mi cuenta');
    const perfil = page.locator('form', { has: page.getByRole('heading', { name: 'Cambiar su nombre o idioma' }) });
    await expect.poll(() => perfil.getByRole('status').textContent()).toBe('Su perfil ha sido guardado.');
    await expect(perfil.getByLabel('Idioma preferido').inputValue()).resolves.toBe('es');

    // A wrong current password is marked on its field, in the page's language.
    const newPassword = 'una frase nueva, larga y secreta';
    const current = page.getByLabel('Contraseña actual');
    await current.fill('not the password at all');
    await page.getByLabel('Nueva contraseña', { exact: true }).fill(newPassword);
    await page.getByLabel('Repita la nueva contraseña').fill(newPassword);
    await page.getByRole('button', { name: 'Cambiar la contraseña' }).click();
    await expect.poll(() => current.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => page.getByRole('main').textContent()).toContain('no es su contraseña actual');
    await expectAccessible(page);
    // Sent from the keyboard this time: Enter in the last field submits the form.
    await current.fill(user.password);
    await page.getByLabel('Repita la nueva contraseña').press('Enter');
    await expect
      .poll(() => page.locator('form', { has: current }).getByRole('status').textContent())
      .toBe('Su contraseña ha sido cambiada.');
    expect(await current.inputValue()).toBe('');
    await expectAccessible(page);

    await page.getByRole('banner').getByRole('button', { name: 'Menú de la cuenta: Ana Renamed' }).click();
    await page.getByRole('banner').getByRole('button', { name: 'Cerrar sesión' }).click();
    await page.waitForURL(`${server.url}/es/sign-in?signedOut=1`);
    await signIn(page, 'es', { ...user, password: newPassword });
    await landOnWorkspaceThenAccount(page, 'es');
    await expect.poll(() => page.getByRole('main').textContent()).toContain('Ana Renamed');
    // The browser reports the one refusal the test provoked (the wrong current password), nothing else.
    expect(errors).toEqual(['Failed to load resource: the server responded with a status of 400 (Bad Request)']);
    await page.close();
  });

  it('asks a delegate who turned two-factor on for the code right after signing in', { timeout: 120_000 }, async () => {
    const secret = new Secret({ size: 20 }).base32;
    const user = await createUser(server.db, { role: 'delegate', memberState: state.slug, totpSecret: secret });
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/en/sign-in`);
    await waitForPortal(page);
    await signIn(page, 'en', user);
    await page.waitForURL((url) => url.pathname === '/en/two-factor');
    await waitForPortal(page);
    await expect.poll(() => page.getByRole('main').textContent()).toContain('Open the authenticator app');
    await page.getByLabel('Code', { exact: true }).fill(totpCode(secret));
    await page.getByRole('button', { name: 'Verify' }).click();
    await landOnWorkspaceThenAccount(page, 'en');
    await waitForPortal(page);
    await expect.poll(() => page.getByRole('main').textContent()).toContain('Two-factor authentication is on.');
    await page.close();
  });

  it('marks empty fields next to the field and moves focus to the first one', { timeout: 60_000 }, async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/en/sign-in`);
    await waitForPortal(page);
    await page.getByRole('main').getByRole('button', { name: 'Sign in' }).click();
    const email = page.getByLabel('E-mail address');
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('email');
    const described = (await email.getAttribute('aria-describedby')) ?? '';
    await expect(page.locator(`[id="${described}"]`).textContent()).resolves.toBe('This field is required.');
    await expect(page.getByRole('alert').first().textContent()).resolves.toBe('2 fields need your attention.');
    await page.close();
  });

  /** The code an authenticator app shows `offset` steps from now (a code is accepted once per step,
   * so a second code within 30 s is taken from the next step, which the server's window accepts). */
  function totpCode(secret: string, offset = 0): string {
    return new TOTP({ secret: Secret.fromBase32(secret.replace(/\s/g, '')), digits: 6, period: 30 }).generate({
      timestamp: Date.now() + offset * 30_000,
    });
  }

  async function signOutFromMenu(page: Page, name: string) {
    await page
      .getByRole('banner')
      .getByRole('button', { name: `Account menu: ${name}` })
      .click();
    await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${server.url}/en/sign-in?signedOut=1`);
  }

  it('takes an invited focal point from the invitation to a password, two-factor enrolment, sign-in and sign-out', {
    timeout: 240_000,
  }, async () => {
    const invitation = await createInvitation(server.db, { role: 'focal-point', memberState: state.slug });
    const page = await browser.context.newPage();
    const errors = collectPageErrors(page);
    const password = 'a long passphrase nobody guesses';

    await page.goto(`${server.url}/en/invitation/${invitation.token}`);
    await waitForPortal(page);
    await expect.poll(() => page.title()).toContain('Accept your invitation');
    await expect(page.getByLabel('E-mail address').inputValue()).resolves.toBe(invitation.email);
    await expect(page.getByRole('main').getByText('At least 12 characters.').count()).resolves.toBe(1);
    await expectAccessible(page);
    // The rules are checked before anything is sent, next to the field.
    await page.getByLabel('New password', { exact: true }).fill('short');
    await page.getByLabel('Repeat the new password').fill('short');
    await page.getByRole('button', { name: 'Activate my account' }).click();
    await expect.poll(() => page.getByLabel('New password', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page);
    // A common password passes the length check but not the server's list, which names the field.
    const common = readFileSync(new URL('../../data/security/common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .find((line) => !line.startsWith('#') && line.length >= 12) as string;
    await page.getByLabel('New password', { exact: true }).fill(common);
    await page.getByLabel('Repeat the new password').fill(common);
    await page.getByRole('button', { name: 'Activate my account' }).click();
    await expect.poll(() => page.getByLabel('New password', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => page.getByRole('main').textContent()).toContain('most common passwords');
    await page.getByLabel('New password', { exact: true }).fill(password);
    await page.getByLabel('Repeat the new password').fill(password);
    await page.getByRole('button', { name: 'Activate my account' }).click();

    await page.waitForURL((url) => url.pathname === '/en/sign-in' && url.searchParams.get('welcome') === '1');
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Your account is active');
    await expect(page.getByLabel('E-mail address').inputValue()).resolves.toBe(invitation.email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('main').getByRole('button', { name: 'Sign in' }).click();

    // A focal point must have a second factor: the sign-in continues with its enrolment.
    await page.waitForURL((url) => url.pathname === '/en/two-factor');
    await waitForPortal(page);
    await expect.poll(() => page.getByRole('main').textContent()).toContain('Your roles require two-factor');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Start the setup' }).click();
    const key = page.locator('#two-factor-key');
    await key.waitFor();
    expect(await page.getByRole('img', { name: /QR code/ }).getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    await expectAccessible(page);
    const secret = (await key.textContent()) ?? '';
    await page.getByLabel('Code', { exact: true }).fill('000000' === totpCode(secret) ? '111111' : '000000');
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => page.getByLabel('Code', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Code', { exact: true }).fill(totpCode(secret));
    await page.getByRole('button', { name: 'Confirm' }).click();
    const codes = page.locator('#recovery-codes li');
    await codes.first().waitFor();
    expect(await codes.count()).toBe(10);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'I have saved them, continue' }).click();
    await landOnWorkspaceThenAccount(page, 'en');
    await waitForPortal(page);
    await expect.poll(() => page.getByRole('main').textContent()).toContain('Two-factor authentication is on.');
    await expect
      .poll(() => page.locator('main .grant-list').textContent())
      .toBe(`National focal point — ${state.name.en}`);
    const name = (await page.locator('main .facts dd').first().textContent()) ?? '';
    await signOutFromMenu(page, name);

    // Signing in again asks for the app's code before anything else.
    await page.getByLabel('E-mail address').fill(invitation.email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('main').getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/en/two-factor');
    await waitForPortal(page);
    await expect.poll(() => page.getByRole('main').textContent()).toContain('Open the authenticator app');
    await expectAccessible(page);
    await page.getByLabel('Code', { exact: true }).fill(totpCode(secret, 1));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.waitForURL(`${server.url}/en/workspace`);
    await waitForPortal(page);
    await expect.poll(() => page.locator('main h1').textContent()).toBe('Your workspace');
    await signOutFromMenu(page, name);
    // The browser reports the two refusals the test provoked (the common password, the wrong code), nothing else.
    expect(errors).toEqual(
      Array(2).fill('Failed to load resource: the server responded with a status of 400 (Bad Request)'),
    );
    await page.close();
  });

  it('lets a secretariat administrator invite a user, grant and revoke a role, deactivate, and read the audit trail', {
    timeout: 240_000,
  }, async () => {
    const secret = new Secret({ size: 20 }).base32;
    const admin = await createUser(server.db, { role: 'secretariat-admin', totpSecret: secret });
    const page = await browser.context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${server.url}/en/sign-in?next=${encodeURIComponent('/admin/users')}`);
    await waitForPortal(page);
    await signIn(page, 'en', admin);
    await page.waitForURL((url) => url.pathname === '/en/two-factor');
    await waitForPortal(page);
    await page.getByLabel('Code', { exact: true }).fill(totpCode(secret));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.waitForURL(`${server.url}/en/admin/users`);
    await waitForPortal(page);
    await expect.poll(() => page.title()).toContain('Users');
    await expectAccessible(page);

    const invitee = `invitee-${Date.now()}@example.test`;
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Invite a user' }) });
    await form.getByRole('button', { name: 'Send the invitation' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toContain('need your attention');
    await form.getByLabel('E-mail address').fill(invitee);
    await form.getByLabel('Name').fill('Ana Invitada');
    await form.getByLabel('Role', { exact: true }).selectOption('delegate');
    await form.getByLabel('Member state').selectOption(state.slug);
    await form.getByRole('button', { name: 'Send the invitation' }).click();
    await expect.poll(() => form.getByRole('status').textContent()).toContain(invitee);
    await expect.poll(() => page.locator('main table').textContent()).toContain(invitee);

    await form.getByRole('link', { name: 'Open the account' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/en/admin/users/'));
    await waitForPortal(page);
    await expect.poll(() => page.getByRole('main').textContent()).toContain('Ana Invitada');
    await expect.poll(() => page.locator('main .grant-list').textContent()).toContain(`Delegate— ${state.name.en}`);
    await expectAccessible(page);
    const grantForm = page.locator('form', { has: page.getByRole('heading', { name: 'Grant a role' }) });
    await grantForm.getByLabel('Role', { exact: true }).selectOption('secretariat-staff');
    await grantForm.getByRole('button', { name: 'Grant', exact: true }).click();
    await expect.poll(() => page.locator('main .grant-list li').count()).toBe(2);
    await page
      .locator('main .grant-list li', { hasText: 'Secretariat staff' })
      .getByRole('button', { name: 'Revoke' })
      .click();
    await page.getByRole('button', { name: 'Yes, revoke' }).click();
    await expect.poll(() => page.locator('main .grant-list li', { hasText: 'revoked' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Deactivate the account' }).click();
    await page.getByRole('button', { name: 'Yes, deactivate' }).click();
    await expect.poll(() => page.locator('main .facts').textContent()).toContain('deactivated');

    await page.goto(`${server.url}/en/admin/audit?action=users.invite`);
    await waitForPortal(page);
    await expect.poll(() => page.locator('main table').textContent()).toContain('Invited a user');
    await expect(page.getByLabel('What').inputValue()).resolves.toBe('users.invite');
    await expectAccessible(page);
    const csv = await page.request.get(
      new URL((await page.getByRole('link', { name: 'Export as CSV' }).getAttribute('href')) ?? '', server.url).href,
    );
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
    expect(await csv.text()).toContain('users.invite');
    await page.getByLabel('What').selectOption({ label: 'Any action' });
    await page.getByLabel('Who').fill(admin.email);
    await page.getByRole('button', { name: 'Apply the filters' }).click();
    await page.waitForURL((url) => url.searchParams.get('actor') === admin.email);
    await expect.poll(() => page.locator('main table').textContent()).toContain('users.deactivate');
    expect(errors).toEqual([]);
    await page.close();
  });

  const AUDIT_WORDS = {
    es: { what: 'Qué', invited: 'Invitó a un usuario', signedIn: 'Inició sesión', apply: 'Aplicar los filtros' },
    fr: {
      what: 'Quoi',
      invited: 'A invité un utilisateur',
      signedIn: 'S’est connecté',
      apply: 'Appliquer les filtres',
    },
    pt: { what: 'O quê', invited: 'Convidou um usuário', signedIn: 'Entrou na sessão', apply: 'Aplicar os filtros' },
  } as const;
  it.each(['es', 'fr', 'pt'] as const)(
    'filters the audit trail by what was done, in the words of %s (pt at 360 px)',
    { timeout: 120_000 },
    async (lang) => {
      const words = AUDIT_WORDS[lang];
      await startSession(server, browser, 'secretariat-admin');
      const invitee = await createUser(server.db, { role: 'delegate', memberState: state.slug });
      // Something of each kind in the trail: an invitation (through the API) and a sign-in.
      const page = await browser.context.newPage();
      if (lang === 'pt') await page.setViewportSize({ width: 360, height: 800 });
      const errors = collectPageErrors(page);
      await page.goto(`${server.url}/${lang}/sign-in`);
      await waitForPortal(page);
      const invited = await page.request.post(`${server.url}/api/v1/users/invitations`, {
        headers: { origin: server.url },
        data: {
          email: `audit-${lang}-${Date.now()}@example.test`,
          displayName: 'Ana Auditada',
          preferredLang: lang,
          grants: [{ role: 'delegate', memberState: state.slug }],
        },
      });
      expect(invited.status(), await invited.text()).toBe(201);
      const signedIn = await fetch(`${server.url}/api/v1/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: server.url },
        body: JSON.stringify({ email: invitee.email, password: invitee.password }),
      });
      expect(signedIn.status).toBe(204);
      await page.goto(`${server.url}/${lang}/admin/audit`);
      await waitForPortal(page);
      const what = page.getByLabel(words.what, { exact: true });
      // Every action is offered by its words, none by its identifier.
      const options = await what.locator('option').allTextContents();
      expect(options).toContain(words.invited);
      expect(options.filter((o) => /^[a-z-]+\.[a-z.-]+$/.test(o))).toEqual([]);
      await what.selectOption({ label: words.invited });
      await page.getByRole('button', { name: words.apply }).click();
      await page.waitForURL((url) => url.searchParams.get('action') === 'users.invite');
      await expect.poll(() => page.locator('main table').textContent()).toContain(words.invited);
      await expect.poll(() => page.locator('main table').textContent()).not.toContain(words.signedIn);
      await expectAccessible(page);
      if (lang === 'pt') {
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(width).toBeLessThanOrEqual(360);
      }
      expect(errors).toEqual([]);
      await page.close();
    },
  );

  it.each(['en', 'es'] as const)(
    'tells a delegate, in %s, that the secretariat pages are not for them',
    {
      timeout: 120_000,
    },
    async (lang) => {
      const user = await createUser(server.db, { role: 'delegate', memberState: state.slug });
      const page = await browser.context.newPage();
      await page.goto(`${server.url}/${lang}/sign-in?next=%2Fadmin%2Fusers`);
      await waitForPortal(page);
      await signIn(page, lang, user);
      await page.waitForURL(`${server.url}/${lang}/admin/users`);
      await waitForPortal(page);
      const message = lang === 'en' ? 'Your roles do not allow this page' : 'Sus roles no permiten ver esta página';
      await expect.poll(() => page.getByRole('main').textContent()).toContain(message);
      await expectAccessible(page);
      await page.goto(`${server.url}/${lang}/admin/audit`);
      await waitForPortal(page);
      await expect.poll(() => page.getByRole('main').textContent()).toContain(message);
      await page.close();
    },
  );

  it('resets a forgotten password from the e-mail link, in Spanish at 360 px', { timeout: 180_000 }, async () => {
    const user = await createUser(server.db, { role: 'delegate', memberState: state.slug });
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto(`${server.url}/es/sign-in`);
    await waitForPortal(page);
    await page.getByRole('link', { name: '¿Olvidó su contraseña?' }).click();
    await page.waitForURL(`${server.url}/es/password-reset`);
    await waitForPortal(page);
    await expect.poll(() => page.title()).toContain('Restablecer su contraseña');
    await expectAccessible(page);
    await page.getByLabel('Correo electrónico').fill(user.email);
    await page.getByRole('button', { name: 'Enviar el enlace' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain(user.email);

    // The link of the e-mail (made here: the test's server sends no mail).
    const token = await createPasswordReset(server.db, user.id);
    await page.goto(`${server.url}/es/password-reset/${token}`);
    await waitForPortal(page);
    await expect.poll(() => page.title()).toContain('Elegir una nueva contraseña');
    await expectAccessible(page);
    const password = 'otra frase larga y secreta';
    await page.getByLabel('Nueva contraseña', { exact: true }).fill(password);
    await page.getByLabel('Repita la nueva contraseña').fill(`${password}!`);
    await page.getByRole('button', { name: 'Cambiar mi contraseña' }).click();
    await expect.poll(() => page.getByLabel('Repita la nueva contraseña').getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => page.getByRole('main').textContent()).toContain('Las dos contraseñas no coinciden.');
    await page.getByLabel('Repita la nueva contraseña').fill(password);
    await page.getByRole('button', { name: 'Cambiar mi contraseña' }).click();
    await page.waitForURL((url) => url.pathname === '/es/sign-in' && url.searchParams.has('passwordChanged'));
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Su contraseña ha sido cambiada');
    await signIn(page, 'es', { ...user, password });
    await page.waitForURL(`${server.url}/es/workspace`);

    // The link works once: opened again, the page says so and offers a new one.
    await page.goto(`${server.url}/es/password-reset/${token}`);
    await waitForPortal(page);
    await page.getByLabel('Nueva contraseña', { exact: true }).fill(password);
    await page.getByLabel('Repita la nueva contraseña').fill(password);
    await page.getByRole('button', { name: 'Cambiar mi contraseña' }).click();
    await expect.poll(() => page.getByRole('link', { name: 'Pedir un nuevo enlace' }).count()).toBe(1);
    await expectAccessible(page);
    await page.close();
  });

  it('explains an invitation link that leads nowhere', { timeout: 60_000 }, async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/fr/invitation/no-such-invitation`);
    await waitForPortal(page);
    await expect.poll(() => page.getByRole('main').getByRole('alert').textContent()).toBeTruthy();
    expect(await page.locator('main form').count()).toBe(0);
    await expectAccessible(page);
    await page.close();
  });
});
