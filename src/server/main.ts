import fs from 'node:fs';
import path from 'node:path';
import { buildApp } from './app.js';
import { listeningUrl, readConfig } from './config.js';
import { ConfigError, type DatabaseHandle, openDatabase, redact } from './db/connection.js';
import { contentGeneration } from './db/content-generation.js';
import { migrateToLatest } from './db/migrate.js';
import { loadDemo } from './demo/index.js';
import { createMailer } from './mail/mailer.js';
import { withAuditKey } from './modules/audit/index.js';
import { prepareAccounts } from './modules/users/index.js';
import { repoRoot } from './paths.js';
import { loadIndicatorData } from './reference-data/indicators.js';
import { loadReferenceData, ReferenceDataError } from './reference-data/loader.js';

/** Starts the platform: configuration, database, migrations, reference data, then HTTP. */
const root = repoRoot;
const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };

function fail(message: string): never {
  console.error(`MISPA Platform could not start: ${message}`);
  process.exit(1);
}

async function main() {
  const config = readConfig(process.env, root, process.argv.slice(2));
  const handle: DatabaseHandle = await openDatabase(config.database);
  const where =
    config.database.engine === 'sqlite'
      ? `SQLite ${config.database.file}`
      : `PostgreSQL ${redact(config.database.url)}`;

  await migrateToLatest(handle.db);
  // What start-up audits (accounts, demo data) signs the audit chain's head with the key, as the app does.
  const db = withAuditKey(handle.db, config.secretKey);
  const loaded = await loadReferenceData(db, config.referenceDir, () => new Date());
  // The observatory's shipped series, after the member states they are of.
  await loadIndicatorData(db, config.referenceDir, () => new Date());
  const clock = () => new Date();
  // Demo users first: the secretariat among them makes the first-administrator link unneeded.
  const demoNotes = config.accounts.demo.enabled
    ? await loadDemo({ db, clock, files: config.files, password: config.accounts.demo.password })
    : [];
  const accountNotes = [...demoNotes, ...(await prepareAccounts({ db, clock, publicUrl: config.accounts.publicUrl }))];
  // What this start loaded may change what other processes on the database keep for the public.
  await contentGeneration(handle.db).change();
  const app = await buildApp({
    db: handle.db,
    engine: config.database.engine,
    version,
    webRoot: config.webRoot,
    logger: { level: config.logLevel },
    trustProxy: config.trustProxy,
    mailer: (log) => createMailer(config.accounts.mail, log),
    publicUrl: config.accounts.publicUrl,
    demo: config.accounts.demo.enabled,
    secretKey: config.secretKey,
    files: config.files,
    sessionMemory: { ttlMs: config.sessionMemorySeconds * 1000 },
  });
  app.addHook('onClose', () => handle.close());

  // Ctrl-C: stop accepting, let requests in flight finish, then close the database. Installed before
  // the address is printed, so a signal sent by whoever read that line never meets the default handler.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.log(`\n${signal} received: finishing requests in flight, then closing the database.`);
      app.close().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
    });
  }

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await app.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      fail(`port ${config.port} is already in use; stop the other program or set PORT to another port.`);
    }
    throw error;
  }
  const port = (app.server.address() as { port: number }).port;
  console.log(
    `MISPA Platform ${version} serving on ${listeningUrl(config.host, port)} (${where}; reference data ${
      loaded.changed
        ? `loaded: ${loaded.inserted} added, ${loaded.updated} updated, ${loaded.deleted} removed`
        : 'unchanged'
    }). Press Ctrl-C to stop.`,
  );
  for (const line of accountNotes) console.log(line);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof ReferenceDataError) fail(error.message);
  console.error(error);
  process.exit(1);
});
