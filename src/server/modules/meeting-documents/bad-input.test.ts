import fs from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import {
  MeetingDocumentCreateSchema,
  MeetingDocumentRevisionCreateSchema,
  MeetingDocumentUpdateSchema,
} from '../../../contract/meeting-documents.js';
import { nastyValues } from '../../testing/api.js';
import { expectMalformedBodiesRefused } from '../../testing/bad-input.js';
import { describeEachEngine } from '../../testing/harness.js';
import { documentHelpers, filesOptions } from './testing.js';

const RUNS = 1000;
// A few seconds a test on an idle machine; the margin is for a machine busy with other test files.
const FUZZ_TIMEOUT = 120_000;

const files = filesOptions();
afterAll(() => fs.rmSync(files.dir, { recursive: true, force: true }));

/** Values close to valid ones, and the usual suspects. */
const VALUES = [
  'working',
  'information',
  'presentation',
  'report',
  'Working',
  'public',
  'delegations',
  'private',
  'en',
  'es',
  'de',
  'EN',
  { en: 'Title' },
  { en: '' },
  { en: '   ' },
  { de: 'Titel' },
  { en: 'a'.repeat(501) },
  { en: 'line\nbreak' },
  {},
  [],
  '01900000-0000-7000-8000-000000000000',
  'not-a-uuid',
  0,
  1,
  -1,
  1.5,
  2_000_000_001,
  '1',
  true,
  false,
  null,
  ...nastyValues('meeting_document'),
];

describeEachEngine(
  'meeting documents: malformed requests',
  (ctx) => {
    const h = documentHelpers(ctx);

    const fuzz = async (
      method: 'POST' | 'PATCH',
      url: (slug: string, id: string) => string,
      schema:
        | typeof MeetingDocumentCreateSchema
        | typeof MeetingDocumentUpdateSchema
        | typeof MeetingDocumentRevisionCreateSchema,
    ) => {
      const secretariat = await h.as('secretariat-staff');
      const { slug } = await h.meeting();
      const doc = await h.created(secretariat, slug);
      const before = await h.rows();
      const sent = await expectMalformedBodiesRefused(ctx, {
        method,
        url: url(slug, doc.id),
        headers: secretariat,
        schema,
        fields: Object.keys(schema.shape),
        values: VALUES,
        numRuns: RUNS,
      });
      expect(sent).toBe(RUNS);
      expect(await h.rows()).toEqual(before);
    };

    it(
      `refuses ${RUNS} malformed bodies to POST /meetings/{slug}/documents, adding nothing`,
      () => fuzz('POST', (slug) => h.base(slug), MeetingDocumentCreateSchema),
      FUZZ_TIMEOUT,
    );

    it(
      `refuses ${RUNS} malformed bodies to PATCH /meetings/{slug}/documents/{id}, changing nothing`,
      () => fuzz('PATCH', (slug, id) => `${h.base(slug)}/${id}`, MeetingDocumentUpdateSchema),
      FUZZ_TIMEOUT,
    );

    it(
      `refuses ${RUNS} malformed bodies to POST /meetings/{slug}/documents/{id}/revisions, revising nothing`,
      () => fuzz('POST', (slug, id) => `${h.base(slug)}/${id}/revisions`, MeetingDocumentRevisionCreateSchema),
      FUZZ_TIMEOUT,
    );
  },
  files.options,
);
