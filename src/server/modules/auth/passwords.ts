import fs from 'node:fs';
import path from 'node:path';
import type { Lang } from '../../../contract/common.js';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../../domain/accounts.js';
import { InvalidParameterError } from '../../http/problems.js';
import { message } from '../../i18n/messages.js';
import { repoRoot } from '../../paths.js';

/**
 * The password policy: at least 12 and at most 1024 characters, not one of the 10,000 most
 * common passwords (compared without regard to case), and not the account's own e-mail address.
 * No rules on character classes: length is what makes a password hard to guess (NIST SP 800-63B).
 */

const listFile = path.join(repoRoot, 'data/security/common-passwords.txt');

/** Read once; lower-cased, like the passwords compared against it. */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  fs
    .readFileSync(listFile, 'utf8')
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#')),
);

export type PasswordFault = 'too-short' | 'too-long' | 'common' | 'email';

const fold = (text: string) => text.normalize('NFC').toLowerCase();

/** What is wrong with `password`, or null when the policy accepts it. Length is in characters. */
export function passwordFault(password: string, email?: string): PasswordFault | null {
  const length = [...password.normalize('NFC')].length;
  if (length < PASSWORD_MIN_LENGTH) return 'too-short';
  if (length > PASSWORD_MAX_LENGTH) return 'too-long';
  if (COMMON_PASSWORDS.has(fold(password))) return 'common';
  if (email !== undefined && fold(password).includes(fold(email))) return 'email';
  return null;
}

const FAULT_REASONS: Record<PasswordFault, (lang: Lang) => string> = {
  'too-short': (lang) => message(lang, 'password.too-short', { min: PASSWORD_MIN_LENGTH }),
  'too-long': (lang) => message(lang, 'password.too-long', { max: PASSWORD_MAX_LENGTH }),
  common: (lang) => message(lang, 'password.common'),
  email: (lang) => message(lang, 'password.email'),
};

/** Refuses a password the policy does not accept with a 400 naming `field` and why, in `lang`. */
export function assertAcceptablePassword(password: string, lang: Lang, email?: string, field = 'password'): void {
  const fault = passwordFault(password, email);
  if (fault === null) return;
  throw new InvalidParameterError(field, 'body', FAULT_REASONS[fault](lang));
}
