import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Role } from '../../src/contract/accounts.js';
import { type AccountsServer, signIn, startAccountsServer } from './accounts.js';
import { type Browser, collectPageErrors, launchBrowser, visit } from './browser.js';

export type OpenOptions = {
  /** Signed in with this role (and member state); a visitor without. */
  role?: Role;
  memberState?: string;
  /** The partner organisation (slug) a partner's grant is bound to. */
  partner?: string;
  locale?: string;
  /** The window's width, e.g. 360 for the narrowest phone; 1280 without. */
  width?: number;
};

/**
 * The hooks of a browser suite on the platform with accounts, to call inside its describe: one
 * server for the suite, and browsers launched on demand, each closed after the test that launched
 * it, so that no cookie or storage outlives its test.
 */
export function portalSuite() {
  let server: AccountsServer | undefined;
  const browsers: Browser[] = [];

  beforeAll(async () => {
    server = await startAccountsServer();
  }, 180_000);

  afterEach(async () => {
    for (const browser of browsers.splice(0)) await browser.close();
  });

  afterAll(async () => {
    await server?.close();
  });

  const suite = {
    get server(): AccountsServer {
      if (!server) throw new Error('The server starts before the suite’s first test.');
      return server;
    },

    /** A browser of its own for this test. */
    async browser(options: { locale?: string } = {}): Promise<Browser> {
      const browser = await launchBrowser(options);
      browsers.push(browser);
      return browser;
    },

    /** A new page in a browser of its own, signed in as asked, at `path` with its data, its errors collected. */
    async open(path: string, options: OpenOptions = {}): Promise<{ page: Page; errors: string[] }> {
      const browser = await suite.browser(options.locale ? { locale: options.locale } : {});
      if (options.role)
        await signIn(suite.server, browser, options.role, {
          memberState: options.memberState,
          partner: options.partner,
        });
      const page = await browser.context.newPage();
      const errors = collectPageErrors(page);
      await suite.visit(page, path, options.width);
      return { page, errors };
    },

    /** Goes to `path` of the suite's server in `page`, optionally at another width. */
    visit(page: Page, path: string, width?: number): Promise<void> {
      return visit(page, `${suite.server.url}${path}`, width);
    },
  };
  return suite;
}
