// `npm run user:create -- --email ana@example.org --role secretariat-admin [--name "Ana Pérez"] [--lang es]
//  [--member-state ec | --technical-group <slug> | --partner <slug>]`
// Creates an invited account with one grant, in the database the platform uses (DATABASE_URL), and
// prints its one-time invitation link (valid 7 days), which nothing e-mails: hand it over yourself.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { InviteUserSchema } from '../src/contract/users.js';
import { readConfig } from '../src/server/config.js';
import { ConfigError, openDatabase } from '../src/server/db/connection.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import { InvalidParameterError, issueReason, ProblemError, reasonText } from '../src/server/http/problems.js';
import { tokenLink } from '../src/server/modules/auth/links.js';
import { createInvitation } from '../src/server/modules/users/invitations-service.js';
import { PUBLIC } from '../src/server/policy/actor.js';
import { loadReferenceData, ReferenceDataError } from '../src/server/reference-data/loader.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const USAGE =
  'Usage: npm run user:create -- --email <address> --role <role> [--name <display name>] [--lang en|es|fr|pt] ' +
  '[--member-state <slug>] [--technical-group <slug>] [--partner <slug>]';

function fail(text: string): never {
  console.error(text);
  process.exit(1);
}

async function main() {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        email: { type: 'string' },
        role: { type: 'string' },
        name: { type: 'string' },
        lang: { type: 'string' },
        'member-state': { type: 'string' },
        'technical-group': { type: 'string' },
        partner: { type: 'string' },
      },
      strict: true,
    }) as { values: Record<string, string | undefined> });
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`);
  }
  const parsed = InviteUserSchema.safeParse({
    email: values.email,
    displayName: values.name ?? values.email?.split('@')[0],
    preferredLang: values.lang ?? 'en',
    grants: [
      {
        role: values.role,
        ...(values['member-state'] ? { memberState: values['member-state'] } : {}),
        ...(values['technical-group'] ? { technicalGroup: values['technical-group'] } : {}),
        ...(values.partner ? { partner: values.partner } : {}),
      },
    ],
  });
  if (!parsed.success) {
    const flags: Record<string, string> = {
      email: '--email',
      displayName: '--name',
      preferredLang: '--lang',
      'grants.0.role': '--role',
      'grants.0.memberState': '--member-state',
      'grants.0.technicalGroup': '--technical-group',
      'grants.0.partner': '--partner',
    };
    const problems = parsed.error.issues.map((issue) => {
      const key = issue.path.join('.');
      return `${flags[key] ?? key}: ${issueReason('en', issue)}`;
    });
    fail(`${problems.join('\n')}\n${USAGE}`);
  }

  const config = readConfig(process.env, root);
  const handle = await openDatabase(config.database);
  try {
    await migrateToLatest(handle.db);
    await loadReferenceData(handle.db, config.referenceDir, () => new Date());
    const created = await createInvitation(
      { db: handle.db, clock: () => new Date() },
      parsed.data,
      { actor: PUBLIC, requestId: 'cli-user-create', ip: null, lang: 'en' },
      null,
    );
    console.log(
      `Invited ${parsed.data.email.toLowerCase()} (${parsed.data.grants[0]?.role}). ` +
        `Open this one-time link to choose a password (valid until ${created.expiresAt.toISOString()}):\n` +
        tokenLink(config.accounts.publicUrl, parsed.data.preferredLang, 'invitation', created.token),
    );
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof ReferenceDataError) fail(error.message);
  if (error instanceof ProblemError) fail(error.detail('en'));
  if (error instanceof InvalidParameterError) fail(`${error.parameter}: ${reasonText('en', error.reason)}`);
  console.error(error);
  process.exit(1);
});
