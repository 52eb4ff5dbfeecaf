import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { constants as zlibConstants } from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyEtag from '@fastify/etag';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { holdsRecords } from '../domain/meeting-records.js';
import { auditListenOf } from './db/connection.js';
import { contentGeneration } from './db/content-generation.js';
import type { Database } from './db/schema.js';
import { type FilesConfig, fileStore, multipartLimits } from './files/index.js';
import { registerCacheHeaders } from './http/cache-control.js';
import { registerCsrfProtection } from './http/csrf.js';
import { requestLang } from './http/lang.js';
import { redactingLogger } from './http/log-redaction.js';
import { type RecordLookups, registerPortal } from './http/portal.js';
import { DeniedError, NotFoundError, ProblemError, registerProblemHandlers, sendProblem } from './http/problems.js';
import { registerReplyCache } from './http/reply-cache.js';
import { requestIdOf } from './http/request-id.js';
import { registerStrictTransportSecurity } from './http/security-headers.js';
import { message } from './i18n/messages.js';
import { DEFAULT_MAIL_FROM, type Mailer, outboxMailer } from './mail/mailer.js';
import { agendaAbilities, agendaRoutes, agendaService } from './modules/agenda/index.js';
import { type AuditFeedOptions, auditFeed, auditRoutes, auditService, withAuditKey } from './modules/audit/index.js';
import {
  accountRoutes,
  accountService,
  authRoutes,
  authService,
  DEFAULT_PUBLIC_URL,
  type SessionMemoryOptions,
  sessionMemory,
} from './modules/auth/index.js';
import {
  changeNotice,
  delegationsRoutes,
  delegationsService,
  delegationsWorkspaceQueues,
  publishedService,
  registrationAbilities,
  stateDelegationAt,
} from './modules/delegations/index.js';
import {
  type DocumentsReads,
  documentsModule,
  documentsWorkspaceQueues,
  type LiveOptions,
  type SilenceOptions,
} from './modules/documents/index.js';
import { type CycleMailOptions, followUpModule, followUpWorkspaceQueues } from './modules/follow-up/index.js';
import { healthRoutes } from './modules/health/index.js';
import { referenceModules } from './modules/index.js';
import { libraryRoutes, libraryService } from './modules/library/index.js';
import {
  documentsAbilities,
  meetingDocumentsLibrary,
  meetingDocumentsRoutes,
  meetingDocumentsService,
  meetingDocumentsWorkspaceQueues,
} from './modules/meeting-documents/index.js';
import {
  decisionsService,
  meetingRecordsRoutes,
  meetingRecordsService,
  meetingRecordsWorkspaceQueues,
  recordsAbilities,
} from './modules/meeting-records/index.js';
import {
  findVisibleMeeting,
  type MeetingAreaAbilities,
  meetingsModule,
  type ReminderOptions,
} from './modules/meetings/index.js';
import { memberStatesService } from './modules/member-states/index.js';
import {
  NOTIFICATION_JOB_INTERVAL_MS,
  notificationsRoutes,
  notificationsService,
  scheduleNotificationMail,
} from './modules/notifications/index.js';
import { observatoryRoutes, observatoryService, regionalBriefs } from './modules/observatory/index.js';
import { partnersRoutes, partnersService } from './modules/partners/index.js';
import { sessionsRoutes, sessionsService } from './modules/sessions/index.js';
import { type MeetingTabsHeld, sitemapRoutes, sitemapService } from './modules/sitemap/index.js';
import { technicalGroupsService } from './modules/technical-groups/index.js';
import { tokensRoutes, tokensService } from './modules/tokens/index.js';
import { twoFactorRoutes, twoFactorService } from './modules/two-factor/index.js';
import { accountModules, usersService } from './modules/users/index.js';
import { workspaceRoutes, workspaceService } from './modules/workspace/index.js';
import { PUBLIC, type RequestContext } from './policy/actor.js';
import { registerGuard } from './policy/guard.js';
import { schedulePruning } from './security/rate-limit.js';

