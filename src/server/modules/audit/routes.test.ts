import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_CSV_COLUMNS, type AuditRecordType } from '../../../domain/audit.js';
import { csvCell } from '../../http/csv.js';
import type { Actor, RequestContext } from '../../policy/actor.js';
import { expectProblem } from '../../testing/api.js';
import { buildApiToken, buildSession, buildUser } from '../../testing/factories.js';
import { type AppContext, describeEachEngine } from '../../testing/harness.js';
import { type AuditInput, recordAudit } from './chain.js';

/** Reads RFC 4180 CSV: quoted cells may hold commas, quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) throw new Error('the CSV does not end with CRLF');
  return rows;
}

/** A unique entity type per test, so each test reads only the entries it wrote. */
/** A record type of the test's own, not one the platform writes, so each test reads back only its entries. */
const uniqueType = () => `test-${randomBytes(4).toString('hex')}` as AuditRecordType;

function userActor(id: string): Actor {
  return {
    kind: 'user',
    userId: id,
    email: '',
    displayName: '',
    lang: 'en',
    grants: [],
    demo: false,
    credential: { type: 'session', id: 's', secondFactor: true },
  };
}

describeEachEngine('GET /api/v1/audit and /api/v1/audit.csv', (ctx: AppContext) => {
  let staff: { cookie: string; id: string; email: string };
  let other: { id: string; email: string };

  async function record(entries: Array<Partial<AuditInput> & { at?: string; by?: string; requestId?: string }>) {
    await ctx.database.db.transaction().execute(async (trx) => {
      for (const entry of entries) {
        const context: RequestContext = {
          actor: entry.by ? userActor(entry.by) : { kind: 'public' },
          requestId: entry.requestId ?? 'req',
          ip: '198.51.100.4',
          lang: 'en',
        };
        await recordAudit(
          trx,
          context,
          {
            action: 'users.invite',
            role: 'secretariat-admin',
            entityType: 'user',
            entityId: 'some-user',
            before: null,
            after: null,
            ...entry,
          },
          entry.at ? new Date(entry.at) : new Date(),
        );
      }
    });
  }

  const get = (url: string, headers: Record<string, string> = { cookie: staff.cookie }) =>
    ctx.app.inject({ url, headers });

  beforeAll(async () => {
    const user = await buildUser(ctx.database.db, { role: 'secretariat-staff' });
    staff = { ...user, cookie: await buildSession(ctx.database.db, user.id) };
    other = await buildUser(ctx.database.db, { role: 'delegate', memberState: 'co' });
  });

  describe('who may read it', () => {
    it.each(['/api/v1/audit', '/api/v1/audit.csv'])('refuses the public at %s with 401', async (url) => {
      expectProblem(await ctx.app.inject({ url }), 401);
    });

    it.each([
      ['a focal point', 'focal-point', { memberState: 'ec' }],
      ['a delegate', 'delegate', { memberState: 'co' }],
      ['a partner', 'partner', {}],
      ['a group member', 'group-member', { technicalGroup: 'police-management' }],
    ] as const)('refuses %s with 403', async (_, role, binding) => {
      const user = await buildUser(ctx.database.db, { role, ...binding });
      const cookie = await buildSession(ctx.database.db, user.id);
      expect(expectProblem(await get('/api/v1/audit', { cookie }), 403).detail).toContain('audit.read');
      expectProblem(await get('/api/v1/audit.csv', { cookie }), 403);
    });

    it('refuses a secretariat administrator whose session has not passed the second factor with 403', async () => {
      const user = await buildUser(ctx.database.db, { role: 'secretariat-admin' });
      const cookie = await buildSession(ctx.database.db, user.id, { secondFactor: false });
      expectProblem(await get('/api/v1/audit', { cookie }), 403);
    });

    it('answers secretariat staff, and a read-only API token of the secretariat, privately', async () => {
      const token = await buildApiToken(ctx.database.db, staff.id, 'read');
      const callers: Array<Record<string, string>> = [{ cookie: staff.cookie }, { authorization: token }];
      for (const headers of callers) {
        const res = await get('/api/v1/audit?limit=1', headers);
        expect(res.statusCode, res.body).toBe(200);
        expect(res.headers['cache-control']).toBe('private, no-store');
      }
    });
  });

  describe('GET /api/v1/audit', () => {
    it('lists entries newest first with who acted, in pages that follow one another by cursor', async () => {
      const type = uniqueType();
      await record(
        Array.from({ length: 7 }, (_, i) => ({
          entityType: type,
          entityId: `e-${i}`,
          by: i % 2 ? other.id : staff.id,
          before: { n: i },
          after: { n: i + 1 },
        })),
      );
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res = await get(`/api/v1/audit?entityType=${type}&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.statusCode, res.body).toBe(200);
        const page = res.json();
        seen.push(...page.items.map((e: { entityId: string }) => e.entityId));
        cursor = page.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      expect(pages).toBe(3);
      expect(seen).toEqual(['e-6', 'e-5', 'e-4', 'e-3', 'e-2', 'e-1', 'e-0']);

      const [newest] = (await get(`/api/v1/audit?entityType=${type}&limit=1`)).json().items;
      expect(newest).toMatchObject({
        seq: expect.any(Number),
        occurredAt: expect.stringMatching(/Z$/),
        actor: { id: staff.id, email: staff.email, displayName: expect.any(String) },
        role: 'secretariat-admin',
        action: 'users.invite',
        entityType: type,
        entityId: 'e-6',
        before: { n: 6 },
        after: { n: 7 },
        requestId: 'req',
        ip: '198.51.100.4',
        prevHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
    });

    it('filters by actor, given as a user id or an e-mail address in any case', async () => {
      const type = uniqueType();
      await record([
        { entityType: type, entityId: 'by-staff', by: staff.id },
        { entityType: type, entityId: 'by-other', by: other.id },
        { entityType: type, entityId: 'by-public' },
      ]);
      const ids = async (query: string) =>
        (await get(`/api/v1/audit?entityType=${type}&${query}`))
          .json()
          .items.map((e: { entityId: string }) => e.entityId);
      expect(await ids(`actor=${staff.id}`)).toEqual(['by-staff']);
      expect(await ids(`actor=${encodeURIComponent(other.email.toUpperCase())}`)).toEqual(['by-other']);
      expect(await ids('actor=nobody%40example.test')).toEqual([]);
      expect(await ids('')).toEqual(['by-public', 'by-other', 'by-staff']);
    });

    it('filters by entity id and by action', async () => {
      const type = uniqueType();
      await record([
        { entityType: type, entityId: 'a', action: 'users.invite' },
        { entityType: type, entityId: 'b', action: 'users.deactivate' },
        { entityType: type, entityId: 'a', action: 'users.deactivate' },
      ]);
      const items = async (query: string) =>
        (await get(`/api/v1/audit?entityType=${type}&${query}`))
          .json()
          .items.map((e: { entityId: string; action: string }) => `${e.entityId}:${e.action}`);
      expect(await items('entityId=a')).toEqual(['a:users.deactivate', 'a:users.invite']);
      expect(await items('action=users.deactivate')).toEqual(['a:users.deactivate', 'b:users.deactivate']);
      expect(await items('entityId=a&action=users.invite')).toEqual(['a:users.invite']);
    });

    it('filters by time: a date means its whole day (UTC), a date-time its instant, offsets understood', async () => {
      const type = uniqueType();
      await record([
        { entityType: type, entityId: 'jan-1-early', at: '2025-01-01T00:00:00.000Z' },
        { entityType: type, entityId: 'jan-1-late', at: '2025-01-01T23:59:59.999Z' },
        { entityType: type, entityId: 'jan-2', at: '2025-01-02T12:00:00.000Z' },
        { entityType: type, entityId: 'jan-3', at: '2025-01-03T00:00:00.000Z' },
      ]);
      const ids = async (query: string) =>
        (await get(`/api/v1/audit?entityType=${type}&${query}`))
          .json()
          .items.map((e: { entityId: string }) => e.entityId)
          .sort();
      expect(await ids('from=2025-01-01&to=2025-01-01')).toEqual(['jan-1-early', 'jan-1-late']);
      expect(await ids('from=2025-01-02')).toEqual(['jan-2', 'jan-3']);
      expect(await ids('to=2025-01-02T12:00:00Z')).toEqual(['jan-1-early', 'jan-1-late', 'jan-2']);
      // 08:00 at UTC-4 is the 12:00Z of jan-2 itself; a second later excludes it.
      expect(await ids(`from=${encodeURIComponent('2025-01-02T08:00:00-04:00')}`)).toEqual(['jan-2', 'jan-3']);
      expect(await ids(`from=${encodeURIComponent('2025-01-02T08:00:01-04:00')}`)).toEqual(['jan-3']);
      expect(await ids('from=2025-01-02T12:00:00.001Z&to=2025-01-02T23:59:59Z')).toEqual([]);
    });

    it.each([
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
      ['from=yesterday', 'from'],
      ['to=2025-13-01', 'to'],
      ['from=2025-01-02&to=2025-01-01', 'from'],
      ['actor=', 'actor'],
      [`entityId=${'x'.repeat(201)}`, 'entityId'],
      ['action=%00', 'action'],
      ['cursor=not-a-cursor', 'cursor'],
      [`cursor=${Buffer.from('["text"]').toString('base64url')}`, 'cursor'],
    ])('refuses %s with a 400 naming %s', async (query, name) => {
      expectProblem(await get(`/api/v1/audit?${query}`), 400, name);
      expectProblem(await get(`/api/v1/audit.csv?${query.replace(/^(limit|cursor)=.*/, 'from=nope')}`), 400);
    });

    it('answers any query string with a page or a 4xx problem, never a 5xx (fast-check)', async () => {
      const keys = ['actor', 'entityType', 'entityId', 'action', 'from', 'to', 'limit', 'cursor'];
      const value = fc.oneof(
        fc.string({ unit: 'binary', maxLength: 250 }),
        fc.constantFrom('2025-01-01', '2025-02-30', '0000-01-01', '9999-12-31', '9999-12-31T23:59:59Z', '-1', '1e3'),
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      );
      const query = fc
        .array(fc.tuple(fc.constantFrom(...keys), value), { maxLength: 5 })
        .map((pairs) => pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&'));
      await fc.assert(
        fc.asyncProperty(query, fc.boolean(), async (qs, csv) => {
          const res = await get(`/api/v1/audit${csv ? '.csv' : ''}?${qs}`);
          expect(res.statusCode, `${qs} → ${res.body.slice(0, 200)}`).toBeLessThan(500);
          if (res.statusCode !== 200) expectProblem(res, res.statusCode);
        }),
        { numRuns: 300 },
      );
    });
  });

  describe('GET /api/v1/audit.csv', () => {
    const csvOf = (res: LightMyRequestResponse) => {
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe('attachment; filename="audit.csv"');
      expect(res.headers['cache-control']).toBe('private, no-store');
      expect(res.body.startsWith('\uFEFF')).toBe(true);
      return parseCsv(res.body.slice(1));
    };

    it('exports the filtered entries newest first under a header row, one row per entry', async () => {
      const type = uniqueType();
      await record([
        { entityType: type, entityId: 'first', by: staff.id, after: { status: 'active' } },
        { entityType: type, entityId: 'second', action: 'users.deactivate' },
      ]);
      const rows = csvOf(await get(`/api/v1/audit.csv?entityType=${type}`));
      expect(rows[0]).toEqual([...AUDIT_CSV_COLUMNS]);
      expect(rows).toHaveLength(3);
      const at = (row: string[] | undefined, column: (typeof AUDIT_CSV_COLUMNS)[number]) =>
        row?.[AUDIT_CSV_COLUMNS.indexOf(column)];
      expect(at(rows[1], 'entity_id')).toBe('second');
      expect(at(rows[1], 'actor_id')).toBe('');
      expect(at(rows[2], 'actor_email')).toBe(staff.email);
      expect(JSON.parse(at(rows[2], 'after') as string)).toEqual({ status: 'active' });
      expect(Number(at(rows[1], 'seq'))).toBe(Number(at(rows[2], 'seq')) + 1);
      expect(csvOf(await get(`/api/v1/audit.csv?entityType=${type}&action=users.invite`))).toHaveLength(2);
    });

    it('streams a trail longer than one batch, every entry once', async () => {
      const type = uniqueType();
      await record(Array.from({ length: 1203 }, (_, i) => ({ entityType: type, entityId: `n-${i}` })));
      const rows = csvOf(await get(`/api/v1/audit.csv?entityType=${type}`)).slice(1);
      expect(rows).toHaveLength(1203);
      expect(new Set(rows.map((r) => r[AUDIT_CSV_COLUMNS.indexOf('entity_id')])).size).toBe(1203);
      const seqs = rows.map((r) => Number(r[0]));
      expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    });

    it('defuses spreadsheet formulas and keeps quotes, commas and line breaks inside their cell', async () => {
      const type = uniqueType();
      const nasty = ['=HYPERLINK("http://evil.example","x")', '+1+1', '-2+3', '@SUM(A1)', '\tTab', 'a,"b"\r\nc'];
      await record(nasty.map((entityId) => ({ entityType: type, entityId, requestId: entityId })));
      const rows = csvOf(await get(`/api/v1/audit.csv?entityType=${type}`)).slice(1);
      const cells = rows.map((r) => r[AUDIT_CSV_COLUMNS.indexOf('entity_id')]).reverse();
      expect(cells).toEqual([
        '\'=HYPERLINK("http://evil.example","x")',
        "'+1+1",
        "'-2+3",
        "'@SUM(A1)",
        "'\tTab",
        'a,"b"\r\nc',
      ]);
      for (const row of rows) expect(row).toHaveLength(AUDIT_CSV_COLUMNS.length);
    });
  });
});

describe('csvCell', () => {
  it('quotes every cell and prefixes any cell starting with = + - @ tab or CR with an apostrophe', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const cell = csvCell(text);
        expect(cell.startsWith('"') && cell.endsWith('"')).toBe(true);
        const inner = cell.slice(1, -1).replaceAll('""', '"');
        expect(/^[=+\-@\t\r]/.test(inner)).toBe(false);
        expect(inner.endsWith(text)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
