import path from 'node:path';
import { ConfigError, type DatabaseTarget, parseDatabaseUrl } from './db/connection.js';

export interface Config {
  port: number;
  host: string;
  database: DatabaseTarget;
  referenceDir: string;
  webRoot: string;
  logLevel: string;
}

/** Every setting the platform reads from its environment (docs/configuration.md lists them). */
export function readConfig(env: NodeJS.ProcessEnv, root: string): Config {
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
  };
}