export interface AppOptions {
  db: Kysely<Database>;
  engine: 'sqlite' | 'postgres';
  version: string;
  /** The built portal (dist/web); without it only the API is served. */
  webRoot?: string | undefined;
  /** Time as the services see it; tests pass a fixed or moving clock. */
  clock?: () => Date;
  logger?: FastifyServerOptions['logger'];
  /** Seals two-factor secrets at rest and keys the opaque session ids (MISPA_SECRET_KEY, from
   * config.ts) and signs the audit chain's head; without one, secrets are stored as they are. */
  secretKey?: string | undefined;
  /** Which reverse proxies to believe about the client's address and protocol (MISPA_TRUST_PROXY). */
  trustProxy?: FastifyServerOptions['trustProxy'];
  /** Makes the mailer, given the app's logger; without one, e-mails are only logged. */
  mailer?: (log: FastifyBaseLogger) => Mailer;
  /** The portal's address for links in e-mails (MISPA_PUBLIC_URL). */
  publicUrl?: string;
  /** Demo mode: demo users are loaded and the portal shows a banner (MISPA_DEMO, --demo). */
  demo?: boolean;
  /** The meeting reminder job: how often it runs and how many days before the deadline it
   * reminds; false turns it off. */
  meetingReminders?: ReminderOptions | false;
  /** The follow-up's cycle e-mail job (opening and reminder); false: none runs on a timer. */
  followUpMails?: CycleMailOptions | false;
  /** The notifications job (their e-mails and daily digests queued, the outbox sent): how often it
   * runs (10 s by default); false: none runs on a timer (tests run it themselves). */
  notificationMail?: { intervalMs: number } | false;
  /** The job that adopts outcome documents at their silence deadline; false: none runs on a timer. */
  silenceProcedures?: SilenceOptions | false;
  /** Live streams of documents: how often the audit trail is read for changes (without PostgreSQL's
   * notifications) and how often each stream's reader is checked again. */
  live?: (AuditFeedOptions & LiveOptions) | undefined;
  /** Uploaded files (MISPA_FILES_DIR, MISPA_UPLOAD_MAX_BYTES); without it, a folder under the
   * system's temporary folder and 25 MB. */
  files?: FilesConfig;
  /** Remembers who a session belongs to between requests (modules/auth/session-memory.ts;
   * MISPA_SESSION_MEMORY_SECONDS); off when left out: tests that change a session or a grant
   * straight in the database, without a write request or an audit entry, expect the next request
   * to see it. */
  sessionMemory?: SessionMemoryOptions;
  /** The benchmarks' constant baseline route (modules/health); by default on only when
   * MISPA_BENCH=1 and NODE_ENV is not production. */
  benchBaseline?: boolean;
}

/** The composition root: a Fastify instance with every module registered, not listening. */
/**
 * Whether `read` finds its record: false when it answers 404. A refusal (401, 403) counts as found:
 * the page shows its own sign-in or refusal, and says nothing of whether the record is there.
 */
async function found(read: () => Promise<unknown>): Promise<boolean> {
  try {
    await read();
    return true;
  } catch (error) {
    // A module's own 404 problem (an unknown indicator code) is a missing record too.
    if (error instanceof NotFoundError || (error instanceof ProblemError && error.status === 404)) return false;
    if (error instanceof DeniedError) return true;
    throw error;
  }
}

/** The portal's record pages, each looked up as its API read does (a draft meeting only for those
 * who may read drafts). Token pages always answer 200: their page says when a token is spent. */
