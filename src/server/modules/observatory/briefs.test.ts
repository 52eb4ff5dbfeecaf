import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { Role } from '../../../contract/accounts.js';
import type { RegionalBrief, RegionalBriefList } from '../../../contract/indicators.js';
import type { MeetingDocument } from '../../../contract/meeting-documents.js';
import { worsened } from '../../../domain/briefs.js';
import { trend } from '../../../domain/trends.js';
import { expectProblem, expectProblemDocument } from '../../testing/api.js';
import { describeEachEngine, referenceDir } from '../../testing/harness.js';
import { textOfPdf } from '../../testing/pdf.js';
import { callerOf } from '../../testing/sessions.js';
import { revisionSymbol } from '../meeting-documents/index.js';
import { documentHelpers, filesOptions } from '../meeting-documents/testing.js';

const files = filesOptions();
afterAll(() => fs.rmSync(files.dir, { recursive: true, force: true }));

/** The shipped series and subregions, read straight from the files, to check what the brief finds. */
const states = JSON.parse(fs.readFileSync(path.join(referenceDir, 'member-states.json'), 'utf8')) as Array<{
  iso3: string;
  subregion: string;
  name: Record<string, { text: string }>;
}>;
const shipped = fs
  .readFileSync(path.join(referenceDir, 'homicide_rates.csv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [iso3, , year, value] = line.split(',');
    return { iso3: iso3 as string, year: Number(year), value: Number(value) };
  });
/** The states whose homicide rate rose significantly over 2014–2023 (higher is worse). */
const risen = states
  .filter((state) => {
    const result = trend(shipped.filter((row) => row.iso3 === state.iso3 && row.year >= 2014 && row.year <= 2023));
    return worsened(result.flag, true);
  })
  .map((state) => state.iso3)
  .sort();

const BRIEFS = '/api/v1/observatory/briefs';

