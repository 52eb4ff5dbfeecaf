import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOC_PATH, renderPermissionsDoc } from '../../../scripts/permissions-doc.js';
import { repoRoot } from '../testing/harness.js';
import { ACTIONS, PERMISSIONS } from './permissions.js';

describe('docs/permissions.md', () => {
  it('is exactly what `npm run permissions:doc` makes of the permission table (run it after changing the table)', () => {
    expect(fs.readFileSync(DOC_PATH, 'utf8')).toBe(renderPermissionsDoc());
  });

  it('has one row per action in each table, with its description', () => {
    const doc = renderPermissionsDoc();
    for (const action of ACTIONS) {
      const rows = doc.split('\n').filter((line) => line.startsWith(`| \`${action}\` |`));
      expect(rows, action).toHaveLength(2);
      expect(rows[0]).toContain(PERMISSIONS[action].description);
    }
  });

  it('says who may, with the scope', () => {
    const doc = renderPermissionsDoc();
    expect(doc).toMatch(/\| `reference\.read` \| [^|]+ \| everyone \(the public included\) \|/);
    expect(doc).toMatch(/\| `users\.invite` \| [^|]+ \| secretariat-admin \(any record\) \| changes state/);
  });

  it('is checked by `permissions:doc -- --check`, which exits 0 on the committed file', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/permissions-doc.ts', '--check'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    expect(out).toContain('matches the permission table');
  });
});
