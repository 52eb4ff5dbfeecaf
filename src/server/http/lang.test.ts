import { describe, expect, it } from 'vitest';
import { negotiateLang } from './lang.js';

describe('negotiateLang', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['es-MX,es;q=0.9,en;q=0.8', 'es'],
    ['fr-CA', 'fr'],
    ['pt-BR;q=0.5, en;q=0.4', 'pt'],
    ['de-DE,de;q=0.9', 'en'],
    ['de,fr;q=0.3,es;q=0.7', 'es'],
    ['es;q=0,fr', 'fr'],
    ['*', 'en'],
    ['EN-gb', 'en'],
    ['es;q=abc, pt', 'pt'],
  ])('picks the best working language for %j → %s', (header, expected) => {
    expect(negotiateLang(header)).toBe(expected);
  });
});
