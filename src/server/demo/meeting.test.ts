import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/connection.js';
import type { Database } from '../db/schema.js';
import { filesLeftIn } from '../files/testing.js';
import { callerWith, createMeeting, validMeeting } from '../modules/meetings/testing.js';
import { describeEachEngine } from '../testing/harness.js';
import { runEntry, waitForOutput } from '../testing/process.js';
import { DEMO_MEETING_SLUG, loadDemoMeetings } from './meeting.js';
import { loadDemoUsers } from './users.js';

const clock = () => new Date();
const PASSWORD = 'demo passphrase for the meetings tests';
const MAX_BYTES = 5 * 1024 * 1024;

/** A files folder per suite, shared by the demo loader and the app that serves the downloads. */
function filesFolder() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mispa-demo-meeting-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  return { dir, maxBytes: MAX_BYTES };
}

/** Every row the demo meeting could add or change, the audit chain, and the files on disk. */
async function snapshot(db: Kysely<Database>, dir: string) {
  const tables = [
    'meeting',
    'translation',
    'pillar_link',
    'agenda_item',
    'agenda_item_document',
    'delegation',
    'participant',
    'meeting_document',
    'meeting_document_revision',
    'meeting_document_file',
    'stored_file',
    'app_user',
  ] as const;
  const rows = await Promise.all(
    tables.map((table) =>
      db
        .selectFrom(table)
        .selectAll()
        .execute()
        .then((all) => all.map((row) => JSON.stringify(row)).sort()),
    ),
  );
  const audit = await db.selectFrom('audit_entry').select(['seq', 'hash']).orderBy('seq').execute();
  return { rows: Object.fromEntries(tables.map((t, i) => [t, rows[i]])), audit, files: filesLeftIn(dir).sort() };
}

