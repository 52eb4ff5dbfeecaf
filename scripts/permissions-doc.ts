import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Role } from '../src/contract/accounts.js';
import { ROLES } from '../src/domain/accounts.js';
import {
  ACTIONS,
  PERMISSIONS,
  ROLES_REQUIRING_SECOND_FACTOR,
  type Rule,
  type Scope,
} from '../src/server/policy/permissions.js';

/**
 * Writes docs/permissions.md from the permission table, the single source of who may do what.
 *   npm run permissions:doc             rewrites the file
 *   npm run permissions:doc -- --check  exits 1 when the file differs from the table
 * src/server/policy/permissions-doc.test.ts fails when the committed file is stale.
 */

export const DOC_PATH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../docs/permissions.md');

const SCOPE: Record<Scope, string> = {
  any: 'any record',
  'own-state': 'own member state',
  'own-group': 'own technical group',
  'own-partner': 'own partner organisation',
};
const SHORT_SCOPE: Record<Scope, string> = {
  any: 'yes',
  'own-state': 'own state',
  'own-group': 'own group',
  'own-partner': 'own partner',
};

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

function whoMay(rule: Rule): string {
  if (rule.public) return 'everyone (the public included)';
  const who: string[] = [];
  if (rule.signedIn) who.push('any signed-in user, for their own account');
  for (const role of ROLES) {
    const scope = rule.roles?.[role];
    if (scope) who.push(`${role} (${SCOPE[scope]})`);
  }
  return who.length > 0 ? who.join('; ') : 'nobody';
}

function notes(rule: Rule): string {
  const notes: string[] = [];
  if (rule.write) notes.push('changes state: refused to read-only API tokens');
  if (rule.beforeSecondFactor) notes.push('allowed before the second factor');
  return notes.join('; ');
}

function matrixCell(rule: Rule, role: Role): string {
  if (rule.public) return 'yes';
  const scope = rule.roles?.[role];
  if (scope) return SHORT_SCOPE[scope];
  return rule.signedIn ? 'own account' : '—';
}

export function renderPermissionsDoc(): string {
  const rules = ACTIONS.map((action) => [action, PERMISSIONS[action] as Rule] as const);
  const lines = [
    '# Permissions',
    '',
    '<!-- Generated from src/server/policy/permissions.ts by `npm run permissions:doc`. Do not edit:',
    '     a test fails when this file differs from the table. -->',
    '',
    'Who may do what on the MISPA Platform. Every API route declares one of these actions; the app',
    'refuses to start with a route that declares none. Anything without a rule is denied: the public',
    'gets 401 (sign in), a signed-in user 403 with what is missing.',
    '',
    '- **Scope**: a grant bound to a member state, technical group or partner organisation allows a',
    '  scoped action only on records of that state, group or organisation ("own member state").',
    '  The route lets a caller in when any of their grants could allow the action; the service then',
    '  checks the scope against the record itself.',
    '- **API tokens** act with their owner’s grants; a read-only token is refused every action that',
    '  changes state.',
    `- **Second factor**: sessions of ${ROLES_REQUIRING_SECOND_FACTOR.join(', ')} must pass two-factor`,
    '  authentication before any action not marked "allowed before the second factor" (not enforced',
    '  for demo users).',
    '',
    '| action | what it allows | who may (scope) | notes |',
    '|---|---|---|---|',
    ...rules.map(
      ([action, rule]) => `| \`${action}\` | ${cell(rule.description)} | ${whoMay(rule)} | ${notes(rule)} |`,
    ),
    '',
    '## By role',
    '',
    `| action | public | ${ROLES.join(' | ')} |`,
    `|---|---|${ROLES.map(() => '---').join('|')}|`,
    ...rules.map(
      ([action, rule]) =>
        `| \`${action}\` | ${rule.public ? 'yes' : '—'} | ${ROLES.map((role) => matrixCell(rule, role)).join(' | ')} |`,
    ),
    '',
  ];
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const expected = renderPermissionsDoc();
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(DOC_PATH) ? fs.readFileSync(DOC_PATH, 'utf8') : '';
    if (current !== expected) {
      console.error('docs/permissions.md differs from the permission table: run npm run permissions:doc');
      process.exit(1);
    }
    console.log('docs/permissions.md matches the permission table');
  } else {
    fs.writeFileSync(DOC_PATH, expected);
    console.log(`docs/permissions.md written: ${ACTIONS.length} actions`);
  }
}
