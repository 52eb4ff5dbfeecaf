import { type ChildProcess, spawn } from 'node:child_process';
import { repoRoot } from './harness.js';

/**
 * Runs an entry point as npm does (`node --import tsx`, which runs built JavaScript as it is), quiet, on any free port and out of
 * demo mode unless `env` says otherwise, and collects what it prints.
 */
export function runEntry(entry: string, args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    cwd: repoRoot,
    env: { ...process.env, LOG_LEVEL: 'silent', PORT: '0', MISPA_DEMO: '', MISPA_DEMO_PASSWORD: '', ...env },
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

/** Waits (polling every 50 ms, `attempts` times) until the process has printed `pattern`, or has exited. */
export async function waitForOutput(
  output: { stdout: string },
  pattern: RegExp,
  child: ChildProcess,
  attempts = 400,
): Promise<RegExpMatchArray> {
  for (let i = 0; i < attempts; i++) {
    const match = output.stdout.match(pattern);
    if (match) return match;
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`did not print ${pattern}; printed: ${output.stdout}`);
}
