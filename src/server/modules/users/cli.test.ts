import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runEntry, waitForOutput } from '../../testing/process.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mispa-accounts-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('npm run user:create (scripts/user-create.ts)', () => {
  const env = { DATABASE_URL: `sqlite:${path.join(dir, 'cli.sqlite')}`, MISPA_PUBLIC_URL: 'https://mispa.example.org' };

  it('creates an invited account and prints its one-time link in the chosen language', async () => {
    const created = runEntry(
      'scripts/user-create.ts',
      ['--email', 'Ana@Example.org', '--role', 'secretariat-admin', '--lang', 'es'],
      env,
    );
    expect(await created.exited).toBe(0);
    expect(created.output.stdout).toMatch(/^Invited ana@example\.org \(secretariat-admin\)\./);
    expect(created.output.stdout).toMatch(/\nhttps:\/\/mispa\.example\.org\/es\/invitation\/[\w-]{43}\n$/);
  });

  it('refuses an e-mail that already has an account, and a grant without what it binds to', async () => {
    const again = runEntry(
      'scripts/user-create.ts',
      ['--email', 'ana@example.org', '--role', 'secretariat-staff'],
      env,
    );
    expect(await again.exited).toBe(1);
    expect(again.output.stderr.trim()).toBe('There is already an account for ana@example.org.');
    const unbound = runEntry('scripts/user-create.ts', ['--email', 'bo@example.org', '--role', 'focal-point'], env);
    expect(await unbound.exited).toBe(1);
    expect(unbound.output.stderr).toMatch(
      /^--member-state: is required: a focal-point grant is bound to a member state\nUsage:/,
    );
  });
});

describe('npm start (src/server/main.ts) and accounts', () => {
  it('prints a link to create the first administrator on an empty database, which the API accepts', async () => {
    const server = runEntry('src/server/main.ts', [], {
      DATABASE_URL: `sqlite:${path.join(dir, 'first.sqlite')}`,
      MISPA_PUBLIC_URL: 'https://mispa.example.org',
    });
    try {
      const [, port] = await waitForOutput(server.output, /serving on http:\/\/localhost:(\d+)/, server.child);
      const [, token] = await waitForOutput(
        server.output,
        /No secretariat administrator yet\..*https:\/\/mispa\.example\.org\/en\/invitation\/([\w-]{43})\n/,
        server.child,
      );
      const view = await fetch(`http://127.0.0.1:${port}/api/v1/invitations/${token}`);
      expect(await view.json()).toMatchObject({ setup: true, state: 'pending' });
      const settings = await fetch(`http://127.0.0.1:${port}/api/v1/settings/public`);
      expect(await settings.json()).toEqual({ demo: false });
    } finally {
      server.child.kill('SIGINT');
      expect(await server.exited).toBe(0);
    }
  });

  it('with --demo loads the demo users with MISPA_DEMO_PASSWORD and says so to the portal', async () => {
    const password = 'demo password from the environment';
    const server = runEntry('src/server/main.ts', ['--demo'], {
      DATABASE_URL: `sqlite:${path.join(dir, 'demo.sqlite')}`,
      // Demo mode stores MISPA IX's document files; keep them out of the repository's data/files.
      MISPA_FILES_DIR: path.join(dir, 'files'),
      MISPA_DEMO_PASSWORD: password,
    });
    try {
      const [, port] = await waitForOutput(server.output, /serving on http:\/\/localhost:(\d+)/, server.child);
      await waitForOutput(
        server.output,
        /Demo mode: sign in as secretariat@demo\.invalid.*MISPA_DEMO_PASSWORD/,
        server.child,
      );
      expect(server.output.stdout).toMatch(/sign in as .*partner@demo\.invalid/);
      expect(server.output.stdout).not.toMatch(/was not created/);
      expect(server.output.stdout).not.toMatch(/No secretariat administrator/);
      expect(server.output.stdout).not.toContain(password);
      const settings = await fetch(`http://127.0.0.1:${port}/api/v1/settings/public`);
      expect(await settings.json()).toEqual({ demo: true });
      const signIn = await fetch(`http://127.0.0.1:${port}/api/v1/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'focal.mx@demo.invalid', password }),
      });
      expect(signIn.status).toBe(204);
    } finally {
      server.child.kill('SIGINT');
      expect(await server.exited).toBe(0);
    }
  });

  it('stops with one clear sentence on a bad MISPA_SMTP_URL', async () => {
    const server = runEntry('src/server/main.ts', [], {
      DATABASE_URL: `sqlite:${path.join(dir, 'bad.sqlite')}`,
      MISPA_SMTP_URL: 'http://mail.example.org',
    });
    expect(await server.exited).toBe(1);
    expect(server.output.stderr.trim().split('\n')).toHaveLength(1);
    expect(server.output.stderr).toMatch(/MISPA_SMTP_URL must look like smtp:\/\/user:password@host:587/);
  });
});