const files = filesFolder();
describeEachEngine(
  'demo mode adds a convened MISPA IX (loadDemoMeetings)',
  (ctx) => {
    const db = () => ctx.database.db;

    it('adds nothing, and says why, before the demo users exist', async () => {
      const loaded = await loadDemoMeetings({ db: db(), clock, files });
      expect(loaded.done).toEqual([]);
      expect(loaded.notes).toEqual([
        'Demo mode: MISPA IX was not added: the demo user secretariat@demo.invalid is missing.',
      ]);
      expect((await ctx.app.inject({ url: `/api/v1/meetings/${DEMO_MEETING_SLUG}` })).statusCode).toBe(404);
    });

    it('creates MISPA IX as the demo secretariat, convenes it and opens registration', async () => {
      await loadDemoUsers(db(), PASSWORD, clock);
      const loaded = await loadDemoMeetings({ db: db(), clock, files });
      expect(loaded.done).toEqual([
        'meeting created',
        'convene',
        'open-registration',
        'agenda of 6 items',
        'delegation of ec registered',
        'delegation of ec accredited',
        'delegation of mx registered',
        'delegation of mx accredited',
        'working document created',
        'document file in es',
        'document file in en',
      ]);
      expect(loaded.notes).toEqual([
        'Demo mode: MISPA IX (fictitious, in San José, Costa Rica, 13–14 October 2027) is at /en/meetings/mispa-ix: status registration-open, 6 agenda items, 2 accredited delegations, 1 document.',
      ]);
      const reply = await ctx.app.inject({ url: `/api/v1/meetings/${DEMO_MEETING_SLUG}?lang=fr` });
      expect(reply.statusCode).toBe(200);
      expect(reply.json()).toMatchObject({
        slug: 'mispa-ix',
        number: 'IX',
        ordinal: 9,
        managedBy: 'platform',
        kind: 'ministerial',
        status: 'registration-open',
        format: 'in-person',
        city: 'San José',
        hostState: { slug: 'cr' },
        timeZone: 'America/Costa_Rica',
        startsAt: '2027-10-13T15:00:00.000Z',
        registrationDeadline: '2027-09-25T05:59:00.000Z',
        name: { text: expect.stringMatching(/^Neuvième Réunion .*\(démonstration\)$/), lang: 'fr' },
      });
    });

    it('went through the services: each step is in the audit trail, by the demo user who would take it', async () => {
      const entries = await db()
        .selectFrom('audit_entry')
        .innerJoin('app_user', 'app_user.id', 'audit_entry.actor_user_id')
        .select(['audit_entry.action', 'audit_entry.actor_role', 'app_user.email'])
        .where('audit_entry.action', 'not like', 'users.%')
        .orderBy('audit_entry.seq')
        .execute();
      const secretariat = (action: string) => ({
        action,
        actor_role: 'secretariat-admin',
        email: 'secretariat@demo.invalid',
      });
      const focalPoint = (state: string) => ({
        action: 'delegations.register',
        actor_role: 'focal-point',
        email: `focal.${state}@demo.invalid`,
      });
      expect(entries).toEqual([
        secretariat('meetings.create'),
        secretariat('meetings.convene'),
        secretariat('meetings.open-registration'),
        ...Array.from({ length: 6 }, () => secretariat('agenda.create-item')),
        focalPoint('ec'),
        secretariat('delegations.accredit'),
        focalPoint('mx'),
        secretariat('delegations.accredit'),
        secretariat('meeting-documents.create'),
        secretariat('meeting-documents.upload'),
        secretariat('meeting-documents.upload'),
      ]);
    });

    it('has an agenda of items titled in the four languages, the dialogue holding the working document', async () => {
      const agenda = (await ctx.app.inject({ url: `/api/v1/meetings/${DEMO_MEETING_SLUG}/agenda?lang=pt` })).json();
      expect(agenda.frozen).toBe(false);
      expect(agenda.items.map((i: { title: { text: string } }) => i.title.text)).toEqual([
        'Sessão de abertura',
        'Aprovação da ordem do dia e do calendário',
        'Diálogo de ministros: prevenção da violência e do crime',
        'Gestão policial e cooperação internacional',
        'Consideração do projeto de compromissos',
        'Sessão de encerramento',
      ]);
      for (const item of agenda.items) {
        expect(Object.values(item.titles).every((t) => typeof t === 'string' && t.length > 0)).toBe(true);
      }
      expect(agenda.items[2].pillars.map((p: { code: string }) => p.code)).toEqual(['prevention']);
      expect(agenda.items[2].documents).toEqual([
        { id: expect.any(String), symbol: 'OEA/Ser.K/XLIX.9 MISPA IX/doc.1/27' },
      ]);
    });

    it('publishes the accredited delegations of Ecuador and Mexico, a head and an adviser each, to anyone', async () => {
      const list = (await ctx.app.inject({ url: `/api/v1/meetings/${DEMO_MEETING_SLUG}/participants?lang=es` })).json();
      const delegations = list.categories.find((c: { category: string }) => c.category === 'delegation');
      expect(delegations.visibility).toBe('public');
      expect(
        delegations.groups.map((g: { label: string; participants: Array<{ name: string; role: string }> }) => [
          g.label,
          g.participants.map((p) => `${p.role}: ${p.name}`),
        ]),
      ).toEqual([
        ['Ecuador', ['head: Andrea Salazar (demo)', 'adviser: Diego Paredes (demo)']],
        ['México', ['head: Lucía Hernández (demo)', 'adviser: Javier Morales (demo)']],
      ]);
    });

    it('offers the working document in Spanish (the original) and English, as real PDFs anyone may download', async () => {
      const list = (await ctx.app.inject({ url: `/api/v1/meetings/${DEMO_MEETING_SLUG}/documents?lang=en` })).json();
      expect(list.items).toHaveLength(1);
      const [document] = list.items;
      expect(document).toMatchObject({
        category: 'working',
        symbol: 'OEA/Ser.K/XLIX.9 MISPA IX/doc.1/27',
        originalLang: 'es',
        visibility: 'public',
        title: { text: expect.stringMatching(/^Demo working document: /), lang: 'en' },
      });
      expect(Object.keys(document.titles).sort()).toEqual(['en', 'es', 'fr', 'pt']);
      const filesOf = document.revisions[0].files as Array<{ lang: string; url: string; mediaType: string }>;
      expect(filesOf.map((f) => [f.lang, f.mediaType]).sort()).toEqual([
        ['en', 'application/pdf'],
        ['es', 'application/pdf'],
      ]);
      for (const file of filesOf) {
        const download = await ctx.app.inject({ url: file.url });
        expect(download.statusCode).toBe(200);
        expect(download.headers['content-type']).toBe('application/pdf');
        expect(download.headers['content-disposition']).toContain(`(${file.lang}).pdf`);
        expect(download.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
        expect(download.rawPayload.subarray(-6).toString('latin1')).toMatch(/%%EOF\s*$/);
      }
    });

    it('changes nothing when loaded again: no row, no audit entry, no file', async () => {
      const before = await snapshot(db(), files.dir);
      expect(await loadDemoUsers(db(), PASSWORD, clock)).toMatchObject({ created: [], updated: [] });
      const again = await loadDemoMeetings({ db: db(), clock, files });
      expect(again.done).toEqual([]);
      expect(again.notes[0]).toMatch(/2 accredited delegations, 1 document\.$/);
      expect(await snapshot(db(), files.dir)).toEqual(before);
    });
  },
  () => ({ files }),
);

const resumed = filesFolder();
describeEachEngine(
  'demo mode completes a MISPA IX left half-done',
  (ctx) => {
    it('keeps nothing of a file it could not store, and adds only what is missing on the next start', async () => {
      await loadDemoUsers(ctx.database.db, PASSWORD, clock);
      // A files "folder" that is a plain file: storing the document's PDF fails.
      const blocked = path.join(resumed.dir, 'not-a-folder');
      fs.writeFileSync(blocked, 'x');
      await expect(
        loadDemoMeetings({ db: ctx.database.db, clock, files: { dir: blocked, maxBytes: MAX_BYTES } }),
      ).rejects.toThrow();
      expect(await ctx.database.db.selectFrom('stored_file').select('id').execute()).toEqual([]);
      const loaded = await loadDemoMeetings({ db: ctx.database.db, clock, files: resumed });
      expect(loaded.done).toEqual(['document file in es', 'document file in en']);
      expect(loaded.notes[0]).toMatch(/6 agenda items, 2 accredited delegations, 1 document\.$/);
    });
  },
  () => ({ files: resumed }),
);

describeEachEngine('demo mode and a MISPA IX it did not make', (ctx) => {
  it('leaves that meeting alone and says so', async () => {
    const secretariat = await callerWith(ctx, 'secretariat-admin');
    await createMeeting(ctx, secretariat, validMeeting({ number: 'IX' }));
    await loadDemoUsers(ctx.database.db, PASSWORD, clock);
    const loaded = await loadDemoMeetings({
      db: ctx.database.db,
      clock,
      files: { dir: path.join(os.tmpdir(), 'mispa-demo-unused'), maxBytes: MAX_BYTES },
    });
    expect(loaded).toEqual({
      done: [],
      notes: ['Demo mode: a MISPA IX not made by demo mode exists; no demo meeting was added.'],
    });
    const meeting = (await ctx.app.inject({ url: '/api/v1/meetings/mispa-ix', headers: secretariat })).json();
    expect(meeting.status).toBe('draft');
    const agenda = await ctx.app.inject({ url: '/api/v1/meetings/mispa-ix/agenda', headers: secretariat });
    expect(agenda.json().items).toEqual([]);
  });
});

/** Runs `npm start`'s entry point until it has printed `until`; its address, output and a way to stop it. */
async function start(args: string[], env: Record<string, string>, until: RegExp) {
  const { child, output, exited } = runEntry('src/server/main.ts', args, env);
  // Generous: three starts on a busy machine compile the whole server each time.
  await waitForOutput(output, until, child, 1800);
  const port = /serving on http:\/\/localhost:(\d+)/.exec(output.stdout)?.[1];
  if (!port) throw new Error(`did not start; printed: ${output.stdout}`);
  return {
    url: `http://127.0.0.1:${port}`,
    stdout: () => output.stdout,
    stop: async () => {
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    },
  };
}

describe('npm start with and without --demo (src/server/main.ts)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mispa-demo-start-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'demo.sqlite');
  const env = {
    DATABASE_URL: `sqlite:${file}`,
    MISPA_FILES_DIR: path.join(dir, 'files'),
    MISPA_DEMO_PASSWORD: 'demo password from the environment',
  };
  const counts = async () => {
    const handle = await openDatabase({ engine: 'sqlite', file });
    try {
      const count = (table: 'meeting' | 'audit_entry' | 'stored_file' | 'participant') =>
        handle.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
          .then((r) => Number(r.n));
      return {
        meetings: await count('meeting'),
        audit: await count('audit_entry'),
        files: await count('stored_file'),
        participants: await count('participant'),
      };
    } finally {
      await handle.close();
    }
  };

  it('adds no MISPA IX without demo mode, adds it with --demo, and a second --demo start changes nothing', async () => {
    const plain = await start([], env, /No secretariat administrator yet/);
    try {
      expect((await fetch(`${plain.url}/api/v1/meetings/mispa-ix`)).status).toBe(404);
      expect(plain.stdout()).not.toMatch(/MISPA IX/);
    } finally {
      await plain.stop();
    }
    const before = await counts();

    const demo = await start(['--demo'], env, /Demo mode: two follow-up cycles/);
    try {
      expect(demo.stdout()).toMatch(
        /Demo mode: MISPA IX \(fictitious.*\) is at \/en\/meetings\/mispa-ix: status registration-open/,
      );
      const meeting = await fetch(`${demo.url}/api/v1/meetings/mispa-ix`);
      expect(await meeting.json()).toMatchObject({ status: 'registration-open', number: 'IX' });
      const documents = (await (await fetch(`${demo.url}/api/v1/meetings/mispa-ix/documents`)).json()) as {
        items: Array<{ revisions: Array<{ files: Array<{ url: string }> }> }>;
      };
      const url = documents.items[0]?.revisions[0]?.files[0]?.url as string;
      const download = await fetch(`${demo.url}${url}`);
      expect(download.headers.get('content-type')).toBe('application/pdf');
      // The outcome documents and follow-up of demo mode (demo/documents.ts, demo/follow-up.ts).
      const sample = /a sample adopted declaration is at \/en\/documents\/([a-z0-9-]+)/.exec(demo.stdout())?.[1];
      const declaration = await fetch(`${demo.url}/api/v1/documents/${sample}`);
      expect(await declaration.json()).toMatchObject({
        status: 'adopted',
        title: { text: 'Sample declaration (demo)' },
      });
    } finally {
      await demo.stop();
    }
    const loaded = await counts();
    // MISPA IX and the concluded sample meeting, each with the delegations of Ecuador and Mexico.
    expect(loaded).toMatchObject({ meetings: before.meetings + 2, files: 2, participants: 8 });

    const again = await start(['--demo'], env, /Demo mode: two follow-up cycles/);
    try {
      expect(again.stdout()).toMatch(/6 agenda items, 2 accredited delegations, 1 document\./);
    } finally {
      await again.stop();
    }
    expect(await counts()).toEqual(loaded);
    expect(filesLeftIn(path.join(dir, 'files')).filter((f) => !f.startsWith('tmp'))).toHaveLength(2);
  }, 300_000);
});