function portalRecordLookups(
  deps: { db: Kysely<Database>; clock: () => Date },
  documents: DocumentsReads,
): RecordLookups {
  const meeting = (slug: string, ctx: RequestContext) => found(() => findVisibleMeeting(deps.db, ctx.actor, slug));
  const technicalGroups = technicalGroupsService(deps);
  const memberStates = memberStatesService(deps);
  const observatory = observatoryService(deps);
  const users = usersService(deps);
  const token = async () => true;
  const document = (slug: string, ctx: RequestContext) => found(() => documents.get(slug, ctx.lang, ctx.actor));
  return {
    '/meetings/:slug': meeting,
    '/meetings/:slug/edit': meeting,
    '/meetings/:slug/documents': meeting,
    '/meetings/:slug/registration': meeting,
    '/meetings/:slug/participants': meeting,
    '/meetings/:slug/agenda': meeting,
    '/meetings/:slug/records': meeting,
    '/documents/:slug': document,
    '/documents/:slug/edit': document,
    '/technical-groups/:slug': (slug, ctx) => found(() => technicalGroups.get(slug, ctx.lang)),
    '/member-states/:slug': (slug, ctx) => found(() => memberStates.get(slug, ctx.lang)),
    // A state's follow-up profile is there for every member state, even one with no public report yet.
    '/follow-up/states/:slug': (slug, ctx) => found(() => memberStates.get(slug, ctx.lang)),
    '/observatory/:code': (code, ctx) => found(() => observatory.get(ctx, code)),
    '/admin/users/:id': (id, ctx) => found(() => users.get(id, ctx)),
    '/invitation/:token': token,
    '/password-reset/:token': token,
  };
}

