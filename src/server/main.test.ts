import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILDS } from '../../scripts/lib/builds.mjs';
import { repoRoot } from './testing/harness.js';
import { runEntry, waitForOutput } from './testing/process.js';

/** Starts the real entry point as `npm start` does after building. */
const start = (env: Record<string, string>) => runEntry('src/server/main.ts', [], env);

describe('npm start (src/server/main.ts)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mispa-main-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('serves, shuts down cleanly on Ctrl-C, and a second start changes no data', async () => {
    const env = { DATABASE_URL: `sqlite:${path.join(dir, 'db.sqlite')}` };
    const first = start(env);
    const [, port] = await waitForOutput(
      first.output,
      /serving on http:\/\/localhost:(\d+) .*loaded: (\d+) added/,
      first.child,
    );
    const reply = await fetch(`http://127.0.0.1:${port}/api/v1/member-states?limit=100`);
    expect(((await reply.json()) as { items: unknown[] }).items).toHaveLength(35);
    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);

    const second = start(env);
    await waitForOutput(second.output, /serving on .*reference data unchanged/, second.child);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it.each([
    ['a DATABASE_URL of an unknown kind', { DATABASE_URL: 'mysql://db/x' }, /DATABASE_URL must start with/],
    [
      'an unreachable PostgreSQL',
      { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/x' },
      /Cannot reach the PostgreSQL database at 127\.0\.0\.1:1/,
    ],
    ['an invalid PORT', { PORT: 'eighty' }, /PORT must be a whole number/],
  ])('stops with one clear sentence on %s', async (_, env, message) => {
    const run = start({ DATABASE_URL: `sqlite:${path.join(dir, 'other.sqlite')}`, ...env });
    expect(await run.exited).toBe(1);
    expect(run.output.stderr).toMatch(message);
    expect(run.output.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('stops with one clear sentence when the port is in use', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '0.0.0.0', resolve));
    const { port } = blocker.address() as net.AddressInfo;
    try {
      const run = start({ DATABASE_URL: `sqlite:${path.join(dir, 'port.sqlite')}`, PORT: String(port) });
      expect(await run.exited).toBe(1);
      expect(run.output.stderr.trim()).toBe(
        `MISPA Platform could not start: port ${port} is already in use; stop the other program or set PORT to another port.`,
      );
    } finally {
      blocker.close();
    }
  });
});

describe('the server bundle npm start runs (dist/server/main.js)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mispa-bundle-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('builds with the command npm start uses, then serves from the bundle', async () => {
    // Inside the checkout, as dist/server is: the bundle finds the data folder from where it lies.
    const outfile = path.join('.tmp', `server-bundle-${process.pid}`, 'main.js');
    const [tool, args] = BUILDS.server.command;
    const built = spawnSync(
      path.join(repoRoot, 'node_modules/.bin', tool),
      [...args.filter((arg) => !arg.startsWith('--outfile=')), `--outfile=${outfile}`],
      { cwd: repoRoot, encoding: 'utf8' },
    );
    expect(built.status, built.stderr).toBe(0);
    try {
      const run = runEntry(outfile, [], { DATABASE_URL: `sqlite:${path.join(dir, 'db.sqlite')}` });
      const [, port] = await waitForOutput(run.output, /serving on http:\/\/localhost:(\d+)/, run.child);
      const reply = await fetch(`http://127.0.0.1:${port}/api/v1/pillars`);
      expect(((await reply.json()) as { items: unknown[] }).items).toHaveLength(5);
      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
    } finally {
      fs.rmSync(path.join(repoRoot, path.dirname(outfile)), { recursive: true, force: true });
    }
  });
});
