import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertAcceptablePassword, COMMON_PASSWORDS, passwordFault } from './passwords.js';

describe('the password policy', () => {
  it('knows the 10,000 most common passwords, lower-cased', () => {
    expect(COMMON_PASSWORDS.size).toBe(10_000);
    expect(COMMON_PASSWORDS.has('123456')).toBe(true);
    expect(COMMON_PASSWORDS.has('qwerty123456')).toBe(true);
    expect([...COMMON_PASSWORDS].every((p) => p === p.toLowerCase())).toBe(true);
  });

  it.each([
    ['eleven char', 'too-short'],
    ['x'.repeat(1025), 'too-long'],
    ['QWERTY123456', 'common'],
    ['1qaz2wsx3edc', 'common'],
    ['LeaveMeAlone', 'common'],
  ])('refuses %j as %s', (password, fault) => {
    expect(passwordFault(password)).toBe(fault);
  });

  it('counts characters, not UTF-16 units: twelve emoji are long enough, eleven are not', () => {
    expect(passwordFault('🔒'.repeat(12))).toBeNull();
    expect(passwordFault('🔒'.repeat(11))).toBe('too-short');
  });

  it('refuses a password containing the account’s e-mail, whatever its case', () => {
    expect(passwordFault('my Ana@Example.org!', 'ana@example.org')).toBe('email');
    expect(passwordFault('my Ana@Example.org!')).toBeNull();
  });

  it('accepts any 12 to 1024 characters that are not a common password', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 12, maxLength: 200 }), (password) => {
        const fault = passwordFault(password);
        if ([...password.normalize('NFC')].length < 12) expect(fault).toBe('too-short');
        else if (COMMON_PASSWORDS.has(password.normalize('NFC').toLowerCase())) expect(fault).toBe('common');
        else expect(fault).toBeNull();
      }),
      { numRuns: 500 },
    );
  });

  it('refuses with a 400 naming password and the reason in the request’s language', () => {
    expect(() => assertAcceptablePassword('short', 'fr')).toThrow(/doit compter au moins 12 caractères/);
    try {
      assertAcceptablePassword('qwerty123456', 'es');
    } catch (error) {
      expect(error).toMatchObject({
        parameter: 'password',
        location: 'body',
        reason: expect.stringMatching(/comunes/),
      });
    }
  });
});