export async function buildApp(options: AppOptions) {
  const app = Fastify({
    logger: redactingLogger(options.logger),
    trustProxy: options.trustProxy ?? false,
    // genReqId alone decides: Fastify would take any x-request-id header as it comes.
    genReqId: requestIdOf,
    requestIdHeader: false,
    // Query strings like ?pillar=a&pillar=b must not turn into arrays the schemas do not expect.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 2000 },
    bodyLimit: 1024 * 1024,
    // Errors the router raises before any route runs (a malformed URL, an over-long parameter) are
    // problem documents too.
    frameworkErrors: (error, request, reply) => {
      const lang = requestLang(request);
      sendProblem(reply, request, {
        type: '/api/docs#problem-bad-request',
        title: message(lang, 'badRequest.title'),
        // An over-long path parameter is a bad parameter like any other, not a URI too long to read.
        status: error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 400 : (error.statusCode ?? 400),
        detail: error.message,
      });
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerProblemHandlers(app);
  registerCacheHeaders(app);

  // External plugins first, then the API, then the portal.
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        // Helmet's defaults would allow fonts from any https: host (nothing is loaded from other
        // hosts here), and upgrade-insecure-requests would send a browser reaching a laptop
        // install at http://192.168.x.y to https:// for every asset; HSTS covers HTTPS installs.
        fontSrc: ["'self'", 'data:'],
        upgradeInsecureRequests: null,
      },
    },
    // The old header, for browsers without frame-ancestors: the same answer, no framing at all.
    xFrameOptions: { action: 'deny' },
    // Sent only over HTTPS, by registerStrictTransportSecurity below.
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  });
  registerStrictTransportSecurity(app);
  await app.register(fastifyEtag, { weak: true });
  await app.register(fastifyCookie);
  const files = fileStore(
    options.files ?? { dir: path.join(os.tmpdir(), `mispa-files-${process.pid}`), maxBytes: 25 * 1024 * 1024 },
  );
  const swept = await files.sweepStaleUploads();
  if (swept > 0) app.log.info({ swept }, 'temporary uploads left behind by an earlier run removed');
  // Uploads are streamed by the files module; these limits stop a body before it is read whole.
  await app.register(fastifyMultipart, { limits: multipartLimits(files.config) });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'MISPA Platform API',
        version: options.version,
        description:
          'Read API of the Meetings of Ministers Responsible for Public Security in the Americas (MISPA). ' +
          'Errors are RFC 9457 problem documents. Lists are paged with `limit` and an opaque `cursor`.',
      },
      servers: [{ url: '/' }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    // The UI's own policy, made as strict as the rest of the site's: no framing, nothing from
    // other hosts, no upgrade to https:// over plain HTTP (see the helmet options above).
    transformStaticCSP: (header) =>
      header
        .replace("frame-ancestors 'self'", "frame-ancestors 'none'")
        .replace(/ (https:|validator\.swagger\.io)(?=[ ;])/g, '')
        .replace(/ ?upgrade-insecure-requests;?/, ''),
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const deps = { db: withAuditKey(options.db, options.secretKey), clock: options.clock ?? (() => new Date()) };
  const generation = contentGeneration(options.db);
  const memory = options.sessionMemory
    ? sessionMemory(generation, { ...options.sessionMemory, clock: deps.clock })
    : undefined;
  const auth = authService({ ...deps, secretKey: options.secretKey, memory });
  const stopPruning = schedulePruning(options.db, deps.clock, (error) =>
    app.log.warn({ err: error }, 'expired rate-limit counters could not be deleted'),
  );
  app.addHook('onClose', async () => stopPruning());
  // Before the guard, so it reads the content generation while the guard identifies the caller.
  registerReplyCache(app, generation);
  // After the reply cache, whose hooks keep a reply before it is compressed and send kept ones
  // already compressed. Files are streamed as they are: PDF and Office files are compressed already.
  await app.register(fastifyCompress, {
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  // Cross-site requests are refused before the guard spends a database query on them.
  registerCsrfProtection(app);
  registerGuard(app, auth.authenticate);

  const benchBaseline =
    options.benchBaseline ?? (process.env.MISPA_BENCH === '1' && process.env.NODE_ENV !== 'production');
  await app.register(
    healthRoutes({ db: options.db, engine: options.engine, version: options.version, benchBaseline }),
    { prefix: '/api' },
  );
  const publicUrl = options.publicUrl ?? DEFAULT_PUBLIC_URL;
  // The e-mails the meetings and delegations areas send (the account modules make their own).
  const mail = {
    log: app.log,
    mailer: options.mailer?.(app.log) ?? outboxMailer({ log: app.log, outboxDir: null, from: DEFAULT_MAIL_FROM }),
    publicUrl,
  };
  // What a meeting's detail offers of its other areas, by each area's own rule.
  const areas: MeetingAreaAbilities = (row, actor, now) => {
    const agendaCan = agendaAbilities(actor, row);
    const registration = registrationAbilities(actor, row, now);
    const recordsCan = recordsAbilities(actor);
    return {
      editAgenda: agendaCan.edit,
      overrideAgenda: agendaCan.override,
      addDocuments: documentsAbilities(actor).create,
      register: registration.register,
      registerOthers: registration.registerOthers,
      manageRecords: recordsCan.manage,
      commentOnRecords: recordsCan.comment,
    };
  };
  if (options.notificationMail !== false) {
    const stop = scheduleNotificationMail(
      { ...deps, ...mail },
      options.notificationMail?.intervalMs ?? NOTIFICATION_JOB_INTERVAL_MS,
    );
    app.addHook('onClose', async () => stop());
  }
  const meetings = meetingsModule({ ...deps, ...mail, reminders: options.meetingReminders, areas });
  app.addHook('onClose', async () => meetings.stop());
  const followUp = followUpModule({ ...deps, ...mail, files, mails: options.followUpMails });
  app.addHook('onClose', async () => followUp.stop());
  // The meetings area's reads, shared by its routes and the sitemap.
  const agenda = agendaService(deps);
  const decisions = decisionsService(deps);
  const records = meetingRecordsService({ ...deps, decisions });
  const meetingDocuments = meetingDocumentsService(deps);
  const published = publishedService(deps);
  const delegations = delegationsService({ ...deps, onChangeRequested: changeNotice({ ...deps, ...mail }) });
  // A state reads an outcome document still negotiated when it has a delegation at its meeting.
  // The audit trail as a feed of changes, woken by PostgreSQL's notifications where there are some.
  const feed = auditFeed(deps.db, { ...options.live, listen: auditListenOf(options.db), log: app.log });
  const documents = documentsModule({
    ...deps,
    log: app.log,
    silences: options.silenceProcedures,
    delegationAt: stateDelegationAt(delegations),
    feed,
    live: options.live,
    files,
  });
  // Streams end before the server closes, which would otherwise wait for them.
  app.addHook('preClose', async () => documents.endStreams());
  app.addHook('onClose', async () => {
    await documents.stop();
    await feed.close();
  });
  // The workspace's one extension point: every module with work waiting for someone, once. A new
  // module's queues are one more line (modules/shared/workspace-queues.ts).
  const workspaceQueues = [
    delegationsWorkspaceQueues(deps),
    meetingRecordsWorkspaceQueues(deps),
    meetingDocumentsWorkspaceQueues(deps),
    documentsWorkspaceQueues(deps),
    followUpWorkspaceQueues(deps),
  ];
  await app.register(
    async (api) => {
      await api.register(authRoutes(auth));
      const keyed = { ...deps, secretKey: options.secretKey };
      await api.register(accountRoutes(accountService({ ...keyed, present: auth.me })));
      await api.register(twoFactorRoutes(twoFactorService(keyed)));
      await api.register(tokensRoutes(tokensService(deps)));
      await api.register(sessionsRoutes(sessionsService(keyed)));
      await api.register(notificationsRoutes(notificationsService(deps)));
      await api.register(auditRoutes(auditService(deps)));
      await api.register(agendaRoutes(agenda));
      await api.register(meetingRecordsRoutes({ records, decisions }));
      await api.register(meetingDocumentsRoutes(meetingDocuments, files));
      await api.register(delegationsRoutes(delegations, published, files));
      for (const register of referenceModules(deps)) await api.register(register);
      await api.register(documents.routes);
      // The document library: each documents area answers its own rows, as it lets the reader see them.
      const areas = { 'meeting-document': meetingDocumentsLibrary(deps), 'outcome-document': documents.reads.library };
      await api.register(libraryRoutes(libraryService({ ...deps, areas })));
      await api.register(partnersRoutes(partnersService(deps), files));
      const observatory = observatoryService(deps);
      await api.register(observatoryRoutes(observatory, regionalBriefs({ ...deps, observatory, files })));
      await api.register(followUp.routes);
      for (const register of accountModules({ ...options, ...deps, log: app.log })) await api.register(register);
      await api.register(meetings.routes);
      await api.register(workspaceRoutes(workspaceService({ ...deps, queues: workspaceQueues })));
    },
    { prefix: '/api/v1' },
  );

  // For search engines, at the root: /sitemap.xml and /robots.txt.
  // A meeting's page holds something for the public when its own read, made as the public, does.
  const asPublic: RequestContext = { actor: PUBLIC, requestId: 'sitemap', ip: null, lang: 'en' };
  const held: MeetingTabsHeld = {
    agenda: async (slug) => (await agenda.get(asPublic, slug, 'en')).items.length > 0,
    documents: async (slug) => (await meetingDocuments.list(asPublic, slug, 'en')).items.length > 0,
    participants: async (slug) => (await published.list(asPublic, slug)).categories.length > 0,
    records: async (slug) => holdsRecords(await records.overview(asPublic, slug)),
  };
  await app.register(sitemapRoutes(sitemapService({ db: options.db, publicUrl, held })));

  const webRoot = options.webRoot && fs.existsSync(path.join(options.webRoot, 'index.html')) ? options.webRoot : null;
  await registerPortal(app, webRoot, {
    lookups: portalRecordLookups(deps, documents.reads),
    identify: auth.authenticate,
    publicUrl,
  });
  return app;
}
