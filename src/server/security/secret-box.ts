import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Keys derived from the deployment's MISPA_SECRET_KEY, one per purpose (HKDF-SHA-256), so the key
 * that seals TOTP secrets is never the one that names sessions. Without MISPA_SECRET_KEY a secret
 * is stored as it is (base32, which never looks like a sealed value), and such rows still read
 * once a key is set.
 */
export interface SecretBox {
  /** True when a key is configured: new secrets are encrypted. */
  readonly encrypting: boolean;
  /** Seals `plain` for the row `context` (a user id): a sealed value moved to another row does not open. */
  seal(plain: string, context: string): string;
  open(stored: string, context: string): string;
}

const SEALED = 'v1:';

export function deriveKey(secretKey: string | undefined, purpose: string): Buffer | null {
  if (!secretKey) return null;
  return Buffer.from(hkdfSync('sha256', secretKey, 'mispa', purpose, 32));
}

/** AES-256-GCM: `v1:<iv>:<tag>:<ciphertext>`, base64url; the row's id is the associated data. */
export function secretBox(secretKey: string | undefined): SecretBox {
  const key = deriveKey(secretKey, 'totp-secret');
  return {
    encrypting: key !== null,
    seal(plain, context) {
      if (!key) return plain;
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context));
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return SEALED + [iv, cipher.getAuthTag(), data].map((b) => b.toString('base64url')).join(':');
    },
    open(stored, context) {
      if (!stored.startsWith(SEALED)) return stored;
      if (!key) throw new Error('A two-factor secret is encrypted but MISPA_SECRET_KEY is not set');
      const [iv, tag, data] = stored
        .slice(SEALED.length)
        .split(':')
        .map((p) => Buffer.from(p, 'base64url'));
      if (!iv || !tag || !data) throw new Error('A sealed two-factor secret is malformed');
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
    },
  };
}

/**
 * An opaque name for a stored value (a session's id): a keyed HMAC, so the name reveals nothing of
 * the value. Without a key it is still one-way, and the stored value is itself a hash of the
 * cookie, so neither rebuilds a cookie.
 */
export function opaqueName(secretKey: string | undefined, purpose: string) {
  const key = deriveKey(secretKey, purpose) ?? Buffer.from(`mispa:${purpose}`);
  return (value: string) => createHmac('sha256', key).update(value).digest('base64url').slice(0, 32);
}
