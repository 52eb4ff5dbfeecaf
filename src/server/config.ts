import path from 'node:path';
import { ConfigError, type DatabaseTarget, parseDatabaseUrl } from './db/connection.js';
import { type AccountsConfig, readAccountsConfig } from './modules/users/config.js';

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
    host: env.HOST ?? '0.0.0.0',
    database: parseDatabaseUrl(env.DATABASE_URL, path.join(root, 'data', 'mispa.sqlite')),
    referenceDir: path.resolve(root, env.MISPA_REFERENCE_DIR ?? 'data/reference'),
    webRoot: path.resolve(root, env.MISPA_WEB_ROOT ?? 'dist/web'),
    logLevel,
    trustProxy: parseTrustProxy(env.MISPA_TRUST_PROXY),
    accounts: readAccountsConfig(env, argv, root, port),
  };
}
