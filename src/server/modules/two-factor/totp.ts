import { randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import { hashSecret } from '../../security/secrets.js';

/**
 * TOTP as RFC 6238 defines it with the values every authenticator app assumes (SHA-1, 6 digits,
 * 30-second steps), and the recovery codes that stand in for the app when it is lost.
 */

export const ISSUER = 'MISPA';
const PERIOD_SECONDS = 30;
/** Codes of the step before and after are accepted too: phones' clocks drift, people type slowly. */
const WINDOW = 1;

const totp = (secret: string, label = '') =>
  new TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_SECONDS,
    secret: Secret.fromBase32(secret),
  });

/** 160 random bits (RFC 4226's recommended length), base32. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI an app reads, and its QR code as an SVG data: URL, drawn here. */
export async function enrolmentOf(secret: string, label: string) {
  const otpauthUri = totp(secret, label).toString();
  const svg = await QRCode.toString(otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return {
    otpauthUri,
    qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
    manualKey: secret.match(/.{1,4}/g)?.join(' ') ?? secret,
  };
}

/** The time step `code` belongs to at `now`, within the window; null when it matches none. */
export function matchStep(secret: string, code: string, now: Date): number | null {
  const delta = totp(secret).validate({ token: code, timestamp: now.getTime(), window: WINDOW });
  return delta === null ? null : Math.floor(now.getTime() / 1000 / PERIOD_SECONDS) + delta;
}

/** The code an app shows at `at` (for tests and tools; the server never needs to show one). */
export function codeAt(secret: string, at: Date): string {
  return totp(secret).generate({ timestamp: at.getTime() });
}

// Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand survives.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const RECOVERY_CODE_COUNT = 10;

/** Ten codes of 60 random bits each, XXXX-XXXX-XXXX. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    // 256 is a multiple of 32, so masking keeps every character equally likely.
    const chars = [...randomBytes(12)].map((b) => ALPHABET[b & 31]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
  });
}

/** What is stored of a recovery code: the hash of its canonical form (case, hyphens and look-alikes folded). */
export function recoveryCodeHash(code: string): string {
  const canonical = code.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return hashSecret(`recovery-code:${canonical}`);
}
