import { buildSession, buildUser } from '../../src/server/testing/factories.js';
import { openMeeting, type Reply, sendJson } from './client.js';
import { adminHeaders, explain5xx, type FreshDatabase, startServer } from './server.js';

/**
 * Negotiation under load (issue 13): the focal points of `delegations` states, each with its
 * delegation at the meeting, negotiate one document at once against the running server. Each
 * proposes to replace "its" operative paragraph and to insert one after it, all at the same time,
 * naming the version it read and retrying on 409 with the version the 409 names; then every state
 * supports every other state's amendments at once; then the chair accepts all of them at once,
 * each retried on 409. Afterwards: every accepted amendment is in the version history (one
 * version each, naming it) and in the final text, the numbering is 1..n without a gap, and no
 * paragraph is lost — no update lost.
 */

export interface NegotiationOptions {
  delegations: number;
}

export interface NegotiationResult {
  delegations: number;
  /** Amendments proposed and accepted (2 a state when none is lost). */
  proposed: number;
  accepted: number;
  /** Supports recorded (every state for every other state's amendments). */
  supports: number;
  /** 409s answered to a stale version and retried, proposals and acceptances together. */
  retried: number;
  failures: string[];
}

/** Member states of the reference data, one focal point each. */
const STATES = ['ar', 'br', 'cl', 'co', 'cr', 'ec', 'gt', 'mx', 'pe', 'uy', 'pa', 'py', 'do', 'sv', 'hn', 'jm'];

interface Doc {
  id: string;
  version: number;
  body: Array<{ id: string; kind: string; number: number | null; texts: Record<string, { text: string }> }>;
}

/** Sends a write naming the version read until it is not a 409 (a stale version): its last reply
 * and how many 409s it met. */
async function withRetries(send: (version: number) => Promise<Reply>, version: number) {
  let retried = 0;
  for (let attempt = 0; attempt < 200; attempt++) {
    const reply = await send(version);
    if (reply.status !== 409) return { reply, retried };
    const current = (reply.json as { currentVersion?: number }).currentVersion;
    if (typeof current !== 'number') return { reply, retried };
    version = current;
    retried++;
  }
  throw new Error('still refused after 200 attempts');
}

