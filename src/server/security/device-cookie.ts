import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { deriveKey } from './secret-box.js';

/**
 * Known-device cookies (OWASP "device cookies"): after a complete sign-in the browser keeps a
 * long-lived cookie naming the account and a random device id, signed with an HMAC. A sign-in
 * carrying one for its account is spared the account's delay (sign-in-throttle.ts), so an attacker
 * failing on purpose cannot lock the owner out of the devices they already use.
 *
 * The HMAC also covers the account's stored password hash (never the password): a new password
 * forgets every device, as it ends every session, so a device cookie taken with the old password
 * is worth nothing after a recovery.
 */

/** The cookie's name; its path is the API, and it is never sent cross-site. */
export const DEVICE_COOKIE = 'mispa_device';
/** How long a browser stays known without signing in again (each sign-in renews it). */
export const DEVICE_COOKIE_DAYS = 180;

const VERSION = 'd1';
// Without MISPA_SECRET_KEY, a key of this process: a public fixed key would let anyone forge
// cookies (and so a fresh failure budget per forged device); this one only forgets known devices
// at a restart, and is not shared between processes (scale-out needs MISPA_SECRET_KEY anyway).
const PROCESS_KEY = randomBytes(32);

/** What the cookie is checked against: the account's id and its current password hash. */
export interface DeviceAccount {
  id: string;
  password_hash: string | null;
}

export function deviceCookies(secretKey: string | undefined) {
  const key = deriveKey(secretKey, 'device-cookie') ?? PROCESS_KEY;
  const mac = (payload: string, passwordHash: string) =>
    createHmac('sha256', key).update(payload).update('\0').update(passwordHash).digest('base64url');

  return {
    /** A new cookie value for `account` on this browser, valid DEVICE_COOKIE_DAYS from `now`. */
    issue(account: DeviceAccount & { password_hash: string }, now: Date): string {
      const expires = Math.floor(now.getTime() / 1000) + DEVICE_COOKIE_DAYS * 86_400;
      const payload = [VERSION, account.id, randomBytes(16).toString('base64url'), expires].join('.');
      return `${payload}.${mac(payload, account.password_hash)}`;
    },

    /**
     * The device id when `value` is a cookie this installation signed for `account`, not expired and
     * issued under its current password; otherwise (forged, altered, expired, another account's,
     * malformed) null: the sign-in is treated as from an unknown browser, never refused for it.
     */
    recognise(value: string | undefined, account: DeviceAccount | undefined, now: Date): string | null {
      if (!value || value.length > 200 || !account?.password_hash) return null;
      const parts = value.split('.');
      const [version, accountId, deviceId, expires, signature] = parts;
      if (parts.length !== 5 || version !== VERSION || accountId !== account.id || !deviceId || !signature) return null;
      if (!/^\d{1,12}$/.test(expires ?? '') || Number(expires) * 1000 <= now.getTime()) return null;
      const expected = Buffer.from(mac(parts.slice(0, 4).join('.'), account.password_hash));
      const given = Buffer.from(signature);
      return expected.length === given.length && timingSafeEqual(expected, given) ? deviceId : null;
    },
  };
}

export type DeviceCookies = ReturnType<typeof deviceCookies>;

/** Sets the known-device cookie on a reply (a complete sign-in). */
export function rememberDevice(reply: FastifyReply, request: FastifyRequest, value: string): void {
  reply.setCookie(DEVICE_COOKIE, value, {
    path: '/api/v1/',
    httpOnly: true,
    // Only the portal's own sign-in needs it.
    sameSite: 'strict',
    secure: request.protocol === 'https',
    maxAge: DEVICE_COOKIE_DAYS * 86_400,
  });
}
