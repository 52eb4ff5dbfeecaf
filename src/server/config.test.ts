import { describe, expect, it } from 'vitest';
import {
  listeningUrl,
  parseSecretKey,
  parseSessionMemorySeconds,
  parseTrustProxy,
  parseUploadMaxBytes,
  readConfig,
} from './config.js';
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

  it('listens on loopback unless HOST names another interface (issue 11)', () => {
    expect(readConfig({}, '/app').host).toBe('localhost');
    expect(readConfig({ HOST: '' }, '/app').host).toBe('localhost');
    expect(readConfig({ HOST: '0.0.0.0' }, '/app').host).toBe('0.0.0.0');
  });

  it('prints the address it listens on', () => {
    expect(listeningUrl('localhost', 3000)).toBe('http://localhost:3000');
    expect(listeningUrl('127.0.0.1', 8080)).toBe('http://127.0.0.1:8080');
    expect(listeningUrl('::1', 3000)).toBe('http://[::1]:3000');
    expect(listeningUrl('0.0.0.0', 3000)).toBe('http://0.0.0.0:3000 (every interface)');
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

describe('MISPA_SECRET_KEY', () => {
  const key = 'k'.repeat(32);

  it('is absent when unset or empty, and read as it is when long enough', () => {
    expect(readConfig({}, '/app').secretKey).toBeUndefined();
    expect(readConfig({ MISPA_SECRET_KEY: '' }, '/app').secretKey).toBeUndefined();
    expect(readConfig({ MISPA_SECRET_KEY: key }, '/app').secretKey).toBe(key);
    expect(parseSecretKey(`${key} with more`)).toBe(`${key} with more`);
  });

  it.each(['short', 'k'.repeat(31)])('refuses %s with one clear sentence that does not repeat it', (value) => {
    expect(() => readConfig({ MISPA_SECRET_KEY: value }, '/app')).toThrow(ConfigError);
    expect(() => parseSecretKey(value)).toThrow(
      new RegExp(`^MISPA_SECRET_KEY must be at least 32 characters long \\(got ${value.length}\\); [^\\n]*\\.$`),
    );
    try {
      parseSecretKey(value);
    } catch (error) {
      expect((error as Error).message).not.toContain(value);
    }
  });
});

describe('MISPA_FILES_DIR and MISPA_UPLOAD_MAX_BYTES', () => {
  it('default to data/files under the root and 25 MB', () => {
    expect(readConfig({}, '/app').files).toEqual({ dir: '/app/data/files', maxBytes: 25 * 1024 * 1024 });
  });

  it('read a folder relative to the root or absolute, and a size in bytes', () => {
    expect(readConfig({ MISPA_FILES_DIR: 'uploads', MISPA_UPLOAD_MAX_BYTES: '1048576' }, '/app').files).toEqual({
      dir: '/app/uploads',
      maxBytes: 1048576,
    });
    expect(readConfig({ MISPA_FILES_DIR: '/srv/files' }, '/app').files.dir).toBe('/srv/files');
  });

  it.each(['0', '1023', '25MB', '-5', '1.5', '2000000000'])(
    'refuses an upload limit of %s with one sentence',
    (value) => {
      expect(() => parseUploadMaxBytes(value)).toThrow(ConfigError);
      expect(() => readConfig({ MISPA_UPLOAD_MAX_BYTES: value }, '/app')).toThrow(
        /^MISPA_UPLOAD_MAX_BYTES must be a whole number of bytes from 1024 to 1073741824 \(got "[^"]*"\)\.$/,
      );
    },
  );
});

describe('MISPA_SESSION_MEMORY_SECONDS', () => {
  it('defaults to 10 seconds, and reads 0 (off) to 300', () => {
    expect(readConfig({}, '/app').sessionMemorySeconds).toBe(10);
    expect(readConfig({ MISPA_SESSION_MEMORY_SECONDS: '0' }, '/app').sessionMemorySeconds).toBe(0);
    expect(readConfig({ MISPA_SESSION_MEMORY_SECONDS: '300' }, '/app').sessionMemorySeconds).toBe(300);
  });

  it.each(['301', '-1', '1.5', '10s', 'off'])('refuses %s with one sentence', (value) => {
    expect(() => parseSessionMemorySeconds(value)).toThrow(ConfigError);
    expect(() => readConfig({ MISPA_SESSION_MEMORY_SECONDS: value }, '/app')).toThrow(
      /^MISPA_SESSION_MEMORY_SECONDS must be a whole number of seconds from 0 \(off\) to 300 \(got "[^"]*"\)\.$/,
    );
  });
});