export async function negotiationRace(
  database: FreshDatabase,
  options: NegotiationOptions,
): Promise<NegotiationResult> {
  const states = STATES.slice(0, options.delegations);
  const server = await startServer(database);
  const { db, close } = await database.open();
  const failures: string[] = [];
  const result: NegotiationResult = {
    delegations: states.length,
    proposed: 0,
    accepted: 0,
    supports: 0,
    retried: 0,
    failures,
  };
  const refusal = async (what: string, reply: Reply) =>
    failures.push(
      `${what}: ${reply.status} ${reply.status >= 500 ? await explain5xx(server, reply.text) : reply.text.slice(0, 200)}`,
    );
  try {
    const chair = await adminHeaders(database, server);
    const meeting = await openMeeting(server, chair, 2300);
    const api = (headers: Record<string, string>, method: string, path: string, body?: unknown) =>
      sendJson(server, headers, method, `/api/v1${path}`, body);
    const must = async <T>(reply: Promise<Reply>, expected: number, what: string): Promise<T> => {
      const answered = await reply;
      if (answered.status !== expected) throw new Error(`${what}: ${answered.status} ${answered.text.slice(0, 300)}`);
      return answered.json as T;
    };

    // The draft: one operative paragraph per state, then open for negotiation.
    let doc = await must<Doc>(
      api(chair, 'POST', '/documents', {
        meeting: meeting.slug,
        type: 'declaration',
        titles: { en: 'Declaration negotiated at once' },
        originalLang: 'en',
      }),
      201,
      'the draft',
    );
    for (const state of states)
      doc = await must<Doc>(
        api(chair, 'POST', `/documents/${doc.id}/nodes`, {
          version: doc.version,
          kind: 'operative',
          text: `Original paragraph of ${state}`,
        }),
        201,
        'a paragraph',
      );
    doc = await must<Doc>(
      api(chair, 'POST', `/documents/${doc.id}/status`, { version: doc.version, status: 'under-negotiation' }),
      200,
      'negotiation',
    );
    const originals = new Map(states.map((state, i) => [state, doc.body[i]?.id as string]));

    // A focal point per state, its delegation registered at the meeting.
    const focal = new Map<string, Record<string, string>>();
    for (const state of states) {
      const user = await buildUser(db, { role: 'focal-point', memberState: state });
      const headers = { cookie: await buildSession(db, user.id, { secondFactor: true }), origin: server.origin };
      focal.set(state, headers);
      await must(
        api(headers, 'POST', `/meetings/${meeting.slug}/delegations`, {
          category: 'delegation',
          memberState: state,
          participants: [{ role: 'head', name: `Head of ${state}`, title: null, institution: null }],
          submit: false,
        }),
        201,
        `${state}'s delegation`,
      );
    }

    // Every state proposes its two amendments at once.
    const proposals = states.flatMap((state) => [
      { state, kind: 'replace', text: `Wording of ${state}` },
      { state, kind: 'insert', text: `Addition of ${state}` },
    ]);
    const amendments = (
      await Promise.all(
        proposals.map(async (p) => {
          const { reply, retried } = await withRetries(
            (version) =>
              api(focal.get(p.state) as Record<string, string>, 'POST', `/documents/${doc.id}/amendments`, {
                version,
                state: p.state,
                kind: p.kind,
                nodeId: originals.get(p.state),
                text: p.text,
                rationale: `Proposed by ${p.state}`,
              }),
            doc.version,
          );
          result.retried += retried;
          if (reply.status !== 201) {
            await refusal(`${p.state}'s ${p.kind} amendment`, reply);
            return null;
          }
          return { ...p, id: (reply.json as { id: string }).id };
        }),
      )
    ).filter((a) => a !== null);
    result.proposed = amendments.length;

    // Every state supports every other state's amendments at once.
    await Promise.all(
      states.flatMap((state) =>
        amendments
          .filter((a) => a.state !== state)
          .map(async (a) => {
            const reply = await api(
              focal.get(state) as Record<string, string>,
              'POST',
              `/documents/${doc.id}/amendments/${a.id}/positions`,
              { state, stance: 'support' },
            );
            if (reply.status === 200) result.supports++;
            else await refusal(`${state}'s support of ${a.state}'s ${a.kind}`, reply);
          }),
      ),
    );

    // The chair accepts them all at once, each retried on a stale version.
    const current = await must<Doc>(api(chair, 'GET', `/documents/${doc.id}`), 200, 'the document');
    const accepted = new Set<string>();
    await Promise.all(
      amendments.map(async (a) => {
        const { reply, retried } = await withRetries(
          (version) => api(chair, 'POST', `/documents/${doc.id}/amendments/${a.id}/accept`, { version }),
          current.version,
        );
        result.retried += retried;
        if (reply.status === 200) accepted.add(a.id);
        else await refusal(`accepting ${a.state}'s ${a.kind}`, reply);
      }),
    );
    result.accepted = accepted.size;

    // Every accepted amendment has its version; the text holds each; nothing is lost.
    const final = await must<Doc>(api(chair, 'GET', `/documents/${doc.id}`), 200, 'the final document');
    const history = await must<{ items: Array<{ number: number; action: string; amendment: string | null }> }>(
      api(chair, 'GET', `/documents/${doc.id}/versions`),
      200,
      'the versions',
    );
    for (const id of accepted) {
      const versions = history.items.filter(
        (v) => v.amendment === id && v.action === 'outcome-documents.amendment-accept',
      );
      if (versions.length !== 1) failures.push(`amendment ${id} has ${versions.length} versions in the history, not 1`);
    }
    const numbers = history.items.map((v) => v.number);
    if (new Set(numbers).size !== numbers.length) failures.push('two versions in the history share a number');
    const texts = final.body.map((n) => n.texts.en?.text ?? '');
    for (const a of amendments.filter((x) => accepted.has(x.id))) {
      if (!texts.includes(a.text)) failures.push(`${a.state}'s accepted ${a.kind} is not in the final text`);
    }
    for (const [state, id] of originals) {
      const node = final.body.find((n) => n.id === id);
      if (!node) failures.push(`${state}'s paragraph was lost`);
      else if (node.texts.en?.text !== `Wording of ${state}` && accepted.size === amendments.length)
        failures.push(`${state}'s paragraph reads "${node.texts.en?.text}", not its accepted wording`);
    }
    const operative = final.body.filter((n) => n.kind === 'operative');
    if (operative.length !== states.length + amendments.filter((a) => a.kind === 'insert' && accepted.has(a.id)).length)
      failures.push(`${operative.length} operative paragraphs in the final text`);
    const expected = operative.map((_, i) => i + 1).join();
    if (operative.map((n) => n.number).join() !== expected)
      failures.push(`operative numbering ${operative.map((n) => n.number).join()}, not ${expected}`);
    // Each addition follows the paragraph it was proposed after.
    for (const a of amendments.filter((x) => x.kind === 'insert' && accepted.has(x.id))) {
      const at = final.body.findIndex((n) => n.id === originals.get(a.state));
      if (final.body[at + 1]?.texts.en?.text !== a.text)
        failures.push(`${a.state}'s addition does not follow its paragraph`);
    }
    return result;
  } finally {
    await close();
    await server.stop();
  }
}
