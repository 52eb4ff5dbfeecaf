import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LANGS } from '../../../domain/languages.js';
import { migrateToLatest } from '../../db/migrate.js';
import { loadReferenceData } from '../../reference-data/loader.js';
import { createTestDatabase, type Engine, engines, referenceDir, type TestDatabase } from '../../testing/harness.js';
import { insertPartner } from './queries.js';
import { partnerSnapshot } from './testing.js';

/** The reference loader owns the partners of the reference files; platform partners are not its. */

const text = (value: string) =>
  Object.fromEntries(LANGS.map((l) => [l, { text: value, official: true, source: 'https://example.org/src' }]));
const referenceRow = (slug: string, name: string) => ({
  slug,
  kind: 'development-bank',
  name: text(name),
  website: 'https://bank.example.org',
  pillars: ['prevention'],
  sources: [{ url: 'https://example.org/src', title: 'Partner register', publisher: 'Example Bank' }],
});

describe.each(engines)('reference data loader and platform partners [%s]', (engine: Engine) => {
  let database: TestDatabase;
  let dir: string;
  const writePartners = (rows: unknown[]) =>
    fs.writeFileSync(path.join(dir, 'partners.json'), JSON.stringify(rows, null, 2));

  beforeEach(async () => {
    database = await createTestDatabase(engine);
    await migrateToLatest(database.db, database.schema);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mispa-reference-'));
    for (const file of fs.readdirSync(referenceDir))
      fs.copyFileSync(path.join(referenceDir, file), path.join(dir, file));
  });
  afterEach(async () => {
    await database.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('updates and removes reference partners, and leaves platform partners, their names and pillars alone', async () => {
    writePartners([referenceRow('old-bank', 'Old Bank'), referenceRow('kept-bank', 'Kept Bank')]);
    await loadReferenceData(database.db, dir, () => new Date('2026-01-01T00:00:00Z'));
    const prevention = await database.db
      .selectFrom('pillar')
      .select('id')
      .where('code', '=', 'prevention')
      .executeTakeFirstOrThrow();
    const id = await database.db
      .transaction()
      .execute((trx) =>
        insertPartner(
          trx,
          'platform-partner',
          { kind: 'academia', website: null, names: { es: 'Universidad' }, pillarIds: [prevention.id] },
          '2026-01-15T00:00:00.000Z',
        ),
      );
    const mine = async () => {
      const rows = await partnerSnapshot(database.db);
      return {
        partner: rows.partners.find((p) => p.id === id),
        names: rows.names.filter((n) => n.entity_id === id),
        pillars: rows.pillars.filter((p) => p.entity_id === id),
      };
    };
    const before = await mine();
    expect(before.names).toHaveLength(1);

    writePartners([referenceRow('kept-bank', 'Kept Bank, renamed')]);
    const result = await loadReferenceData(database.db, dir, () => new Date('2026-02-01T00:00:00Z'));
    expect(result.deleted).toBeGreaterThan(0);
    const after = await partnerSnapshot(database.db);
    expect(after.partners.map((p) => p.slug).sort()).toEqual(['kept-bank', 'platform-partner']);
    const kept = after.partners.find((p) => p.slug === 'kept-bank');
    expect(after.names.find((n) => n.entity_id === kept?.id && n.lang === 'en')?.text).toBe('Kept Bank, renamed');
    expect(await mine()).toEqual(before);
  });
});
