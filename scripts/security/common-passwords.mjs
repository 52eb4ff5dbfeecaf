// Regenerates data/security/common-passwords.txt: the 10,000 most common passwords, in order of
// frequency, from the list that the zxcvbn password-strength estimator ships (MIT licence; drawn
// from public password breach corpora). Only the list is kept, so the platform carries no runtime
// dependency for it. Run: node scripts/security/common-passwords.mjs
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = '@zxcvbn-ts/language-common@4.1.3';
const COUNT = 10_000;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'common-passwords-'));
try {
  // `npm pack` fetches the published tarball without installing anything.
  const tarball = execFileSync('npm', ['pack', PACKAGE, '--silent', '--pack-destination', dir], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .pop();
  execFileSync('tar', ['xzf', path.join(dir, tarball), '-C', dir]);
  const ranked = JSON.parse(fs.readFileSync(path.join(dir, 'package/src/passwords.json'), 'utf8'));
  const seen = new Set();
  const top = [];
  for (const password of ranked) {
    const key = password.normalize('NFC').toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    top.push(key);
    if (top.length === COUNT) break;
  }
  const header = [
    `# The ${COUNT} most common passwords, most common first, lower-cased.`,
    `# From ${PACKAGE} (src/passwords.json, MIT licence); regenerate with`,
    '# node scripts/security/common-passwords.mjs',
  ];
  const target = path.join(root, 'data/security/common-passwords.txt');
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, `${[...header, ...top].join('\n')}\n`);
  console.log(`Wrote ${top.length} passwords to ${path.relative(root, target)}.`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
