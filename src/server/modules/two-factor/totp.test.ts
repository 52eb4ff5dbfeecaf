import { describe, expect, it } from 'vitest';
import { RECOVERY_CODE_PATTERN } from '../../../domain/two-factor.js';
import { secretBox } from '../../security/secret-box.js';
import { codeAt, matchStep, newRecoveryCodes, newTotpSecret, recoveryCodeHash } from './totp.js';

// RFC 6238 appendix B: the SHA-1 seed "12345678901234567890", in base32.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const at = (seconds: number) => new Date(seconds * 1000);

describe('TOTP (RFC 6238, SHA-1, 6 digits, 30 s)', () => {
  it.each([
    [59, '287082'],
    [1111111109, '081804'],
    [1111111111, '050471'],
    [1234567890, '005924'],
    [2000000000, '279037'],
  ])('gives the RFC’s test vector at T = %i s (last six digits of the eight)', (seconds, code) => {
    expect(codeAt(RFC_SECRET, at(seconds))).toBe(code);
    expect(matchStep(RFC_SECRET, code, at(seconds))).toBe(Math.floor(seconds / 30));
  });

  it('accepts the codes of the step before and after, and says which step each belongs to, but not two away', () => {
    const now = at(1234567890);
    const step = Math.floor(1234567890 / 30);
    expect(matchStep(RFC_SECRET, codeAt(RFC_SECRET, at(1234567890 - 30)), now)).toBe(step - 1);
    expect(matchStep(RFC_SECRET, codeAt(RFC_SECRET, at(1234567890 + 30)), now)).toBe(step + 1);
    expect(matchStep(RFC_SECRET, codeAt(RFC_SECRET, at(1234567890 - 60)), now)).toBeNull();
    expect(matchStep(RFC_SECRET, codeAt(RFC_SECRET, at(1234567890 + 60)), now)).toBeNull();
  });

  it('makes 160-bit secrets, new each time', () => {
    const secrets = new Set(Array.from({ length: 50 }, newTotpSecret));
    expect(secrets.size).toBe(50);
    for (const secret of secrets) expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  });
});

describe('recovery codes', () => {
  it('are ten distinct codes of Crockford base32 that the contract accepts', () => {
    const codes = newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) {
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
      expect(code).toMatch(RECOVERY_CODE_PATTERN);
    }
  });

  it('hash the same whatever the case, spacing, hyphens, or O for 0 and I or L for 1', () => {
    expect(recoveryCodeHash('k7qm 2d9x pw4r')).toBe(recoveryCodeHash('K7QM-2D9X-PW4R'));
    expect(recoveryCodeHash('A0B1-C1D0-EFGH')).toBe(recoveryCodeHash('aobi-cldo-efgh'));
    expect(recoveryCodeHash('K7QM-2D9X-PW4R')).not.toBe(recoveryCodeHash('K7QM-2D9X-PW4S'));
  });
});

describe('the secret box (MISPA_SECRET_KEY)', () => {
  const box = secretBox('a key for the test');

  it('seals a secret so the stored text does not show it, and opens it again for the same user', () => {
    const sealed = box.seal(RFC_SECRET, 'user-1');
    expect(sealed).toMatch(/^v1:/);
    expect(sealed).not.toContain(RFC_SECRET);
    expect(box.seal(RFC_SECRET, 'user-1')).not.toBe(sealed);
    expect(box.open(sealed, 'user-1')).toBe(RFC_SECRET);
  });

  it('refuses to open a sealed secret copied to another user’s row, or with another key', () => {
    const sealed = box.seal(RFC_SECRET, 'user-1');
    expect(() => box.open(sealed, 'user-2')).toThrow();
    expect(() => secretBox('another key').open(sealed, 'user-1')).toThrow();
  });

  it('without a key stores secrets as they are, and still reads them once a key is set', () => {
    const plain = secretBox(undefined);
    expect(plain.encrypting).toBe(false);
    expect(plain.seal(RFC_SECRET, 'user-1')).toBe(RFC_SECRET);
    expect(box.open(RFC_SECRET, 'user-1')).toBe(RFC_SECRET);
  });

  it('says plainly that a sealed secret needs the key', () => {
    expect(() => secretBox(undefined).open(box.seal(RFC_SECRET, 'user-1'), 'user-1')).toThrow(/MISPA_SECRET_KEY/);
  });
});
