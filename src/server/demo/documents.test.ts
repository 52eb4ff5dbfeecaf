import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import type { Amendment } from '../../contract/negotiation.js';
import type { OutcomeDocument } from '../../contract/outcome-documents.js';
import type { Database } from '../db/schema.js';
import { callerWith } from '../modules/meetings/testing.js';
import { describeEachEngine, repoRoot } from '../testing/harness.js';
import { schemaCheckRuns, schemaCheckTitle, validateXml } from '../testing/xmllint.js';
import { DRAFT_TITLES, loadDemoDocuments, SAMPLE_MEETING_SLUG, SAMPLE_TITLES } from './documents.js';
import { loadDemoFollowUp } from './follow-up.js';
import { DEMO_MEETING_SLUG, loadDemoMeetings } from './meeting.js';
import { loadDemoUsers } from './users.js';

const clock = () => new Date();
const AKOMA_NTOSO_SCHEMA = path.join(repoRoot, 'test/schemas/akoma-ntoso/akomantoso30.xsd');
/** Where MISPA IX's working document PDFs go while the suite runs. */
const files = { dir: fs.mkdtempSync(path.join(os.tmpdir(), 'mispa-demo-documents-')), maxBytes: 5 * 1024 * 1024 };
afterAll(() => fs.rmSync(files.dir, { recursive: true, force: true }));

/** Everything the demo documents and follow-up write, and the audit chain. */
async function snapshot(db: Kysely<Database>) {
  const tables = [
    'meeting',
    'delegation',
    'document',
    'document_node',
    'document_node_text',
    'document_amendment',
    'document_amendment_position',
    'document_footnote',
    'follow_up_cycle',
    'follow_up_item',
    'follow_up_report',
  ] as const;
  const rows = await Promise.all(tables.map((t) => db.selectFrom(t).selectAll().execute()));
  const audit = await db.selectFrom('audit_entry').select(['seq', 'hash']).orderBy('seq').execute();
  return { rows: rows.map((all) => all.map((row) => JSON.stringify(row)).sort()), audit };
}

