import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { DatabaseTarget } from '../../src/server/db/connection.js';
import { BUILDS, build, isFresh, SERVER_NODE_FLAGS } from '../lib/builds.mjs';
import { root } from './target.js';

/** A port nobody listens on now (the kernel picks it), for the bench server. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** The resident memory of a process in MB (VmRSS of /proc/<pid>/status); null where there is no /proc. */
export function rssMb(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb ? Math.round((Number(kb) / 1024) * 10) / 10 : null;
  } catch {
    return null;
  }
}

export interface BenchServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** The portal and the server bundle as `npm start` builds them, built if missing or out of date. */
export function ensureBuilt() {
  for (const target of [BUILDS.web, BUILDS.server]) {
    if (!isFresh(target) && build(target) !== 0) throw new Error(`${target.outputDir} could not be built`);
  }
}

/**
 * Starts the platform as `npm start` runs it (the server bundle, built first if it is missing or
 * out of date) on the bench database, on loopback only, with the baseline route turned on, and
 * waits for the line saying it serves.
 */
export async function startServer(target: DatabaseTarget, filesDir: string): Promise<BenchServer> {
  ensureBuilt();
  const server = BUILDS.server;
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [...SERVER_NODE_FLAGS, path.join(server.outputDir, server.output)],
    {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: target.engine === 'sqlite' ? `sqlite:${target.file}` : target.url,
        PORT: String(port),
        HOST: '127.0.0.1',
        MISPA_BENCH: '1',
        MISPA_FILES_DIR: filesDir,
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start in 60 s:\n${output}`)), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (/serving on http/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with code ${code} before serving:\n${output}`));
    });
  });
  await ready;
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid as number,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
