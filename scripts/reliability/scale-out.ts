import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { codeAt, newTotpSecret } from '../../src/server/modules/two-factor/totp.js';
import { secretBox } from '../../src/server/security/secret-box.js';
import { type EventStream, openEventStream } from '../../src/server/testing/event-stream.js';
import { buildUser } from '../../src/server/testing/factories.js';
import { type MeetingReply, negotiatedDocument, openMeeting, type Reply, sendJson } from './client.js';
import { type FreshDatabase, follow, type RunningServer, startServer, waitUntil } from './server.js';

/**
 * Scale-out: two platform processes on one PostgreSQL database behind nginx (Debian's package,
 * started here as an ordinary process with a configuration of the run's own), as an operator who
 * outgrows one process would run them. A session made through nginx works on both processes; a
 * write made on one is what the other reads at once, and its version check sees it; a load test
 * through nginx loses no request, counted by autocannon, by nginx and by each process's own log.
 */

/** autocannon as this check calls it (scripts/bench/autocannon.d.ts declares only what the benchmarks use). */
const autocannonRun = autocannon as unknown as (options: {
  url: string;
  connections: number;
  /** Exactly this many requests, each answered before the run ends (no cut at a deadline). */
  amount: number;
  /** Sent in turn on every connection. */
  requests: Array<{ path: string; headers?: Record<string, string> }>;
}) => Promise<{
  requests: { total: number; sent: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
}>;

export const NGINX = '/usr/sbin/nginx';

/** Why nginx cannot be used here, or null when it can. */
export function nginxMissing(): string | null {
  try {
    fs.accessSync(NGINX, fs.constants.X_OK);
    return null;
  } catch {
    return 'nginx missing (apt-get install -y nginx)';
  }
}

export interface ScaleOutOptions {
  /** Requests of the load test, every one waited for. */
  requests: number;
  connections: number;
}

export interface ScaleOutRun {
  /** The two processes, as nginx names them (`127.0.0.1:port`): backend A, then B. */
  backends: string[];
  session: {
    /** Which process answered the sign-in, and which the second factor, through nginx. */
    signInBy: string;
    secondFactorBy: string;
    /** Requests with the session through nginx answered 200, per process. */
    throughNginx: Record<string, number>;
    /** The session as each process lists it when asked directly. */
    direct: Array<{ backend: string; status: number; id?: string; ip?: string | null }>;
  };
  /** A meeting edited on A and read back on B; a stale edit on B refused with the version A wrote. */
  handOver: { writtenOn: string; readOn: string; version: number; staleEditStatus: number };
  load: {
    sent: number;
    answered: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    /** Lines of nginx's access log for the load test. */
    nginxLogged: number;
    /** Requests each process logged as completed during the load test, by its own log. */
    backendsLogged: Record<string, number>;
    ms: number;
  };
  /** A change to a document under negotiation written on A, and how long it took to reach a
   * reader of the document's event stream on B, and one through nginx. */
  liveUpdates: LiveCheck;
  failures: string[];
}

export type ScaleOutResult = ScaleOutRun | { skipped: string; failures: string[] };

/** The address a client names in X-Forwarded-For (TEST-NET-3): a process believes it only from a trusted proxy. */
const CLIENT_IP = '203.0.113.7';

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** nginx as an ordinary user runs it: everything it writes in `dir`, in the foreground, never port 80. */
export function nginxConfig(dir: string, port: number, backends: string[]): string {
  const at = (name: string) => path.join(dir, name);
  return `daemon off;
worker_processes 1;
pid ${at('nginx.pid')};
error_log ${at('error.log')} warn;
events { worker_connections 1024; }
http {
  log_format backends '$upstream_addr|$status';
  access_log ${at('access.log')} backends;
  client_body_temp_path ${at('client_body')};
  proxy_temp_path ${at('proxy')};
  fastcgi_temp_path ${at('fastcgi')};
  uwsgi_temp_path ${at('uwsgi')};
  scgi_temp_path ${at('scgi')};
  client_max_body_size 30m;
  upstream mispa {
${backends.map((b) => `    server ${b};`).join('\n')}
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://mispa;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
    }
  }
}
`;
}

interface Proxy extends RunningServer {
  /** The access log so far: which process answered each request (`a, b` when nginx retried on b), and its status. */
  log(): Array<{ backend: string; status: number }>;
}

async function startNginx(backends: string[]): Promise<Proxy> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mispa-nginx-'));
  // Run as root, nginx's workers drop to `nobody`, which must reach the temporary folders in here.
  fs.chmodSync(dir, 0o755);
  const port = await freePort();
  const conf = path.join(dir, 'nginx.conf');
  fs.writeFileSync(conf, nginxConfig(dir, port, backends));
  const child = spawn(NGINX, ['-c', conf, '-p', dir, '-e', path.join(dir, 'error.log')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const followed = follow(child);
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await followed.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const errorLog = () => fs.readFileSync(path.join(dir, 'error.log'), 'utf8');
  try {
    await waitUntil(followed, 'nginx', () =>
      fetch(`${base}/api/health`).then(
        (res) => (res.ok ? true : undefined),
        () => undefined,
      ),
    );
  } catch (error) {
    const why = fs.existsSync(path.join(dir, 'error.log')) ? errorLog() : '';
    await stop();
    throw new Error(`${(error as Error).message} ${why}`);
  }
  const log = () =>
    fs
      .readFileSync(path.join(dir, 'access.log'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [backend = '', status = ''] = line.split('|');
        return { backend, status: Number(status) };
      });
  return { ...followed, stop, base, origin: base, log };
}

/** The `127.0.0.1:port` nginx names a process by. */
const backendOf = (server: RunningServer) => new URL(server.base).host;

/** Requests a process has logged as completed (it logs at `info`). */
function completed(server: RunningServer): number {
  return server
    .stdout()
    .split('\n')
    .filter((line) => line.includes('"msg":"request completed"')).length;
}

/**
 * `count()` once the log lines written just after their answers (by nginx, by the processes) are
 * in: when it has reached `expected` and stayed the same for 250 ms, or after 3 s.
 */
async function settled(count: () => number, expected = 0): Promise<number> {
  const until = Date.now() + 3000;
  let last = count();
  let since = Date.now();
  while (Date.now() < until && (last < expected || Date.now() - since < 250)) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const now = count();
    if (now !== last) [last, since] = [now, Date.now()];
  }
  return last;
}

/** nginx's log lines from line `from` on, once the `count` requests sent since are in. */
async function loggedSince(proxy: Proxy, from: number, count: number) {
  await settled(() => proxy.log().length, from + count);
  return proxy.log().slice(from);
}

/** How many of those requests each process answered. */
async function answeredBy(proxy: Proxy, from: number, count: number) {
  const per: Record<string, number> = {};
  for (const { backend } of await loggedSince(proxy, from, count)) per[backend] = (per[backend] ?? 0) + 1;
  return per;
}

/** An administrator whose TOTP secret is sealed with the deployment key, signed in through nginx. */
async function signInThrough(proxy: Proxy, database: FreshDatabase, secretKey: string, failures: string[]) {
  const { db, close } = await database.open();
  const secret = newTotpSecret();
  let user: { id: string; email: string; password: string };
  try {
    user = await buildUser(db, { role: 'secretariat-admin' });
    await db
      .updateTable('app_user')
      .set({ totp_secret: secretBox(secretKey).seal(secret, user.id), totp_enabled_at: new Date().toISOString() })
      .where('id', '=', user.id)
      .execute();
  } finally {
    await close();
  }
  const from = proxy.log().length;
  const res = await fetch(`${proxy.base}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: proxy.origin, 'x-forwarded-for': CLIENT_IP },
    body: JSON.stringify({ email: user.email, password: user.password }),
  });
  const cookie = res.headers.getSetCookie()[0]?.split(';')[0];
  if (res.status !== 204 || !cookie) throw new Error(`sign-in through nginx answered ${res.status}, without a cookie`);
  const passed = await sendJson(proxy, { cookie, origin: proxy.origin }, 'POST', '/api/v1/auth/two-factor', {
    code: codeAt(secret, new Date()),
  });
  if (passed.status !== 200)
    failures.push(`second factor through nginx: ${passed.status} ${passed.text.slice(0, 200)}`);
  const [signIn, second] = await loggedSince(proxy, from, 2);
  return { cookie, signInBy: signIn?.backend ?? '?', secondFactorBy: second?.backend ?? '?' };
}

async function sessionEverywhere(proxy: Proxy, backends: RunningServer[], cookie: string, failures: string[]) {
  const direct: ScaleOutRun['session']['direct'] = [];
  for (const server of backends) {
    const reply = await sendJson(server, { cookie }, 'GET', '/api/v1/me/sessions');
    const mine = (
      reply.json as { items?: Array<{ id: string; ip: string | null; current: boolean }> } | undefined
    )?.items?.find((s) => s.current);
    direct.push({ backend: backendOf(server), status: reply.status, id: mine?.id, ip: mine?.ip });
    if (reply.status !== 200 || !mine) {
      failures.push(`the session on ${backendOf(server)}, asked directly: ${reply.status} ${reply.text.slice(0, 200)}`);
    } else if (mine.ip !== CLIENT_IP) {
      failures.push(
        `${backendOf(server)} shows the session from ${mine.ip}, not ${CLIENT_IP}: X-Forwarded-For not believed`,
      );
    }
  }
  // The public id is an HMAC under MISPA_SECRET_KEY: the same id on both means the same key.
  if (new Set(direct.map((d) => d.id)).size !== 1) failures.push(`the processes name the session differently`);
  const from = proxy.log().length;
  const replies = await Promise.all(
    Array.from({ length: 6 }, () => sendJson(proxy, { cookie }, 'GET', '/api/v1/me/sessions')),
  );
  const refused = replies.filter((r) => r.status !== 200);
  if (refused.length > 0) failures.push(`the session through nginx: ${refused.map((r) => r.status).join()}`);
  const throughNginx = await answeredBy(proxy, from, replies.length);
  if (Object.keys(throughNginx).length !== backends.length) {
    failures.push(`through nginx only ${Object.keys(throughNginx).join()} answered: round robin did not reach both`);
  }
  return { direct, throughNginx };
}

/** Edits a meeting on A after B has served it, then reads it on B: B must not answer what it had. */
async function handOver(a: RunningServer, b: RunningServer, cookie: string, failures: string[]) {
  const on = (server: RunningServer) => ({ cookie, origin: server.origin });
  const meeting: MeetingReply = await openMeeting(a, on(a), 4000);
  const path = `/api/v1/meetings/${meeting.slug}`;
  const before = await fetch(`${b.base}${path}`);
  const etag = before.headers.get('etag') ?? '';
  const venue = `Hand-over hall ${randomBytes(3).toString('hex')}`;
  const edited = await sendJson(a, on(a), 'PATCH', path, { venue, version: meeting.version });
  if (edited.status !== 200) failures.push(`edit on ${backendOf(a)}: ${edited.status} ${edited.text.slice(0, 200)}`);
  const version = (edited.json as { version?: number } | undefined)?.version ?? -1;
  const reads: Array<Record<string, string>> = [{}, { cookie }, { 'if-none-match': etag }];
  for (const headers of reads) {
    const read: Reply = await sendJson(b, headers, 'GET', path);
    const seen = read.json as { venue?: string; version?: number } | undefined;
    if (read.status !== 200 || seen?.venue !== venue) {
      failures.push(
        `${backendOf(b)} read ${path} (${Object.keys(headers).join() || 'anonymous'}) as ${read.status} ${seen?.venue ?? read.text.slice(0, 100)}, not the venue written on ${backendOf(a)}`,
      );
    }
  }
  const stale = await sendJson(b, on(b), 'PATCH', path, { venue: 'Stale hall', version: meeting.version });
  const current = (stale.json as { currentVersion?: number } | undefined)?.currentVersion;
  if (stale.status !== 409 || current !== version) {
    failures.push(
      `a stale edit on ${backendOf(b)} answered ${stale.status} (current version ${current}), not 409 with ${version}`,
    );
  }
  return { writtenOn: backendOf(a), readOn: backendOf(b), version, staleEditStatus: stale.status, slug: meeting.slug };
}

export interface LiveCheck {
  writtenOn: string;
  /** How long the write took, from its sending to its answer (on a loaded machine, most of the wait). */
  writeMs: number;
  /** Milliseconds from the write's answer to the event (0 when the event came first), on B directly
   * and through nginx; null: never came. */
  onB: number | null;
  throughNginx: number | null;
}

/** What live updates promise: a change reaches the other participants within a second. */
const LIVE_MS = 1000;

/**
 * A document under negotiation at the meeting, followed live on B (directly) and through nginx
 * (either process, which must pass the stream on unbuffered); a paragraph agreed on A must reach
 * both readers within a second.
 */
async function liveUpdates(a: RunningServer, b: RunningServer, proxy: Proxy, cookie: string, meeting: string) {
  const failures: string[] = [];
  const { doc, agree } = await negotiatedDocument(a, cookie, meeting, 'Scale-out declaration');
  const path = `/api/v1/documents/${doc.id}/events`;
  const readers = {
    onB: await openEventStream(`${b.base}${path}`, { cookie }),
    throughNginx: await openEventStream(`${proxy.base}${path}`, { cookie, 'accept-encoding': 'gzip, br' }),
  };
  const took: Record<keyof typeof readers, number | null> = { onB: null, throughNginx: null };
  let writeMs = 0;
  try {
    for (const [name, reader] of Object.entries(readers)) {
      if (reader.status !== 200) failures.push(`live updates: the stream ${name} answered ${reader.status}`);
    }
    // Timed from the write's answer, as the writer sees the change made (the event may come
    // first): from its sending, the time A takes to make the write, over a second when the machine
    // is loaded (seen in CI: 1,097 ms at both readers at once), would count as the channel's.
    const sent = performance.now();
    await agree(true);
    const answered = performance.now();
    writeMs = Math.round(answered - sent);
    for (const [name, reader] of Object.entries(readers) as Array<[keyof typeof readers, EventStream]>) {
      const event = await reader.next((e) => e.data.includes('outcome-documents.agreement'), 5000).catch(() => null);
      took[name] = event ? Math.max(0, Math.round(event.at - answered)) : null;
      if (took[name] === null || (took[name] as number) > LIVE_MS)
        failures.push(
          `live updates: the change written on A reached the reader ${name} ${took[name] ?? 'never'} ms after the write's answer (the write took ${writeMs} ms)`,
        );
    }
  } finally {
    for (const reader of Object.values(readers)) reader.close();
  }
  return { liveUpdates: { writtenOn: backendOf(a), writeMs, ...took }, failures };
}

