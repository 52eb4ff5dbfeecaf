import path from 'node:path';
import { ConfigError } from '../../db/connection.js';
import { DEFAULT_MAIL_FROM, type MailSettings } from '../../mail/mailer.js';
import { DEFAULT_PUBLIC_URL, passwordFault } from '../auth/index.js';

/** The settings of accounts and e-mail, read from the environment (docs/configuration.md). */
export interface AccountsConfig {
  /** MISPA_PUBLIC_URL: where links in e-mails and printed messages point. */
  publicUrl: string;
  mail: MailSettings;
  /** MISPA_DEMO=1 or `--demo`; MISPA_DEMO_PASSWORD, else a random password chosen at start. */
  demo: { enabled: boolean; password: string | null };
}

function publicUrlFrom(value: string | undefined, port: number): string {
  if (!value) return port === 3000 || port === 0 ? DEFAULT_PUBLIC_URL : `http://localhost:${port}`;
  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {
    url = null;
  }
  if (!url || !['http:', 'https:'].includes(url.protocol) || url.search || url.hash) {
    throw new ConfigError(
      `MISPA_PUBLIC_URL must be the portal's address, such as https://mispa.example.org (got "${value}").`,
    );
  }
  return url.href.replace(/\/+$/, '');
}

function smtpUrlFrom(value: string | undefined): string | null {
  if (!value) return null;
  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {
    url = null;
  }
  if (!url || !['smtp:', 'smtps:'].includes(url.protocol) || !url.hostname) {
    throw new ConfigError(
      'MISPA_SMTP_URL must look like smtp://user:password@host:587 (STARTTLS) or smtps://user:password@host:465 (TLS).',
    );
  }
  return value;
}

function demoFrom(env: NodeJS.ProcessEnv, argv: readonly string[]): AccountsConfig['demo'] {
  const flag = (env.MISPA_DEMO ?? '').trim().toLowerCase();
  if (!['', '0', '1', 'true', 'false'].includes(flag)) {
    throw new ConfigError(`MISPA_DEMO must be 1 (or true) to turn demo mode on, 0 or unset otherwise (got "${flag}").`);
  }
  const enabled = flag === '1' || flag === 'true' || argv.includes('--demo');
  const password = env.MISPA_DEMO_PASSWORD || null;
  if (password !== null) {
    const fault = passwordFault(password);
    if (fault) {
      throw new ConfigError(
        `MISPA_DEMO_PASSWORD is refused by the password policy (${fault}): use at least 12 characters, not a common password.`,
      );
    }
  }
  return { enabled, password };
}

export function readAccountsConfig(
  env: NodeJS.ProcessEnv,
  argv: readonly string[],
  root: string,
  port: number,
): AccountsConfig {
  return {
    publicUrl: publicUrlFrom(env.MISPA_PUBLIC_URL, port),
    mail: {
      smtpUrl: smtpUrlFrom(env.MISPA_SMTP_URL),
      from: env.MISPA_MAIL_FROM || DEFAULT_MAIL_FROM,
      outboxDir: path.join(root, 'data', 'outbox'),
    },
    demo: demoFrom(env, argv),
  };
}
