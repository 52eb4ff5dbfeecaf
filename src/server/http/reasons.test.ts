import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Lang } from '../../contract/common.js';
import { multipartBody, PNG_BYTES } from '../files/testing.js';
import { delegationApi } from '../modules/delegations/testing.js';
import { validMeeting } from '../modules/meetings/testing.js';
import { createPartner } from '../modules/partners/testing.js';
import { codeAt } from '../modules/two-factor/totp.js';
import { expectProblemDocument } from '../testing/api.js';
import { buildMeeting } from '../testing/factories.js';
import { describeEachEngine } from '../testing/harness.js';
import { callerOf } from '../testing/sessions.js';
import { issueReason } from './problems.js';

/** Why a field was refused, said in the reader's language: the catalogue, the mapping, the API. */

describe('issueReason', () => {
  const issueOf = (schema: z.ZodType, value: unknown) => {
    const [issue] = schema.safeParse(value).error?.issues ?? [];
    if (!issue) throw new Error('expected an issue');
    return issue;
  };

  it.each([
    [z.string().min(1), '', 'fr', 'ne doit pas être vide'],
    [z.string().max(3), 'abcd', 'es', 'debe tener como máximo 3 caracteres'],
    [z.number().int(), 1.5, 'pt', 'deve ser um número inteiro'],
    [z.number().positive(), 0, 'en', 'must be greater than 0'],
    [z.boolean(), 'yes', 'fr', 'doit valoir true ou false'],
    [z.enum(['a', 'b']), 'c', 'es', 'debe ser uno de estos valores: a, b'],
    [z.email(), 'x', 'pt', 'deve ser um endereço de e-mail'],
    [z.uuid(), 'x', 'en', 'must be an id (a UUID)'],
    [z.object({}).strict(), { extra: 1 }, 'fr', 'contient des champs non prévus : extra'],
    [z.array(z.string()).max(1), ['a', 'b'], 'en', 'must list at most 1 items'],
  ])('says zod’s %s issue in the reader’s language', (schema, value, lang, expected) => {
    expect(issueReason(lang as Lang, issueOf(schema, value))).toBe(expected);
  });

  it('resolves a contract reason with its values, and keeps a custom text that names no message', () => {
    const keyed = z.string().max(2, { error: 'reason.limit?max=100' });
    expect(issueReason('es', issueOf(keyed, 'abc'))).toBe('debe ser un número entero de 1 a 100');
    const custom = z.string().max(2, { error: 'must be short' });
    expect(issueReason('fr', issueOf(custom, 'abc'))).toBe('must be short');
  });
});

