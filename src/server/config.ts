import path from 'node:path';
import { ConfigError, type DatabaseTarget, parseDatabaseUrl } from './db/connection.js';
import { type AccountsConfig, readAccountsConfig } from './modules/users/index.js';

export interface Config {
  port: number;
  host: string;
  database: DatabaseTarget;
  referenceDir: string;
  webRoot: string;
  logLevel: string;
  /** Fastify's trustProxy: false, true, or the proxies' addresses/CIDR ranges. */
  trustProxy: boolean | string[];
  /** Links, e-mail and demo mode (modules/users/config.ts). */
  accounts: AccountsConfig;
  /** MISPA_SECRET_KEY: seals two-factor secrets at rest, keys the public session ids, signs the audit chain's head and the known-device cookies. */
  secretKey: string | undefined;
  /** Uploaded files: where they are kept (MISPA_FILES_DIR) and the largest accepted (MISPA_UPLOAD_MAX_BYTES). */
  files: { dir: string; maxBytes: number };
  /** MISPA_SESSION_MEMORY_SECONDS: how long a process remembers who a session belongs to (0: not at all). */
  sessionMemorySeconds: number;
}

/** 25 MB: a long report with pictures, far below what would strain the disk or a slow link. */
export const DEFAULT_UPLOAD_MAX_BYTES = 25 * 1024 * 1024;

/** MISPA_UPLOAD_MAX_BYTES: a whole number of bytes from 1 KiB to 1 GiB. */
export function parseUploadMaxBytes(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_UPLOAD_MAX_BYTES;
  const bytes = Number(value);
  if (!/^\d+$/.test(value.trim()) || bytes < 1024 || bytes > 1024 ** 3) {
    throw new ConfigError(
      `MISPA_UPLOAD_MAX_BYTES must be a whole number of bytes from 1024 to 1073741824 (got "${value}").`,
    );
  }
  return bytes;
}

/** MISPA_SESSION_MEMORY_SECONDS: a whole number of seconds from 0 (off) to 300; 10 when unset. */
export function parseSessionMemorySeconds(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return 10;
  const seconds = Number(value);
  if (!/^\d+$/.test(value.trim()) || seconds > 300) {
    throw new ConfigError(
      `MISPA_SESSION_MEMORY_SECONDS must be a whole number of seconds from 0 (off) to 300 (got "${value}").`,
    );
  }
  return seconds;
}

export const SECRET_KEY_MIN_LENGTH = 32;

/**
 * MISPA_SECRET_KEY: unset (or empty) runs without one; otherwise at least 32 characters, so the
 * keys derived from it cannot be guessed. The value is never repeated in the error.
 */
export function parseSecretKey(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (value.length < SECRET_KEY_MIN_LENGTH) {
    throw new ConfigError(
      `MISPA_SECRET_KEY must be at least ${SECRET_KEY_MIN_LENGTH} characters long (got ${value.length}); make one with: openssl rand -base64 48.`,
    );
  }
  return value;
}

/**
 * MISPA_TRUST_PROXY: unset or `false` believes no X-Forwarded-* header (the platform faces clients
 * directly); `true` believes any proxy; otherwise a comma-separated list of the proxies'
 * addresses, CIDR ranges or `loopback` (e.g. `127.0.0.1,10.0.0.0/8`). No hop count: Fastify 5
 * cannot check the nearest peer with one, and then believes nothing.
 */
export function parseTrustProxy(value: string | undefined): boolean | string[] {
  const text = (value ?? '').trim();
  if (text === '' || text === 'false') return false;
  if (text === 'true') return true;
  const addresses = text.split(',').map((a) => a.trim());
  const address =
    /^(loopback|linklocal|uniquelocal|(\d{1,3}\.){3}\d{1,3}(\/\d{1,2})?|[0-9a-fA-F]*:[0-9a-fA-F:.]*(\/\d{1,3})?)$/;
  if (addresses.some((a) => !address.test(a))) {
    throw new ConfigError(
      `MISPA_TRUST_PROXY must be true, false, or the proxies' IP addresses/CIDR ranges separated by commas, not a hop count (got "${text}").`,
    );
  }
  return addresses;
}

/** Every setting the platform reads from its environment (docs/configuration.md lists them). */
/**
 * HOST: the interface to listen on. Loopback by default (`localhost`, which Fastify binds on both
 * 127.0.0.1 and ::1), so a first start is not reachable from the network; a deployment sets the
 * interface its reverse proxy connects to (or `0.0.0.0`, every interface).
 */
export const DEFAULT_HOST = 'localhost';

/** The address `npm start` prints: the one it listens on (IPv6 in brackets). */
export function listeningUrl(host: string, port: number): string {
  const everywhere = host === '0.0.0.0' || host === '::';
  const shown = host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}${everywhere ? ' (every interface)' : ''}`;
}

export function readConfig(env: NodeJS.ProcessEnv, root: string, argv: readonly string[] = []): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a whole number from 0 to 65535 (got "${env.PORT}").`);
  }
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new ConfigError(
      `LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "${logLevel}").`,
    );
  }
  return {
    port,
    host: env.HOST || DEFAULT_HOST,
    database: parseDatabaseUrl(env.DATABASE_URL, path.join(root, 'data', 'mispa.sqlite')),
    referenceDir: path.resolve(root, env.MISPA_REFERENCE_DIR ?? 'data/reference'),
    webRoot: path.resolve(root, env.MISPA_WEB_ROOT ?? 'dist/web'),
    logLevel,
    trustProxy: parseTrustProxy(env.MISPA_TRUST_PROXY),
    accounts: readAccountsConfig(env, argv, root, port),
    secretKey: parseSecretKey(env.MISPA_SECRET_KEY),
    files: {
      dir: path.resolve(root, env.MISPA_FILES_DIR || 'data/files'),
      maxBytes: parseUploadMaxBytes(env.MISPA_UPLOAD_MAX_BYTES),
    },
    sessionMemorySeconds: parseSessionMemorySeconds(env.MISPA_SESSION_MEMORY_SECONDS),
  };
}