describeEachEngine(
  'observatory: the regional-concerns brief',
  (ctx) => {
    const h = documentHelpers(ctx);
    const generate = async (headers: Record<string, string>, meeting: string) =>
      ctx.app.inject({ method: 'POST', url: BRIEFS, headers, payload: { meeting } });

    it('generates a draft in the four languages from the trends: the states where homicide rose significantly, per subregion, with the method', async () => {
      expect(risen.length).toBeGreaterThan(0);
      const secretariat = await h.as('secretariat-staff');
      const { slug } = await h.meeting();
      const res = await generate(secretariat, slug);
      expect(res.statusCode, res.body).toBe(201);
      const brief = res.json() as RegionalBrief;
      expect(brief).toMatchObject({ meeting: slug, years: 10, version: 1, document: null });
      const homicide = brief.findings.indicators.find((i) => i.code === 'homicide-rate');
      expect(homicide).toMatchObject({ from: 2014, to: 2023, higherIsWorse: true });
      expect(homicide?.worsened.map((w) => w.state.iso3).sort()).toEqual(risen);
      for (const w of homicide?.worsened ?? []) {
        expect(w.subregion).toBe(states.find((s) => s.iso3 === w.state.iso3)?.subregion);
        expect(w.p).toBeLessThan(0.05);
        expect(w.slope).toBeGreaterThan(0);
      }
      expect(Object.keys(brief.texts).sort()).toEqual(['en', 'es', 'fr', 'pt']);
      const first = states.find((s) => s.iso3 === risen[0]);
      expect(brief.texts.es.body).toContain(first?.name.es?.text);
      expect(brief.texts.fr.body).toContain(first?.name.fr?.text);
      expect(brief.texts.es.body).toContain('# Caribe');
      expect(brief.texts.pt.body).toContain('Mann–Kendall');
      expect(brief.texts.en.title).toMatch(/^Regional concerns/);
      const actions = await h.auditActions(brief.id);
      expect(actions).toEqual(['observatory.brief-generate']);
      const list = (await (
        await ctx.app.inject({ url: `${BRIEFS}?meeting=${slug}`, headers: secretariat })
      ).json()) as RegionalBriefList;
      expect(list.items.map((b) => b.id)).toEqual([brief.id]);
    });

    it('edits the draft at the version read, refusing a stale version with 409 and the current brief, changing nothing', async () => {
      const secretariat = await h.as('secretariat-admin');
      const { slug } = await h.meeting();
      const brief = (await generate(secretariat, slug)).json() as RegionalBrief;
      const texts = { es: { title: 'Preocupaciones regionales, edición', body: 'Párrafo editado por la secretaría.' } };
      const edit = await ctx.app.inject({
        method: 'PATCH',
        url: `${BRIEFS}/${brief.id}`,
        headers: secretariat,
        payload: { version: 1, texts },
      });
      expect(edit.statusCode, edit.body).toBe(200);
      const edited = edit.json() as RegionalBrief;
      expect(edited.version).toBe(2);
      expect(edited.texts.es).toEqual(texts.es);
      expect(edited.texts.en).toEqual(brief.texts.en);
      const stale = await ctx.app.inject({
        method: 'PATCH',
        url: `${BRIEFS}/${brief.id}`,
        headers: secretariat,
        payload: { version: 1, texts: { en: { title: 'Lost', body: 'Lost' } } },
      });
      expect(expectProblemDocument(stale, 409)).toMatchObject({ current: { version: 2 } });
      const now = (await (
        await ctx.app.inject({ url: `${BRIEFS}/${brief.id}`, headers: secretariat })
      ).json()) as RegionalBrief;
      expect(now).toEqual(edited);
      expect(await h.auditActions(brief.id)).toEqual(['observatory.brief-generate', 'observatory.brief-edit']);
    });

    it('exports the edited brief as a PDF per language attached to the meeting as a working document with a symbol; again as its next revision', async () => {
      const secretariat = await h.as('secretariat-staff');
      const { slug } = await h.meeting();
      const brief = (await generate(secretariat, slug)).json() as RegionalBrief;
      const body = `${brief.texts.es.body}\n\nNota añadida por la secretaría: revisar con los puntos focales.`;
      const edited = (
        await ctx.app.inject({
          method: 'PATCH',
          url: `${BRIEFS}/${brief.id}`,
          headers: secretariat,
          payload: { version: 1, texts: { es: { title: 'Preocupaciones regionales', body } } },
        })
      ).json() as RegionalBrief;
      const before = await h.rows();
      const staleExport = await ctx.app.inject({
        method: 'POST',
        url: `${BRIEFS}/${brief.id}/export`,
        headers: secretariat,
        payload: { version: 1 },
      });
      expect(expectProblemDocument(staleExport, 409)).toMatchObject({ current: { version: edited.version } });
      expect(await h.rows()).toEqual(before);

      const res = await ctx.app.inject({
        method: 'POST',
        url: `${BRIEFS}/${brief.id}/export`,
        headers: secretariat,
        payload: { version: edited.version },
      });
      expect(res.statusCode, res.body).toBe(200);
      const exported = res.json() as RegionalBrief;
      expect(exported.version).toBe(edited.version + 1);
      expect(exported.document?.symbol).toMatch(/doc\.\d+/);
      const document = (await (
        await ctx.app.inject({
          url: `/api/v1/meetings/${slug}/documents/${exported.document?.id}`,
          headers: secretariat,
        })
      ).json()) as MeetingDocument;
      expect(document).toMatchObject({ category: 'working', symbol: exported.document?.symbol });
      expect(document.titles.es).toBe('Preocupaciones regionales');
      expect(document.revisions[0]?.files.map((f) => f.lang).sort()).toEqual(['en', 'es', 'fr', 'pt']);

      // Read back as a reader would: the edited text, the states, the chart's table and the method.
      const es = await ctx.app.inject({
        url: `/api/v1/meetings/${slug}/documents/${document.id}/revisions/0/files/es`,
      });
      expect(es.statusCode).toBe(200);
      const text = textOfPdf(es.rawPayload);
      expect(text).toContain('Preocupaciones regionales');
      expect(text).toContain('Nota añadida por la secretaría');
      expect(text).toContain(states.find((s) => s.iso3 === risen[0])?.name.es?.text);
      expect(text).toContain('Cambio por año');
      expect(text).toContain('Theil–Sen');
      const fr = textOfPdf(
        (await ctx.app.inject({ url: `/api/v1/meetings/${slug}/documents/${document.id}/revisions/0/files/fr` }))
          .rawPayload,
      );
      expect(fr).toContain('Préoccupations régionales');
      expect(fr).toContain('Variation par an');

      const again = (
        await ctx.app.inject({
          method: 'POST',
          url: `${BRIEFS}/${brief.id}/export`,
          headers: secretariat,
          payload: { version: exported.version },
        })
      ).json() as RegionalBrief;
      expect(again.document).toEqual({
        id: exported.document?.id,
        symbol: revisionSymbol(exported.document?.symbol ?? '', 1),
      });
      expect(await h.auditActions(brief.id)).toEqual([
        'observatory.brief-generate',
        'observatory.brief-edit',
        'observatory.brief-export',
        'observatory.brief-export',
      ]);
    });

    it('exports a version once: of two exports at once one is attached, the other is a 409 that leaves no document, revision or file behind', async () => {
      const secretariat = await h.as('secretariat-staff');
      const { slug } = await h.meeting();
      const brief = (await generate(secretariat, slug)).json() as RegionalBrief;
      const count = async (table: 'meeting_document' | 'meeting_document_revision' | 'stored_file') =>
        Number(
          (
            await ctx.database.db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll<number | string>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const before = await Promise.all([
        count('meeting_document'),
        count('meeting_document_revision'),
        count('stored_file'),
      ]);
      const exportOnce = () =>
        ctx.app.inject({
          method: 'POST',
          url: `${BRIEFS}/${brief.id}/export`,
          headers: secretariat,
          payload: { version: brief.version },
        });
      const replies = await Promise.all([exportOnce(), exportOnce()]);
      expect(replies.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      const after = await Promise.all([
        count('meeting_document'),
        count('meeting_document_revision'),
        count('stored_file'),
      ]);
      expect(after).toEqual([before[0] + 1, before[1] + 1, before[2] + 4]);
      expect(await h.auditActions(brief.id)).toEqual(['observatory.brief-generate', 'observatory.brief-export']);
    });

    it('lets only the secretariat read, generate, edit, export or print a brief', async () => {
      const secretariat = await h.as('secretariat-staff');
      const { slug } = await h.meeting();
      const brief = (await generate(secretariat, slug)).json() as RegionalBrief;
      const before = await h.rows();
      const callers: Array<[string, Record<string, string>, number]> = [
        ['anonymous', {}, 401],
        ...(await Promise.all(
          (['focal-point', 'delegate', 'group-member', 'partner'] as Role[]).map(
            async (role) =>
              [role, await callerOf(ctx, role, role === 'focal-point' || role === 'delegate' ? 'ec' : {}), 403] as [
                string,
                Record<string, string>,
                number,
              ],
          ),
        )),
      ];
      for (const [who, headers, status] of callers) {
        const requests = [
          { method: 'GET' as const, url: BRIEFS },
          { method: 'GET' as const, url: `${BRIEFS}/${brief.id}` },
          { method: 'GET' as const, url: `${BRIEFS}/${brief.id}/pdf?lang=en` },
          { method: 'POST' as const, url: BRIEFS, payload: { meeting: slug } },
          {
            method: 'PATCH' as const,
            url: `${BRIEFS}/${brief.id}`,
            payload: { version: 1, texts: { en: { title: 'X', body: 'Y' } } },
          },
          { method: 'POST' as const, url: `${BRIEFS}/${brief.id}/export`, payload: { version: 1 } },
        ];
        for (const request of requests) {
          const res = await ctx.app.inject({ ...request, headers });
          expect(res.statusCode, `${who} ${request.method} ${request.url}`).toBe(status);
        }
      }
      expect(await h.rows()).toEqual(before);
      const pdf = await ctx.app.inject({ url: `${BRIEFS}/${brief.id}/pdf?lang=pt`, headers: secretariat });
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(textOfPdf(pdf.rawPayload)).toContain('Preocupações regionais');
    });

    it('refuses an unknown meeting, brief or language, naming what is wrong', async () => {
      const secretariat = await h.as('secretariat-staff');
      expectProblemDocument(await generate(secretariat, 'no-such-meeting'), 404);
      expectProblem(await generate(secretariat, 'Not A Slug'), 400, 'meeting');
      const missing = '01900000-0000-7000-8000-00000000dead';
      expectProblemDocument(await ctx.app.inject({ url: `${BRIEFS}/${missing}`, headers: secretariat }), 404);
      expectProblem(await ctx.app.inject({ url: `${BRIEFS}/not-a-uuid`, headers: secretariat }), 400, 'id');
      const { slug } = await h.meeting();
      const brief = (await generate(secretariat, slug)).json() as RegionalBrief;
      expectProblem(
        await ctx.app.inject({ url: `${BRIEFS}/${brief.id}/pdf?lang=de`, headers: secretariat }),
        400,
        'lang',
      );
      expectProblem(
        await ctx.app.inject({
          method: 'POST',
          url: BRIEFS,
          headers: secretariat,
          payload: { meeting: slug, years: 3 },
        }),
        400,
        'years',
      );
    });
  },
  files.options,
);
