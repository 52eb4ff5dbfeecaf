import fs from 'node:fs';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, expect, it } from 'vitest';
import type { Role } from '../../../contract/accounts.js';
import type { MeetingDocument } from '../../../contract/meeting-documents.js';
import {
  ELF_BYTES,
  filesLeftIn,
  lazyMultipartBody,
  MZ_BYTES,
  ooxmlBytes,
  pdfBytes,
  zipBombBytes,
} from '../../files/testing.js';
import { expectAsCan, expectProblem, expectProblemDocument } from '../../testing/api.js';
import { describeEachEngine } from '../../testing/harness.js';
import { verifyChain } from '../audit/chain.js';
import { documentHelpers, filesOptions } from './testing.js';

const files = filesOptions();
afterAll(() => fs.rmSync(files.dir, { recursive: true, force: true }));

describeEachEngine(
  'meeting documents: adding, revising, uploading',
  (ctx) => {
    const h = documentHelpers(ctx);

    it('adds a document with the next symbol of its series, its titles and an audit entry', async () => {
      const secretariat = await h.as('secretariat-staff');
      const { slug, id: meetingId } = await h.meeting();
      await h
        .db()
        .updateTable('meeting')
        .set({ ordinal: 9, number: 'IX', starts_at: '2026-10-01T14:00:00.000Z' })
        .where('id', '=', meetingId)
        .execute();
      const first = await h.created(secretariat, slug);
      const second = await h.created(secretariat, slug, { titles: { fr: 'Rapport' } });
      const info = await h.created(secretariat, slug, { category: 'information' });
      const pres = await h.created(secretariat, slug, { category: 'presentation' });
      const rep = await h.created(secretariat, slug, { category: 'report' });
      expect([first, second, info, pres, rep].map((d) => d.symbol)).toEqual([
        'OEA/Ser.K/XLIX.9 MISPA IX/doc.1/26',
        'OEA/Ser.K/XLIX.9 MISPA IX/doc.2/26',
        'OEA/Ser.K/XLIX.9 MISPA IX/inf.1/26',
        'OEA/Ser.K/XLIX.9 MISPA IX/pres.1/26',
        'OEA/Ser.K/XLIX.9 MISPA IX/rep.1/26',
      ]);
      expect(first).toMatchObject({
        meeting: slug,
        category: 'working',
        sequence: 1,
        title: { text: 'Draft declaration', lang: 'en' },
        titles: { en: 'Draft declaration', es: 'Proyecto de declaración' },
        originalLang: 'es',
        visibility: 'public',
        adoptedAt: null,
        version: 1,
        revisions: [{ revision: 0, symbol: first.symbol, files: [] }],
      });
      // A title only in French is shown in French to an English reader.
      expect(second.title).toEqual({ text: 'Rapport', lang: 'fr', official: true });
      const audit = await h.db().selectFrom('audit_entry').selectAll().where('entity_id', '=', first.id).execute();
      expect(audit.map((e) => [e.action, e.actor_role])).toEqual([['meeting-documents.create', 'secretariat-staff']]);
      expect(await verifyChain(h.db())).toMatchObject({ ok: true });
    });

    it('follows the meeting’s own symbol pattern', async () => {
      const secretariat = await h.as('secretariat-admin');
      const { slug, id } = await h.meeting();
      await h
        .db()
        .updateTable('meeting')
        .set({ symbol_pattern: 'GT/{slug}/{series}-{sequence}/{yyyy}', starts_at: '2027-03-01T00:00:00.000Z' })
        .where('id', '=', id)
        .execute();
      const doc = await h.created(secretariat, slug, { category: 'report' });
      expect(doc.symbol).toBe(`GT/${slug.toUpperCase()}/rep-1/2027`);
    });

    it('allocates distinct numbers to documents added at the same moment', async () => {
      const secretariat = await h.as('secretariat-staff');
      const { slug } = await h.meeting();
      const results = await Promise.all(Array.from({ length: 8 }, () => h.create(secretariat, slug)));
      expect(results.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
      const sequences = results.map((r) => (r.json() as MeetingDocument).sequence).sort((a, b) => a - b);
      expect(sequences).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    });

    it('keeps files per language, serves them with the right headers, and replaces one on a new upload', async () => {
      const secretariat = await h.as('secretariat-staff');
      const { slug } = await h.meeting();
      const doc = await h.created(secretariat, slug);
      const en = pdfBytes('English');
      const put = await h.upload(secretariat, slug, doc.id, 'en', en);
      expect(put.statusCode, put.body).toBe(200);
      const docx = ooxmlBytes('docx');
      const withEs = (
        await h.upload(secretariat, slug, doc.id, 'es', docx, 0, 'declaración.docx')
      ).json() as MeetingDocument;
      expect(withEs.revisions[0]?.files.map((f) => [f.lang, f.mediaType, f.size])).toEqual([
        ['en', 'application/pdf', en.length],
        ['es', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', docx.length],
      ]);
      const url = withEs.revisions[0]?.files[0]?.url as string;
      expect(url).toBe(`/api/v1/meetings/${slug}/documents/${doc.id}/revisions/0/files/en`);
      const res = await ctx.app.inject({ url });
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload).toEqual(en);
      expect(res.headers).toMatchObject({
        'content-type': 'application/pdf',
        'content-length': String(en.length),
        'x-content-type-options': 'nosniff',
        'cache-control': 'public, no-cache',
        etag: `"${withEs.revisions[0]?.files[0]?.sha256}"`,
      });
      const name = `${doc.symbol.replaceAll('/', '-')} (en).pdf`;
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`,
      );
      const inline = await ctx.app.inject({ url: `${url}?disposition=inline` });
      expect(inline.headers['content-disposition']).toMatch(/^inline; /);
      const replaced = await h.upload(secretariat, slug, doc.id, 'en', pdfBytes('Corrected'));
      expect((replaced.json() as MeetingDocument).revisions[0]?.files.find((f) => f.lang === 'en')?.size).toBe(
        pdfBytes('Corrected').length,
      );
      expect((await ctx.app.inject({ url })).rawPayload).toEqual(pdfBytes('Corrected'));
      expect(await h.auditActions(doc.id)).toEqual([
        'meeting-documents.create',
        'meeting-documents.upload',
        'meeting-documents.upload',
        'meeting-documents.upload',
      ]);
    });

    it('adds revisions rev. 1 and rev. 2, keeping the earlier ones downloadable', async () => {
      const secretariat = await h.as('secretariat-staff');
      const { slug } = await h.meeting();
      const doc = await h.created(secretariat, slug);
      await h.upload(secretariat, slug, doc.id, 'es', pdfBytes('original'));
      const rev1 = await ctx.app.inject({
        method: 'POST',
        url: `${h.base(slug)}/${doc.id}/revisions`,
        headers: secretariat,
        payload: { version: 1 },
      });
      expect(rev1.statusCode, rev1.body).toBe(201);
      expect(rev1.json().symbol).toBe(`${doc.symbol} rev. 1`);
      const rev2 = await ctx.app.inject({
        method: 'POST',
        url: `${h.base(slug)}/${doc.id}/revisions`,
        headers: secretariat,
        payload: { version: 2 },
      });
      const revised = rev2.json() as MeetingDocument;
      expect(revised.symbol).toBe(`${doc.symbol} rev. 2`);
      expect(revised.revisions.map((r) => r.symbol)).toEqual([
        `${doc.symbol} rev. 2`,
        `${doc.symbol} rev. 1`,
        doc.symbol,
      ]);
      await h.upload(secretariat, slug, doc.id, 'es', pdfBytes('second revision'), 2);
      expect((await ctx.app.inject({ url: `${h.base(slug)}/${doc.id}/revisions/0/files/es` })).rawPayload).toEqual(
        pdfBytes('original'),
      );
      expect((await ctx.app.inject({ url: `${h.base(slug)}/${doc.id}/revisions/2/files/es` })).rawPayload).toEqual(
        pdfBytes('second revision'),
      );
      const missing = expectProblemDocument(
        await ctx.app.inject({ url: `${h.base(slug)}/${doc.id}/revisions/1/files/es` }),
        404,
      );
      expect(missing.detail).toBe(`Document ${doc.symbol} rev. 1 has no file in the language "es".`);
      expectProblemDocument(await h.upload(secretariat, slug, doc.id, 'es', pdfBytes(), 7), 404);
    });

    it('edits metadata, marks adopted, and answers 409 with the current document to a stale edit', async () => {
      const secretariat = await h.as('secretariat-staff');
      const { slug } = await h.meeting('in-session');
      const doc = await h.created(secretariat, slug);
      const patch = (payload: object) =>
        ctx.app.inject({ method: 'PATCH', url: `${h.base(slug)}/${doc.id}`, headers: secretariat, payload });
      const [a, b] = await Promise.all([
        patch({ version: 1, titles: { en: 'First edit' } }),
        patch({ version: 1, titles: { en: 'Second edit' } }),
      ]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
      const conflict = [a, b].find((r) => r.statusCode === 409);
      const body = expectProblemDocument(conflict as never, 409) as unknown as {
        currentVersion: number;
        current: MeetingDocument;
      };
      expect(body.currentVersion).toBe(2);
      expect(body.current.version).toBe(2);
      const adopted = await patch({ version: 2, adopted: true });
      expect(adopted.statusCode, adopted.body).toBe(200);
      expect(adopted.json().adoptedAt).toEqual(expect.any(String));
      const again = await patch({ version: 3, visibility: 'delegations', originalLang: 'en' });
      expect(again.json()).toMatchObject({
        visibility: 'delegations',
        originalLang: 'en',
        version: 4,
        adoptedAt: adopted.json().adoptedAt,
      });
      expect(await h.auditActions(doc.id)).toEqual([
        'meeting-documents.create',
        'meeting-documents.update',
        'meeting-documents.adopt',
        'meeting-documents.update',
      ]);
    });

    it('marks a document adopted once the meeting is held; before, only by an administrator’s override, audited', async () => {
      const secretariat = await h.as('secretariat-staff');
      const admin = await h.as('secretariat-admin');
      const meeting = await h.meeting('registration-closed');
      const doc = await h.created(secretariat, meeting.slug);
      const patch = (headers: Record<string, string>, payload: object) =>
        ctx.app.inject({ method: 'PATCH', url: `${h.base(meeting.slug)}/${doc.id}`, headers, payload });
      const refused = expectProblem(await patch(secretariat, { version: 1, adopted: true }), 409);
      expect(refused.detail).toContain('registration-closed');
      expect(refused.detail).toContain('"override": true');
      expectProblem(await patch(admin, { version: 1, adopted: true }), 409);
      const notAllowed = expectProblem(await patch(secretariat, { version: 1, adopted: true, override: true }), 403);
      expect(notAllowed.detail).toContain('meeting-documents.override');
      // Other edits, and taking an adoption back, need no override.
      const edited = await patch(secretariat, { version: 1, titles: { en: 'Draft declaration' } });
      expect(edited.statusCode, edited.body).toBe(200);
      expect(edited.json().adoptedAt).toBeNull();
      const early = await patch(admin, { version: 2, adopted: true, override: true });
      expect(early.statusCode, early.body).toBe(200);
      expect(early.json().adoptedAt).toEqual(expect.any(String));
      const undone = await patch(secretariat, { version: 3, adopted: false });
      expect(undone.statusCode, undone.body).toBe(200);
      await h.db().updateTable('meeting').set({ status: 'concluded' }).where('id', '=', meeting.id).execute();
      const held = await patch(secretariat, { version: 4, adopted: true });
      expect(held.statusCode, held.body).toBe(200);
      expect(await h.auditActions(doc.id)).toEqual([
        'meeting-documents.create',
        'meeting-documents.update',
        'meeting-documents.override.adopt',
        'meeting-documents.adopt',
        'meeting-documents.adopt',
      ]);
      expect(await verifyChain(h.db())).toMatchObject({ ok: true });
    });

    it('links a document to an agenda item of the meeting, and refuses one of another meeting', async () => {
      const secretariat = await h.as('secretariat-staff');
      const { slug, id: meetingId } = await h.meeting();
      const other = await h.meeting();
      const now = new Date().toISOString();
      const item = { position: 1, created_at: now, updated_at: now };
      const [own, foreign] = [uuidv7(), uuidv7()];
      await h
        .db()
        .insertInto('agenda_item')
        .values([
          { id: own, meeting_id: meetingId, ...item },
          { id: foreign, meeting_id: other.id, ...item },
        ])
        .execute();
      const linked = await h.created(secretariat, slug, { agendaItemId: own });
      expect(linked.agendaItemId).toBe(own);
      const refused = expectProblem(await h.create(secretariat, slug, { agendaItemId: foreign }), 400, 'agendaItemId');
      expect(refused.detail).toBe('Parameter "agendaItemId": is not an agenda item of this meeting.');
    });

    it('refuses forged uploads with clear messages, keeping nothing on disk or in the database', async () => {
      const secretariat = await h.as('secretariat-staff');
      const { slug } = await h.meeting();
      const doc = await h.created(secretariat, slug);
      const before = { disk: filesLeftIn(files.dir), rows: await h.rows() };
      for (const [data, status, detail] of [
        [ELF_BYTES, 415, /program \(Linux executable \(ELF\)\)/],
        [MZ_BYTES, 415, /program \(Windows executable \(MZ\)\)/],
        [zipBombBytes(), 422, /zip bomb/],
        [Buffer.from('<script>alert(1)</script>'), 415, /PDF, DOCX, XLSX, PPTX, ODT/],
      ] as const) {
        expect(expectProblemDocument(await h.upload(secretariat, slug, doc.id, 'en', data), status).detail).toMatch(
          detail,
        );
      }
      const huge = lazyMultipartBody(1024 ** 3);
      const res = await ctx.app.inject({
        method: 'PUT',
        url: `${h.base(slug)}/${doc.id}/revisions/0/files/en`,
        payload: huge.payload,
        headers: { ...secretariat, ...huge.headers },
      });
      expect(expectProblemDocument(res, 413).detail).toBe(
        'The file in the field "file" is larger than 0.5 MB, the most allowed here.',
      );
      // An upload to a document that does not exist is read, refused, and removed too.
      expectProblemDocument(await h.upload(secretariat, slug, '01900000-0000-7000-8000-000000000000', 'en'), 404);
      expect(filesLeftIn(files.dir)).toEqual(before.disk);
      expect(await h.rows()).toEqual(before.rows);
    });
  },
  files.options,
);

describeEachEngine(
  'meeting documents: who may read and write',
  (ctx) => {
    const h = documentHelpers(ctx);

    it('lists public documents to everyone and delegations-only ones to delegations, partners and the secretariat', async () => {
      const secretariat = await h.as('secretariat-staff');
      const { slug } = await h.meeting();
      const open = await h.created(secretariat, slug);
      const closed = await h.created(secretariat, slug, { visibility: 'delegations' });
      await h.upload(secretariat, slug, closed.id, 'es');
      const seen = async (headers: Record<string, string>) => {
        const res = await ctx.app.inject({ url: h.base(slug), headers });
        expect(res.statusCode).toBe(200);
        return (res.json().items as MeetingDocument[]).map((d) => d.id);
      };
      expect(await seen({})).toEqual([open.id]);
      for (const role of ['focal-point', 'delegate', 'partner', 'secretariat-admin'] as Role[]) {
        expect(await seen(await h.as(role))).toEqual([open.id, closed.id]);
      }
      expect(await seen(await h.as('group-member'))).toEqual([open.id]);
      expect(await seen(await h.as())).toEqual([open.id]);
      const file = `${h.base(slug)}/${closed.id}/revisions/0/files/es`;
      expectProblemDocument(await ctx.app.inject({ url: file }), 401);
      expectProblemDocument(await ctx.app.inject({ url: `${h.base(slug)}/${closed.id}` }), 401);
      const refused = expectProblemDocument(
        await ctx.app.inject({ url: file, headers: await h.as('group-member') }),
        403,
      );
      expect(refused.detail).toContain('meeting-documents.read-delegations');
      const allowed = await ctx.app.inject({ url: file, headers: await h.as('delegate') });
      expect(allowed.statusCode).toBe(200);
      expect(allowed.headers['cache-control']).toBe('private, no-cache');
    });

    it('answers 404 for the documents of a draft meeting to all but the secretariat', async () => {
      const secretariat = await h.as('secretariat-staff');
      const { slug } = await h.meeting('draft');
      const doc = await h.created(secretariat, slug);
      expectProblemDocument(await ctx.app.inject({ url: h.base(slug) }), 404);
      expectProblemDocument(
        await ctx.app.inject({ url: `${h.base(slug)}/${doc.id}`, headers: await h.as('focal-point') }),
        404,
      );
      expect((await ctx.app.inject({ url: h.base(slug), headers: secretariat })).json().items).toHaveLength(1);
    });

    it('refuses every write to visitors (401) and to roles other than the secretariat (403), writing nothing', async () => {
      const secretariat = await h.as('secretariat-staff');
      const { slug } = await h.meeting();
      const doc = await h.created(secretariat, slug);
      const before = await h.rows();
      const writes = (headers: Record<string, string>) => [
        h.create(headers, slug),
        ctx.app.inject({
          method: 'PATCH',
          url: `${h.base(slug)}/${doc.id}`,
          headers,
          payload: { version: 1, adopted: true },
        }),
        ctx.app.inject({
          method: 'POST',
          url: `${h.base(slug)}/${doc.id}/revisions`,
          headers,
          payload: { version: 1 },
        }),
        h.upload(headers, slug, doc.id, 'en'),
      ];
      for (const res of await Promise.all(writes({ origin: 'http://localhost' }))) {
        expect(expectProblemDocument(res, 401).detail).toContain('meeting-documents.manage');
      }
      for (const role of ['focal-point', 'delegate', 'partner', 'group-member'] as Role[]) {
        for (const res of await Promise.all(writes(await h.as(role)))) {
          expect(expectProblemDocument(res, 403).detail).toBe(
            'None of your roles allows this (meeting-documents.manage).',
          );
        }
      }
      expect(await h.rows()).toEqual(before);
    });

    it.each(['convened', 'in-session'] as const)(
      'says in `can` what each caller may do with the documents of a %s meeting, and the server allows exactly that',
      async (status) => {
        const secretariat = await h.as('secretariat-staff');
        const { slug } = await h.meeting(status);
        const held = status === 'in-session';
        const callers: Array<[string, Record<string, string>, boolean]> = [
          ['public', { origin: 'http://localhost' }, false],
          ...(['focal-point', 'delegate', 'partner', 'group-member'] as Role[]).map(
            (role) => [role, {}, false] as [string, Record<string, string>, boolean],
          ),
          ['secretariat-staff', secretariat, true],
          ['secretariat-admin', await h.as('secretariat-admin'), true],
        ];
        for (const [who, given, expected] of callers) {
          const headers = Object.keys(given).length > 0 ? given : await h.as(who as Role);
          const doc = await h.created(secretariat, slug);
          const list = (await ctx.app.inject({ url: h.base(slug), headers })).json();
          expect(list.can, who).toEqual({ create: expected });
          const { can } = (await ctx.app.inject({ url: `${h.base(slug)}/${doc.id}`, headers })).json();
          expect(can, who).toEqual({
            update: expected,
            revise: expected,
            upload: expected,
            adopt: expected && held,
            override: !held && who === 'secretariat-admin',
          });
          expect(list.items.find((d: MeetingDocument) => d.id === doc.id).can).toEqual(can);
          expectAsCan(list.can.create, await h.create(headers, slug), `${who} create`);
          const url = `${h.base(slug)}/${doc.id}`;
          const send = (payload: object) => ctx.app.inject({ method: 'PATCH', url, headers, payload });
          expectAsCan(can.adopt, await send({ version: 1, adopted: true }), `${who} adopt`);
          if (!can.adopt)
            expectAsCan(can.override, await send({ version: 1, adopted: true, override: true }), `${who} override`);
          const adopted = can.adopt || can.override;
          expectAsCan(can.update, await send({ version: adopted ? 2 : 1, adopted: false }), `${who} update`);
          const version = can.update ? (adopted ? 3 : 2) : 1;
          const revise = { method: 'POST' as const, url: `${url}/revisions`, headers, payload: { version } };
          expectAsCan(can.revise, await ctx.app.inject(revise), `${who} revise`);
          expectAsCan(can.upload, await h.upload(headers, slug, doc.id, 'en'), `${who} upload`);
        }
      },
    );

    it('answers 404 for unknown meetings and documents, and 400 for malformed parameters', async () => {
      const secretariat = await h.as('secretariat-staff');
      const { slug } = await h.meeting();
      expectProblemDocument(await ctx.app.inject({ url: '/api/v1/meetings/no-such-meeting/documents' }), 404);
      const unknown = expectProblemDocument(await ctx.app.inject({ url: `${h.base(slug)}/nope` }), 404);
      expect(unknown.detail).toBe('This meeting has no document with id "nope".');
      expectProblem(await ctx.app.inject({ url: `${h.base(slug)}/x/revisions/-1/files/en` }), 400, 'revision');
      expectProblem(await ctx.app.inject({ url: `${h.base(slug)}/x/revisions/0/files/de` }), 400, 'lang');
      expectProblem(await ctx.app.inject({ url: `${h.base(slug)}?lang=xx` }), 400, 'lang');
      expectProblem(await h.create(secretariat, slug, { titles: {} }), 400, 'titles');
    });

    it('lists titles in the reader’s language, with an English fallback', async () => {
      const secretariat = await h.as('secretariat-staff');
      const { slug } = await h.meeting();
      await h.created(secretariat, slug, { titles: { en: 'Agenda', pt: 'Pauta' } });
      const pt = await ctx.app.inject({ url: `${h.base(slug)}?lang=pt` });
      expect(pt.json().items[0].title).toEqual({ text: 'Pauta', lang: 'pt', official: true });
      const es = await ctx.app.inject({ url: h.base(slug), headers: { 'accept-language': 'es' } });
      expect(es.json().items[0].title).toEqual({ text: 'Agenda', lang: 'en', official: true });
    });
  },
  files.options,
);
