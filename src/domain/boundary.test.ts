import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** src/domain is shared by the contract, the server and the portal's page bundle: it must stay free
 * of zod (which would weigh on every page), of I/O and of anything of the server or the web. */
describe('src/domain', () => {
  const dir = import.meta.dirname;
  const files = readdirSync(dir).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'));

  it.each(files)('%s imports nothing but src/domain', (name) => {
    const source = readFileSync(join(dir, name), 'utf8');
    const imported = [...source.matchAll(/(?<![.\w-])(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);
    expect(imported.filter((specifier) => !/^\.\/[\w-]+\.js$/.test(specifier ?? ''))).toEqual([]);
  });
});
