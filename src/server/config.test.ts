import { describe, expect, it } from 'vitest';
import { parseTrustProxy, readConfig } from './config.js';
import { ConfigError, parseDatabaseUrl, redact } from './db/connection.js';

describe('DATABASE_URL', () => {
  it('defaults to the embedded SQLite file', () => {
    expect(parseDatabaseUrl(undefined, '/x/data/mispa.sqlite')).toEqual({
      engine: 'sqlite',
      file: '/x/data/mispa.sqlite',
    });
  });

  it.each([
    ['sqlite:/var/lib/mispa.sqlite', { engine: 'sqlite', file: '/var/lib/mispa.sqlite' }],
    ['sqlite:///var/lib/mispa.sqlite', { engine: 'sqlite', file: '/var/lib/mispa.sqlite' }],
    ['sqlite:relative.sqlite', { engine: 'sqlite', file: 'relative.sqlite' }],
    ['postgres://u:p@db:5432/mispa', { engine: 'postgres', url: 'postgres://u:p@db:5432/mispa' }],
    ['postgresql://db/mispa', { engine: 'postgres', url: 'postgresql://db/mispa' }],
  ])('reads %s', (url, expected) => {
    expect(parseDatabaseUrl(url, 'default')).toEqual(expected);
  });

  it.each(['mysql://db/x', 'sqlite:', 'postgres://bad host/x', 'just-a-file.sqlite'])(
    'refuses %s with one clear sentence',
    (url) => {
      expect(() => parseDatabaseUrl(url, 'default')).toThrow(ConfigError);
      expect(() => parseDatabaseUrl(url, 'default')).toThrow(/^(DATABASE_URL|Cannot)[^\n]*\.$/);
    },
  );

  it('never shows a password', () => {
    expect(redact('postgres://user:secret@db/x')).toBe('postgres://user:***@db/x');
    expect(() => parseDatabaseUrl('mysql://user:secret@db/x', 'd')).toThrow(/user:\*\*\*@db/);
  });
});

describe('readConfig', () => {
  it('reads the port and refuses one out of range', () => {
    expect(readConfig({ PORT: '8080' }, '/app').port).toBe(8080);
    expect(readConfig({}, '/app')).toMatchObject({
      port: 3000,
      webRoot: '/app/dist/web',
      referenceDir: '/app/data/reference',
    });
    expect(() => readConfig({ PORT: 'http' }, '/app')).toThrow(/PORT must be a whole number/);
    expect(() => readConfig({ PORT: '70000' }, '/app')).toThrow(ConfigError);
  });

  it('refuses an unknown log level', () => {
    expect(() => readConfig({ LOG_LEVEL: 'loud' }, '/app')).toThrow(/LOG_LEVEL must be one of/);
  });
});

describe('MISPA_TRUST_PROXY', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['false', false],
    ['true', true],
    ['127.0.0.1', ['127.0.0.1']],
    ['127.0.0.1, 10.0.0.0/8,::1,loopback', ['127.0.0.1', '10.0.0.0/8', '::1', 'loopback']],
  ])('reads %s as %s', (value, expected) => {
    expect(parseTrustProxy(value)).toEqual(expected);
  });

  it.each(['2', 'yes', 'proxy.example.org', '10.0.0.0/8;rm -rf'])('refuses %s with one clear sentence', (value) => {
    expect(() => parseTrustProxy(value)).toThrow(ConfigError);
    expect(() => parseTrustProxy(value)).toThrow(/^MISPA_TRUST_PROXY must be [^\n]*\)\.$/);
  });
});
