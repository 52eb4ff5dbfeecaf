import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from './testing/harness.js';

/** Starts the real entry point as `npm start` does after building, and collects what it prints. */
function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, LOG_LEVEL: 'silent', PORT: '0', ...env },
  });
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk) => {
    output.stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output.stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output, exited };
}

async function waitFor(output: { stdout: string }, pattern: RegExp, child: ChildProcess): Promise<RegExpMatchArray> {
  for (let i = 0; i < 300; i++) {
    const match = output.stdout.match(pattern);
    if (match) return match;
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the server did not print ${pattern}; it printed: ${output.stdout}`);
}

describe('npm start (src/server/main.ts)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mispa-main-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('serves, shuts down cleanly on Ctrl-C, and a second start changes no data', async () => {
    const env = { DATABASE_URL: `sqlite:${path.join(dir, 'db.sqlite')}` };
    const first = start(env);
    const [, port] = await waitFor(
      first.output,
      /serving on http:\/\/localhost:(\d+) .*loaded: (\d+) added/,
      first.child,
    );
    const reply = await fetch(`http://127.0.0.1:${port}/api/v1/member-states?limit=100`);
    expect(((await reply.json()) as { items: unknown[] }).items).toHaveLength(35);
    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);

    const second = start(env);
    await waitFor(second.output, /serving on .*reference data unchanged/, second.child);
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
