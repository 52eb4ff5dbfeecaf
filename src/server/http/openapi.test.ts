import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { expect, it } from 'vitest';
import { expectRevalidation } from '../testing/api.js';
import { type AppContext, describeEachEngine } from '../testing/harness.js';

// ajv and ajv-formats are Fastify's own validators (already in node_modules); both are CommonJS
// modules whose `default` export is the class or plugin.
const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;

type Schema = Record<string, unknown>;
type Operation = {
  summary?: string;
  tags?: string[];
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: Schema }>;
  responses: Record<string, { description: string; content?: Record<string, { schema: Schema }> }>;
};
type OpenApiDocument = {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};

/** The endpoints the read API promises; each list and detail route must be documented. */
const LISTS = [
  'member-states',
  'pillars',
  'meetings',
  'documents',
  'technical-groups',
  'networks',
  'objectives',
  'team',
  'partners',
  'sources',
];
const DETAILS = {
  'member-states': 'ec',
  pillars: 'prevention',
  meetings: 'mispa-v',
  documents: 'recommendations-lima',
  'technical-groups': 'prevention',
  networks: 'riap',
};
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

async function openApi(ctx: AppContext): Promise<OpenApiDocument> {
  const res = await ctx.app.inject({ url: '/api/openapi.json' });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  return res.json();
}

/** Full paths of the GET routes the app really has, read from Fastify's route tree. */
function registeredGetRoutes(ctx: AppContext): string[] {
  const stack: string[] = [];
  const routes: string[] = [];
  for (const line of ctx.app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│ ]*)(?:[├└]── )?(\S.*?) \(([A-Z, ]+)\)$/.exec(line);
    if (!match) continue;
    const depth = Math.floor((match[1] ?? '').length / 4) + (line.includes('── ') ? 1 : 0);
    stack.length = depth;
    const full = `${stack[depth - 1] ?? ''}${match[2]}`.replace(/^\/\//, '/');
    stack[depth] = full;
    if (match[3]?.includes('GET')) routes.push(full.startsWith('/') ? full : `/${full}`);
  }
  return routes;
}

/** An Ajv validator that knows the whole document, so `#/components/...` references resolve. */
function validatorFor(doc: OpenApiDocument) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ ...doc, $id: 'https://mispa.test/openapi.json' });
  return (pointer: string) => {
    const validate = ajv.compile({ $ref: `https://mispa.test/openapi.json#${pointer}` });
    return (value: unknown) => {
      const valid = validate(value);
      return valid ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
    };
  };
}
const pointerTo = (...parts: string[]) =>
  `/${parts.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`;