describeEachEngine('demo mode adds outcome documents and their follow-up', (ctx) => {
  const db = () => ctx.database.db;
  const get = (url: string, headers: Record<string, string> = {}) => ctx.app.inject({ url: `/api/v1${url}`, headers });
  let sample: OutcomeDocument;

  it('adopts a sample declaration at a concluded meeting and opens a MISPA IX draft with amendments, as the demo users', async () => {
    await loadDemoUsers(db(), 'demo passphrase for the documents tests', clock);
    await loadDemoMeetings({ db: db(), clock, files });
    const loaded = await loadDemoDocuments({ db: db(), clock });
    expect(loaded.done).toEqual([
      'sample meeting: meeting created',
      'sample meeting: convene',
      'sample meeting: open-registration',
      'delegation of ec registered',
      'delegation of ec accredited',
      'delegation of mx registered',
      'delegation of mx accredited',
      'sample meeting: close-registration',
      'sample meeting: start',
      'sample meeting: conclude',
      `document created: ${SAMPLE_TITLES.en}`,
      '11 paragraphs in es and en',
      'negotiation opened',
      'footnote of ec',
      'sample declaration agreed-ad-referendum',
      'sample declaration adopted',
      `document created: ${DRAFT_TITLES.en}`,
      '3 paragraphs in es and en',
      'negotiation opened',
      'amendment of ec',
      'amendment of mx',
      'mx supports the amendment of ec',
    ]);
    sample = loaded.sample as OutcomeDocument;
    const meeting = (await get(`/meetings/${SAMPLE_MEETING_SLUG}`)).json();
    expect(meeting).toMatchObject({ status: 'concluded', kind: 'preparatory' });
    // Who did what: the secretariat, and Ecuador's focal point for its reservation.
    const footnote = await db()
      .selectFrom('audit_entry')
      .innerJoin('app_user', 'app_user.id', 'audit_entry.actor_user_id')
      .select(['app_user.email', 'audit_entry.actor_role'])
      .where('audit_entry.action', '=', 'outcome-documents.footnote')
      .execute();
    expect(footnote).toEqual([{ email: 'focal.ec@demo.invalid', actor_role: 'focal-point' }]);
  });

  it('shows the public the adopted sample, in four languages, with its recommendations and footnote, and no draft', async () => {
    const list = (await get('/documents?limit=100')).json();
    const titles = list.items.map((d: { title: { text: string } | null }) => d.title?.text);
    expect(titles).toContain(SAMPLE_TITLES.en);
    expect(titles).not.toContain(DRAFT_TITLES.en);
    for (const lang of ['en', 'es', 'fr', 'pt'] as const) {
      const doc = (await get(`/documents/${sample.slug}?lang=${lang}`)).json();
      expect(doc.title.text).toBe(SAMPLE_TITLES[lang]);
    }
    const doc = (await get(`/documents/${sample.slug}`)).json() as OutcomeDocument;
    expect(doc).toMatchObject({ status: 'adopted', contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const paragraphs = doc.body.filter((n) => n.kind !== 'section');
    expect(paragraphs.length).toBeGreaterThanOrEqual(10);
    expect(new Set(paragraphs.map((n) => n.kind))).toEqual(new Set(['preambular', 'operative']));
    expect(paragraphs.every((n) => n.texts.es?.text && n.texts.en?.state === 'done')).toBe(true);
    const recommendations = paragraphs.filter((n) => n.mark === 'recommendation');
    expect(recommendations.length).toBeGreaterThanOrEqual(3);
    expect(recommendations.every((n) => n.pillars.length > 0)).toBe(true);
    expect(doc.footnotes).toMatchObject([{ state: { slug: 'ec' }, kind: 'reservation' }]);
    expect((await get(`/documents?meeting=${DEMO_MEETING_SLUG}`)).json().items).toEqual([]);
  });

  it(
    schemaCheckTitle(
      'Akoma Ntoso',
      'exports the sample and the draft as Akoma Ntoso the OASIS schema validates, and as PDF',
    ),
    async (test) => {
      if (!schemaCheckRuns) return test.skip();
      const staff = await callerWith(ctx, 'secretariat-staff');
      const drafts = (await get(`/documents?meeting=${DEMO_MEETING_SLUG}`, staff)).json().items as OutcomeDocument[];
      expect(drafts.length).toBeGreaterThan(0);
      for (const slug of [sample.slug, ...drafts.map((d) => d.slug)])
        for (const lang of ['es', 'en']) {
          const xml = await get(`/documents/${slug}/akoma-ntoso?lang=${lang}`, staff);
          expect(xml.statusCode, xml.body).toBe(200);
          const verdict = validateXml(xml.body, AKOMA_NTOSO_SCHEMA);
          expect(verdict.status, `${slug} ${lang}: ${verdict.output}`).toBe(0);
          const pdf = await get(`/documents/${slug}/pdf?lang=${lang}`, staff);
          expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
        }
    },
  );

  it('shows a focal point of Ecuador the MISPA IX draft with the pending amendments, one supported by Mexico', async () => {
    const focal = await callerWith(ctx, 'focal-point', 'ec');
    const list = (await get(`/documents?meeting=${DEMO_MEETING_SLUG}`, focal)).json();
    expect(list.items.map((d: { title: { text: string } }) => d.title.text)).toEqual([DRAFT_TITLES.en]);
    const id = list.items[0].id;
    expect((await get(`/documents/${id}`, focal)).json().status).toBe('under-negotiation');
    const amendments = (await get(`/documents/${id}/amendments`, focal)).json().items as Amendment[];
    expect(amendments.map((a) => [a.state?.slug, a.kind, a.status, a.supporters.map((s) => s.state.slug)])).toEqual([
      ['ec', 'replace', 'pending', ['mx']],
      ['mx', 'insert', 'pending', []],
    ]);
  });

  it('runs a closed cycle with reports at every stage and an open one, on the sample declaration and demo items of a historic document; the public sees the published reports only', async () => {
    const loaded = await loadDemoFollowUp({ db: db(), clock, sample });
    expect(loaded.done).toEqual([
      'historic item: recommendations-lima demo-1',
      'historic item: recommendations-lima demo-2',
      'cycle opened: Demo follow-up cycle 2026 (closed, demo data)',
      'cycle opened: Current demo follow-up cycle (open, demo data)',
      'report of ec on item 1: draft',
      'report of ec on item 1: submitted',
      'report of ec on item 1: accepted',
      'report of ec on item 1: published',
      'report of ec on item 2: draft',
      'report of ec on item 2: submitted',
      'report of ec on item 2: accepted',
      'report of mx on item 1: draft',
      'report of mx on item 1: submitted',
      'report of mx on item 1: accepted',
      'report of mx on item 1: published',
      'report of mx on item 3: draft',
      'report of mx on item 3: submitted',
      'report of ec on item 4: draft',
      'report of ec on historic item 1: draft',
      'report of ec on historic item 1: submitted',
      'report of ec on historic item 1: accepted',
      'report of ec on historic item 1: published',
      'report of mx on historic item 1: draft',
      'report of mx on historic item 1: submitted',
      'report of mx on historic item 1: accepted',
      'report of mx on historic item 1: published',
      'report of mx on historic item 2: draft',
      'report of mx on historic item 2: submitted',
    ]);
    const cycles = (await get('/follow-up/cycles?lang=es')).json().items;
    expect(cycles.map((c: { name: { text: string } }) => c.name.text)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/cerrado, datos de demostración/),
        expect.stringMatching(/abierto/),
      ]),
    );
    const closed = cycles.find((c: { deadline: string }) => c.deadline === '2026-09-30');
    const reports = (await get(`/follow-up/cycles/${closed.id}/reports`)).json().items;
    expect(reports.map((r: { state: { slug: string }; published: boolean }) => [r.state.slug, r.published])).toEqual(
      expect.arrayContaining([
        ['ec', true],
        ['mx', true],
      ]),
    );
    expect(reports).toHaveLength(4);
    const items = (await get('/follow-up/items?document=recommendations-lima&lang=fr')).json().items;
    expect(items.map((i: { number: string; text: { text: string } }) => [i.number, i.text.text])).toEqual([
      ['demo-1', expect.stringContaining('données de démonstration')],
      ['demo-2', expect.stringContaining('données de démonstration')],
    ]);
    const secretariat = await callerWith(ctx, 'secretariat-admin');
    const all = (await get(`/follow-up/cycles/${closed.id}/reports`, secretariat)).json().items;
    expect(all.map((r: { reportState: string }) => r.reportState).sort()).toEqual([
      'accepted',
      'accepted',
      'accepted',
      'accepted',
      'accepted',
      'draft',
      'submitted',
      'submitted',
    ]);
  });

  it('changes nothing when loaded again', async () => {
    const before = await snapshot(db());
    const documents = await loadDemoDocuments({ db: db(), clock });
    const followUp = await loadDemoFollowUp({ db: db(), clock, sample: documents.sample });
    expect([...documents.done, ...followUp.done]).toEqual([]);
    expect(await snapshot(db())).toEqual(before);
  });
});
