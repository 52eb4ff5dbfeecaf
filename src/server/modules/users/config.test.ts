import { describe, expect, it } from 'vitest';
import { readAccountsConfig } from './config.js';

const read = (env: NodeJS.ProcessEnv, argv: string[] = [], port = 3000) =>
  readAccountsConfig(env, argv, '/srv/mispa', port);

describe('account settings from the environment', () => {
  it('defaults to links on http://localhost:3000, the outbox, and no demo', () => {
    expect(read({})).toEqual({
      publicUrl: 'http://localhost:3000',
      mail: { smtpUrl: null, from: 'MISPA Platform <no-reply@localhost>', outboxDir: '/srv/mispa/data/outbox' },
      demo: { enabled: false, password: null },
    });
    expect(read({}, [], 8080).publicUrl).toBe('http://localhost:8080');
  });

  it('reads the public URL without its trailing slash, the SMTP URL and the sender', () => {
    const config = read({
      MISPA_PUBLIC_URL: 'https://mispa.oas.org/',
      MISPA_SMTP_URL: 'smtps://user:secret@smtp.oas.org:465',
      MISPA_MAIL_FROM: 'MISPA <mispa@oas.org>',
    });
    expect(config.publicUrl).toBe('https://mispa.oas.org');
    expect(config.mail).toMatchObject({
      smtpUrl: 'smtps://user:secret@smtp.oas.org:465',
      from: 'MISPA <mispa@oas.org>',
    });
  });

  it.each([
    [['--demo'], {}],
    [[], { MISPA_DEMO: '1' }],
    [[], { MISPA_DEMO: 'true' }],
  ])('turns demo mode on with %j %j', (argv, env) => {
    expect(read(env, argv).demo.enabled).toBe(true);
  });

  it.each([
    [{ MISPA_PUBLIC_URL: 'mispa.oas.org' }, /MISPA_PUBLIC_URL must be the portal's address/],
    [{ MISPA_PUBLIC_URL: 'ftp://mispa.oas.org' }, /MISPA_PUBLIC_URL/],
    [{ MISPA_SMTP_URL: 'http://smtp.oas.org' }, /MISPA_SMTP_URL must look like smtp:/],
    [{ MISPA_DEMO: 'yes please' }, /MISPA_DEMO must be 1/],
    [{ MISPA_DEMO_PASSWORD: 'short' }, /MISPA_DEMO_PASSWORD is refused by the password policy \(too-short\)/],
    [{ MISPA_DEMO_PASSWORD: 'qwerty123456' }, /\(common\)/],
  ])('stops with one sentence on %j', (env, message) => {
    expect(() => read(env)).toThrow(message);
  });
});