describeEachEngine('GET /api/openapi.json', (ctx) => {
  it('is an OpenAPI 3.1 document titled for the MISPA Platform, with the app version', async () => {
    const doc = await openApi(ctx);
    expect(doc.openapi.startsWith('3.1')).toBe(true);
    expect(doc.info).toMatchObject({ title: expect.stringContaining('MISPA'), version: 'test' });
  });

  it('documents every list and detail endpoint of the read API and the health check', async () => {
    const paths = Object.keys((await openApi(ctx)).paths);
    for (const list of LISTS) expect(paths).toContain(`/api/v1/${list}`);
    for (const detail of Object.keys(DETAILS)) expect(paths).toContain(`/api/v1/${detail}/{idOrSlug}`);
    expect(paths).toContain('/api/health');
  });

  it('has in paths every GET route the app serves under /api/v1, and no operation it does not serve', async () => {
    const paths = Object.keys((await openApi(ctx)).paths);
    const served = registeredGetRoutes(ctx).filter((r) => r.startsWith('/api/v1/'));
    expect(served.length).toBeGreaterThanOrEqual(LISTS.length + Object.keys(DETAILS).length);
    for (const route of served) expect(paths).toContain(route.replace(/:(\w+)/g, '{$1}'));
    const doc = await openApi(ctx);
    for (const [documented, item] of Object.entries(doc.paths)) {
      for (const method of Object.keys(item).filter((m) => HTTP_METHODS.includes(m))) {
        const url = documented.replace(/\{(\w+)\}/g, ':$1');
        expect(ctx.app.hasRoute({ method: method.toUpperCase() as 'GET', url }), `${method} ${documented}`).toBe(true);
      }
    }
  });

  it('gives every path operations with a summary and responses, and every path parameter a definition', async () => {
    const doc = await openApi(ctx);
    for (const [path, item] of Object.entries(doc.paths)) {
      const operations = Object.entries(item).filter(([method]) => HTTP_METHODS.includes(method));
      expect(operations.length, path).toBeGreaterThan(0);
      for (const [method, operation] of operations) {
        const where = `${method.toUpperCase()} ${path}`;
        expect(operation.summary, where).toEqual(expect.any(String));
        expect(
          Object.keys(operation.responses).some((status) => status.startsWith('2')),
          where,
        ).toBe(true);
        for (const [status, response] of Object.entries(operation.responses)) {
          expect(response.description, `${where} ${status}`).toEqual(expect.any(String));
          for (const media of Object.values(response.content ?? {}))
            expect(media.schema, `${where} ${status}`).toBeTypeOf('object');
        }
        for (const parameter of operation.parameters ?? []) {
          expect(['query', 'path', 'header', 'cookie'], where).toContain(parameter.in);
          expect(parameter.schema, `${where} ${parameter.name}`).toBeTypeOf('object');
        }
        for (const [, name] of path.matchAll(/\{(\w+)\}/g)) {
          expect(operation.parameters, where).toContainEqual(
            expect.objectContaining({ name, in: 'path', required: true }),
          );
        }
      }
    }
  });

  it('documents the filters and paging parameters of the lists', async () => {
    const doc = await openApi(ctx);
    const names = (path: string) =>
      (doc.paths[path]?.get?.parameters ?? [])
        .filter((p) => p.in === 'query')
        .map((p) => p.name)
        .sort();
    expect(names('/api/v1/meetings')).toEqual(['cursor', 'kind', 'lang', 'limit', 'memberState', 'pillar', 'year']);
    expect(names('/api/v1/documents')).toEqual([
      'cursor',
      'lang',
      'language',
      'limit',
      'meeting',
      'memberState',
      'pillar',
      'type',
      'year',
    ]);
    expect(names('/api/v1/technical-groups')).toEqual(['cursor', 'lang', 'limit', 'meeting', 'memberState', 'pillar']);
    expect(names('/api/v1/member-states')).toEqual(['cursor', 'lang', 'limit', 'subregion']);
    expect(names('/api/v1/networks')).toEqual(['cursor', 'lang', 'limit', 'meeting']);
    for (const list of LISTS)
      expect(names(`/api/v1/${list}`)).toEqual(expect.arrayContaining(['cursor', 'lang', 'limit']));
    const limit = doc.paths['/api/v1/meetings']?.get?.parameters?.find((p) => p.name === 'limit');
    expect(limit?.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 100 });
  });

  it('has the named schemas of the contract in components, the problem document among them', async () => {
    const { schemas } = (await openApi(ctx)).components;
    for (const name of [
      'Meeting',
      'MeetingDetail',
      'MemberState',
      'MemberStateDetail',
      'Pillar',
      'Document',
      'TechnicalGroup',
      'Network',
      'Problem',
      'LocalizedText',
    ]) {
      expect(Object.keys(schemas)).toContain(name);
    }
    expect(schemas.Problem).toMatchObject({
      type: 'object',
      required: expect.arrayContaining(['type', 'title', 'status', 'detail']),
    });
    expect(schemas.LocalizedText).toMatchObject({ required: expect.arrayContaining(['text', 'lang', 'official']) });
  });

  it('resolves every $ref of the document', async () => {
    const doc = await openApi(ctx);
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1] as string);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of new Set(refs)) {
      expect(ref.startsWith('#/components/schemas/'), ref).toBe(true);
      expect(Object.keys(doc.components.schemas), ref).toContain(
        decodeURIComponent(ref.slice('#/components/schemas/'.length)),
      );
    }
  });

  it('compiles every schema of components and responses as JSON Schema 2020-12', async () => {
    const doc = await openApi(ctx);
    const compile = validatorFor(doc);
    for (const name of Object.keys(doc.components.schemas))
      expect(() => compile(pointerTo('components', 'schemas', name)), name).not.toThrow();
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [status, response] of Object.entries(item.get?.responses ?? {})) {
        for (const media of Object.keys(response.content ?? {})) {
          expect(
            () => compile(pointerTo('paths', path, 'get', 'responses', status, 'content', media, 'schema')),
            `${path} ${status}`,
          ).not.toThrow();
        }
      }
    }
  });

  it('describes the real answers: every list, detail, 400 and 404 validates against its documented schema', async () => {
    const doc = await openApi(ctx);
    const compile = validatorFor(doc);
    const check = async (url: string, path: string, status: number) => {
      const res = await ctx.app.inject({ url });
      expect(res.statusCode, url).toBe(status);
      const documented = doc.paths[path]?.get?.responses[String(status)]?.content ?? {};
      const media = Object.keys(documented)[0] as string;
      expect(media, `${path} documents no ${status} answer`).toBeDefined();
      expect(
        compile(pointerTo('paths', path, 'get', 'responses', String(status), 'content', media, 'schema'))(res.json()),
        url,
      ).toEqual([]);
    };
    for (const list of LISTS) {
      await check(`/api/v1/${list}?limit=100&lang=fr`, `/api/v1/${list}`, 200);
      await check(`/api/v1/${list}?limit=0`, `/api/v1/${list}`, 400);
    }
    for (const [detail, slug] of Object.entries(DETAILS)) {
      await check(`/api/v1/${detail}/${slug}?lang=pt`, `/api/v1/${detail}/{idOrSlug}`, 200);
      await check(`/api/v1/${detail}/no-such-record`, `/api/v1/${detail}/{idOrSlug}`, 404);
    }
    await check('/api/health', '/api/health', 200);
  });

  it('returns an ETag and answers 304 to If-None-Match', async () => {
    await expectRevalidation(ctx, '/api/openapi.json');
  });

  it('serves the interactive documentation at /api/docs', async () => {
    const res = await ctx.app.inject({ url: '/api/docs' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
  });
});
