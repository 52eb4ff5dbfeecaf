/** Two-factor authentication with TOTP (RFC 6238: SHA-1, 6 digits, 30 s), as every authenticator app reads it. */

/** The code an authenticator app shows: six digits. */
export const TOTP_CODE_PATTERN = /^\d{6}$/;

/** Recovery codes are 12 characters of Crockford base32; spaces and hyphens are ignored. */
export const RECOVERY_CODE_PATTERN = /^[\s-]*(?:[0-9A-Za-z][\s-]*){12}$/;