/** Public and authenticated reads through nginx, every one counted on the way in and out. */
async function load(proxy: Proxy, backends: RunningServer[], slug: string, cookie: string, options: ScaleOutOptions) {
  const failures: string[] = [];
  const from = await settled(() => proxy.log().length);
  const logged = await Promise.all(backends.map((server) => settled(() => completed(server))));
  const started = performance.now();
  const result = await autocannonRun({
    url: proxy.base,
    connections: options.connections,
    amount: options.requests,
    requests: [
      { path: '/api/v1/meetings?limit=20' },
      { path: `/api/v1/meetings/${slug}` },
      { path: '/api/v1/me', headers: { cookie } },
      { path: '/api/v1/member-states' },
      { path: '/api/v1/pillars?lang=es' },
      { path: `/api/v1/meetings/${slug}/agenda`, headers: { cookie } },
    ],
  });
  const ms = Math.round(performance.now() - started);
  const sent = result.requests.sent;
  const lines = await loggedSince(proxy, from, sent);
  const nginxLogged = lines.length;
  const since = (i: number) => completed(backends[i] as RunningServer) - (logged[i] ?? 0);
  await settled(() => backends.reduce((n, _, i) => n + since(i), 0), sent);
  const backendsLogged = Object.fromEntries(backends.map((s, i) => [backendOf(s), since(i)]));
  const answered = result.requests.total;
  const backendSum = Object.values(backendsLogged).reduce((n, c) => n + c, 0);
  if (result.errors + result.timeouts + result.non2xx > 0) {
    failures.push(`load test: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx answers`);
  }
  if (sent !== options.requests || answered !== sent || result['2xx'] !== sent) {
    failures.push(
      `load test: ${options.requests} requests asked, ${sent} sent, ${answered} answered, ${result['2xx']} 2xx`,
    );
  }
  if (nginxLogged !== sent) failures.push(`load test: nginx logged ${nginxLogged} requests, autocannon sent ${sent}`);
  if (backendSum !== sent)
    failures.push(`load test: the processes logged ${backendSum} completed requests, not ${sent}`);
  const retried = lines.filter((l) => l.backend.includes(',')).length;
  if (retried > 0) failures.push(`load test: nginx retried ${retried} requests on the other process`);
  const refused = lines.filter((l) => l.status < 200 || l.status > 299).length;
  if (refused > 0) failures.push(`load test: nginx answered ${refused} requests with other than 2xx`);
  if (Object.values(backendsLogged).some((c) => c === 0)) failures.push('load test: one process answered nothing');
  return {
    load: {
      sent,
      answered,
      errors: result.errors,
      timeouts: result.timeouts,
      non2xx: result.non2xx,
      nginxLogged,
      backendsLogged,
      ms,
    },
    failures,
  };
}

