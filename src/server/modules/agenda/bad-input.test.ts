import { expect, it } from 'vitest';
import {
  AgendaDocumentLinkSchema,
  AgendaItemCreateSchema,
  AgendaItemUpdateSchema,
  AgendaItemVersionSchema,
  AgendaOrderSchema,
} from '../../../contract/agenda.js';
import { nastyValues } from '../../testing/api.js';
import { expectMalformedBodiesRefused } from '../../testing/bad-input.js';
import { buildMeeting } from '../../testing/factories.js';
import { describeEachEngine } from '../../testing/harness.js';
import { callerOf } from '../../testing/sessions.js';
import { agendaSnapshot, buildMeetingDocument } from './testing.js';

const RUNS = 1000;
const FUZZ_TIMEOUT = 120_000;

const VALUES = [
  '',
  '   ',
  'x'.repeat(301),
  'line\nbreak',
  { en: 'Opening' },
  { en: '' },
  { de: 'Eröffnung' },
  ['prevention'],
  ['no-such-pillar'],
  [''],
  '2026-01-01T00:00:00Z',
  '2026-01-01',
  'not a date',
  0,
  1,
  -1,
  1.5,
  '1',
  true,
  null,
  '00000000-0000-7000-8000-000000000000',
  ...nastyValues('agenda_item'),
];

describeEachEngine('agenda endpoints: malformed requests', (ctx) => {
  /** A meeting whose agenda has one item linked to one document, and the secretariat's headers. */
  const world = async () => {
    const headers = await callerOf(ctx, 'secretariat-admin');
    const meeting = await buildMeeting(ctx.database.db, { status: 'convened' });
    const document = await buildMeetingDocument(ctx.database.db, meeting.id, 'MISPA/T/doc.1');
    const base = `/api/v1/meetings/${meeting.slug}/agenda`;
    const created = await ctx.app.inject({
      method: 'POST',
      url: `${base}/items`,
      headers,
      payload: { titles: { en: 'Kept' } },
    });
    const item = created.json().id as string;
    const linked = await ctx.app.inject({
      method: 'POST',
      url: `${base}/items/${item}/documents`,
      headers,
      payload: { meetingDocumentId: document, version: 1 },
    });
    expect(linked.statusCode, linked.body).toBe(200);
    return { headers, base, item, document };
  };

  const cases = [
    [
      'POST',
      '/items',
      AgendaItemCreateSchema,
      ['titles', 'descriptions', 'startsAt', 'endsAt', 'pillars', 'presenters', 'override'],
    ],
    [
      'PUT',
      '/items/:item',
      AgendaItemUpdateSchema,
      ['titles', 'descriptions', 'startsAt', 'endsAt', 'pillars', 'presenters', 'version'],
    ],
    ['DELETE', '/items/:item', AgendaItemVersionSchema, ['version', 'override']],
    ['PUT', '/order', AgendaOrderSchema, ['items', 'override']],
    ['POST', '/items/:item/documents', AgendaDocumentLinkSchema, ['meetingDocumentId', 'version', 'override']],
    ['DELETE', '/items/:item/documents/:document', AgendaItemVersionSchema, ['version', 'override']],
  ] as const;

  it.each(cases)(
    `refuses ${RUNS} malformed bodies to %s …/agenda%s with 4xx problems, writing nothing`,
    async (method, path, schema, fields) => {
      const w = await world();
      const sent = await expectMalformedBodiesRefused(ctx, {
        method,
        url: `${w.base}${path.replace(':item', w.item).replace(':document', w.document)}`,
        headers: w.headers,
        schema,
        fields: [...fields],
        values: VALUES,
        numRuns: RUNS,
        snapshot: agendaSnapshot,
      });
      expect(sent).toBe(RUNS);
    },
    FUZZ_TIMEOUT,
  );
});