describeEachEngine('problem documents say why in the request’s language', (ctx) => {
  const reasonsOf = (res: Awaited<ReturnType<typeof ctx.app.inject>>) =>
    expectProblemDocument(res, 400).errors?.map((e) => ({ name: e.name, in: e.in, reason: e.reason }));

  it('GET /api/v1/meetings?limit=0: in French with lang=fr, Spanish by Accept-Language, English by default', async () => {
    const fr = await ctx.app.inject({ url: '/api/v1/meetings?limit=0&lang=fr' });
    expect(reasonsOf(fr)).toEqual([{ name: 'limit', in: 'query', reason: 'doit être un nombre entier de 1 à 100' }]);
    const es = await ctx.app.inject({ url: '/api/v1/meetings?limit=0', headers: { 'accept-language': 'es' } });
    expect(reasonsOf(es)?.[0]?.reason).toBe('debe ser un número entero de 1 a 100');
    const en = expectProblemDocument(await ctx.app.inject({ url: '/api/v1/meetings?limit=0' }), 400);
    expect(en.detail).toBe('Parameter "limit": must be a whole number from 1 to 100.');
  });

  it('POST /api/v1/meetings: the meeting’s own checks and zod’s, in Portuguese and in English', async () => {
    const admin = await callerOf(ctx, 'secretariat-admin');
    const { onlineUrl: _, ...body } = validMeeting({ format: 'hybrid', number: undefined });
    const send = (language: string, payload: object) =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/v1/meetings',
        headers: { ...admin, 'accept-language': language },
        payload,
      });
    expect(reasonsOf(await send('pt-BR,pt;q=0.9', body))).toEqual(
      expect.arrayContaining([
        { name: 'number', in: 'body', reason: 'é obrigatório para uma reunião ministerial (um número romano)' },
        { name: 'onlineUrl', in: 'body', reason: 'é obrigatório para uma reunião híbrida' },
      ]),
    );
    expect(reasonsOf(await send('en', body))).toEqual(
      expect.arrayContaining([{ name: 'onlineUrl', in: 'body', reason: 'is required for a hybrid meeting' }]),
    );
    const unknown = await send('pt', { ...validMeeting(), surprise: true });
    expect(reasonsOf(unknown)).toEqual([{ name: 'body', in: 'body', reason: 'contém campos não previstos: surprise' }]);
  });

  it('POST …/delegations: a participant’s role, in French', async () => {
    const h = delegationApi(ctx);
    const { slug } = await h.meeting();
    const focal = await h.as('focal-point', { memberState: 'ec' });
    const res = await ctx.app.inject({
      method: 'POST',
      url: `${h.base(slug)}?lang=fr`,
      headers: focal,
      payload: { category: 'delegation', memberState: 'ec', participants: [{ role: 'chief', name: 'A' }] },
    });
    expect(reasonsOf(res)).toEqual([
      {
        name: 'participants.0.role',
        in: 'body',
        reason: 'doit être l’une de ces valeurs : head, alternate, adviser, member',
      },
    ]);
  });

  it('PUT …/partners/{slug}/logo over 1 MB: a 413 naming the field and the limit, in Spanish', async () => {
    const admin = await callerOf(ctx, 'secretariat-admin');
    const partner = await createPartner(ctx, admin);
    const body = multipartBody([{ filename: 'big.png', data: Buffer.concat([PNG_BYTES, Buffer.alloc(1024 * 1024)]) }]);
    const res = await ctx.app.inject({
      method: 'PUT',
      url: `/api/v1/partners/${partner.slug}/logo?lang=es`,
      headers: { ...admin, ...body.headers },
      payload: body.payload,
    });
    expect(expectProblemDocument(res, 413).detail).toBe(
      'El archivo del campo "file" supera 1 MB, el máximo permitido aquí.',
    );
  });

  it('GET /api/v1/meetings: an unknown pillar lists the codes in French; a bad cursor, in Spanish', async () => {
    const pillars = await ctx.database.db.selectFrom('pillar').select('code').orderBy('code').execute();
    const fr = await ctx.app.inject({ url: '/api/v1/meetings?pillar=nope&lang=fr' });
    expect(reasonsOf(fr)).toEqual([
      {
        name: 'pillar',
        in: 'query',
        reason: `aucun pilier « nope » ; utilisez l’un de ceux-ci : ${pillars.map((p) => p.code).join(', ')}`,
      },
    ]);
    const es = await ctx.app.inject({ url: '/api/v1/meetings?cursor=nope', headers: { 'accept-language': 'es' } });
    expect(reasonsOf(es)).toEqual([
      { name: 'cursor', in: 'query', reason: 'no es un cursor devuelto por esta lista; vuelva a empezar sin él' },
    ]);
  });

  it('PATCH /api/v1/meetings/{slug} with a malformed If-Match: in Portuguese', async () => {
    const admin = await callerOf(ctx, 'secretariat-admin');
    const { slug } = await buildMeeting(ctx.database.db, { status: 'draft' });
    const res = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/v1/meetings/${slug}?lang=pt`,
      headers: { ...admin, 'if-match': 'latest' },
      payload: { city: 'Cusco' },
    });
    expect(reasonsOf(res)).toEqual([
      { name: 'version', in: 'body', reason: 'If-Match deve ser a versão que você leu, por exemplo "3"' },
    ]);
  });

  it('POST …/agenda/items and …/decisions: a slot, a pillar and a document that do not fit, in French and Spanish', async () => {
    const staff = await callerOf(ctx, 'secretariat-staff');
    const startsAt = '2030-05-04T14:00:00.000Z';
    const { slug } = await buildMeeting(ctx.database.db, { status: 'convened', startsAt });
    const item = (payload: object) =>
      ctx.app.inject({ method: 'POST', url: `/api/v1/meetings/${slug}/agenda/items?lang=fr`, headers: staff, payload });
    const early = { startsAt: '2030-05-04T13:00:00.000Z', endsAt: '2030-05-04T15:00:00.000Z' };
    expect(reasonsOf(await item({ titles: { en: 'x' }, ...early }))).toEqual([
      { name: 'startsAt', in: 'body', reason: `ne doit pas précéder le début de la réunion (${startsAt})` },
    ]);
    expect(reasonsOf(await item({ titles: { en: 'x' }, pillars: ['no-such-pillar'] }))).toEqual([
      { name: 'pillars', in: 'body', reason: 'aucun pilier « no-such-pillar » n’existe' },
    ]);
    const inSession = await buildMeeting(ctx.database.db, { status: 'in-session' });
    const decision = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${inSession.slug}/decisions`,
      headers: { ...staff, 'accept-language': 'es' },
      payload: { lang: 'es', text: 'x', document: 'no-such-document' },
    });
    expect(reasonsOf(decision)).toEqual([
      { name: 'document', in: 'body', reason: 'no existe ningún documento adoptado "no-such-document"' },
    ]);
  });

  it('GET /api/v1/audit with from after to: in French by Accept-Language or lang', async () => {
    const admin = await callerOf(ctx, 'secretariat-admin');
    const res = await ctx.app.inject({
      url: '/api/v1/audit?from=2025-01-02&to=2025-01-01',
      headers: { ...admin, 'accept-language': 'fr' },
    });
    expect(reasonsOf(res)).toEqual([{ name: 'from', in: 'query', reason: 'ne doit pas être postérieur à `to`' }]);
    const byParameter = await ctx.app.inject({
      url: '/api/v1/audit?from=2025-01-02&to=2025-01-01&lang=fr',
      headers: admin,
    });
    expect(reasonsOf(byParameter)).toEqual(reasonsOf(res));
  });

  it('POST /api/v1/me/two-factor/enrolment/confirm with a wrong code: in Portuguese', async () => {
    const headers = await callerOf(ctx, 'delegate', 'co');
    const started = await ctx.app.inject({ method: 'POST', url: '/api/v1/me/two-factor/enrolment', headers });
    expect(started.statusCode, started.body).toBe(200);
    const secret = (started.json().manualKey as string).replaceAll(' ', '');
    // A code no step near now gives, so the app's window (one step either side) cannot accept it.
    const near = [-2, -1, 0, 1, 2].map((step) => codeAt(secret, new Date(Date.now() + step * 30_000)));
    const wrong = ['000000', '111111', '222222', '333333', '444444', '555555'].find((code) => !near.includes(code));
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/me/two-factor/enrolment/confirm',
      headers: { ...headers, 'accept-language': 'pt-BR' },
      payload: { code: wrong },
    });
    expect(reasonsOf(res)).toEqual([
      { name: 'code', in: 'body', reason: 'não é o código que o aplicativo autenticador mostra agora' },
    ]);
  });
});