export async function scaleOut(database: FreshDatabase, options: ScaleOutOptions): Promise<ScaleOutResult> {
  if (database.engine !== 'postgres') {
    return { skipped: 'does not apply to SQLite: one database file serves one machine', failures: [] };
  }
  const missing = nginxMissing();
  if (missing) return { skipped: missing, failures: [] };
  const secretKey = randomBytes(48).toString('base64');
  // One key, so each process opens what the other sealed; nginx (on loopback) is the only proxy
  // believed; `info` so each process logs every request it completes.
  const env = { MISPA_SECRET_KEY: secretKey, MISPA_TRUST_PROXY: '127.0.0.1', LOG_LEVEL: 'info' };
  // One after the other: the first migrates and loads the reference data, the second finds them done.
  const a = await startServer(database, env);
  const backends = [a];
  let proxy: Proxy | undefined;
  try {
    backends.push(await startServer(database, env));
    const b = backends[1] as RunningServer;
    proxy = await startNginx(backends.map(backendOf));
    const failures: string[] = [];
    const { cookie, signInBy, secondFactorBy } = await signInThrough(proxy, database, secretKey, failures);
    const session = await sessionEverywhere(proxy, backends, cookie, failures);
    const { slug, ...moved } = await handOver(a, b, cookie, failures);
    const live = await liveUpdates(a, b, proxy, cookie, slug);
    const loaded = await load(proxy, backends, slug, cookie, options);
    for (const server of backends) {
      if (!server.alive()) failures.push(`${backendOf(server)} exited: ${server.stderr().slice(0, 300)}`);
    }
    return {
      backends: backends.map(backendOf),
      session: { signInBy, secondFactorBy, ...session },
      handOver: moved,
      load: loaded.load,
      liveUpdates: live.liveUpdates,
      failures: [...failures, ...live.failures, ...loaded.failures],
    };
  } finally {
    await proxy?.stop();
    await Promise.all(backends.map((s) => s.stop()));
  }
}
