import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Lang } from '../../contract/common.js';
import { multipartBody, PNG_BYTES } from '../files/testing.js';
import { delegationApi } from '../modules/delegations/testing.js';
import { validMeeting } from '../modules/meetings/testing.js';
import { createPartner } from '../modules/partners/testing.js';
import { callerOf } from '../modules/sessions/testing.js';
import { expectProblemDocument } from '../testing/api.js';
import { describeEachEngine } from '../testing/harness.js';
import { isMessageKey } from './messages.js';
import { issueReason } from './problems.js';
import { en, es, fr, pt, type ReasonKey } from './reasons.js';

/** Why a field was refused, said in the reader's language: the catalogue, the mapping, the API. */

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the reasons catalogue', () => {
  it('gives every reason the same placeholders in every language, and no English in the others', () => {
    for (const [key, english] of Object.entries(en)) {
      for (const [lang, catalogue] of Object.entries({ es, fr, pt })) {
        const text = catalogue[key as ReasonKey];
        expect(placeholders(text), `${lang} ${key}`).toEqual(placeholders(english));
        if (/[a-z]{4}/.test(english.replace(/\{\w+\}|[A-Z]\S*|\S*[0-9]\S*/g, ''))) {
          expect(text, `${lang} ${key}`).not.toBe(english);
        }
      }
    }
  });

  it('has every key the contract names', () => {
    const contract = path.join(import.meta.dirname, '../../contract');
    const named = fs
      .readdirSync(contract)
      .flatMap((file) => [...fs.readFileSync(path.join(contract, file), 'utf8').matchAll(/reason\(['`]([\w.-]+)/g)])
      .map((m) => m[1] as string);
    expect(named.length).toBeGreaterThan(50);
    // A key built from a value (`reason.meeting.required.${format}`) must be the start of some keys.
    for (const key of named) {
      expect(isMessageKey(key) || Object.keys(en).some((k) => k.startsWith(key)), key).toBe(true);
    }
  });
});

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
});
