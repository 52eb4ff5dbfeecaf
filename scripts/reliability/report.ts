import fs from 'node:fs';
import path from 'node:path';
import type { ScaleOutResult } from './scale-out.js';
import type { EngineResult } from './suite.js';
import { machine } from './suite.js';

/**
 * The figures of a run, never typed by hand: a summary on stdout, a JSON file per engine under
 * bench/results/, and the generated section of docs/reliability.md between its markers.
 */

export const BEGIN = '<!-- reliability:begin -->';
export const END = '<!-- reliability:end -->';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** A markdown table; the same text serves the terminal. */
function table(head: string[], rows: Array<Array<string | number>>): string {
  const line = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

const verdict = (failures: string[]) => (failures.length === 0 ? 'passed' : `FAILED (${failures.length})`);

/** What the scale-out check did, naming the two processes A and B (their ports change every run). */
function scaleOutDone(result: ScaleOutResult): string {
  if ('skipped' in result) return `skipped: ${result.skipped}`;
  const name = (backend: string) =>
    backend
      .split(', ')
      .map((b) => ['A', 'B'][result.backends.indexOf(b)] ?? b)
      .join(' then ');
  const per = (counts: Record<string, number>) =>
    Object.entries(counts)
      .map(([b, n]) => `${name(b)} ${n}`)
      .sort()
      .join(', ');
  const { session, handOver, load } = result;
  return [
    `processes A and B on one database behind nginx (round robin)`,
    `signed in through nginx (answered by ${name(session.signInBy)}, second factor by ${name(session.secondFactorBy)}); the session answered ${session.direct.filter((d) => d.status === 200).length} of ${session.direct.length} processes asked directly, and through nginx ${per(session.throughNginx)}`,
    `a meeting edited on ${name(handOver.writtenOn)} read back on ${name(handOver.readOn)} at once (version ${handOver.version}), a stale edit there answered ${handOver.staleEditStatus}`,
    `load test: ${load.sent} requests through nginx in ${seconds(load.ms)}, ${load.answered} answered, ${load.non2xx} non-2xx, ${load.errors} errors, ${load.timeouts} timeouts; nginx logged ${load.nginxLogged}, the processes ${per(load.backendsLogged)}`,
    `live updates: a paragraph agreed on ${name(result.liveUpdates.writtenOn)} reached a reader on B ${result.liveUpdates.onB ?? 'never'} ms and one through nginx ${result.liveUpdates.throughNginx ?? 'never'} ms after the write's answer (the write took ${result.liveUpdates.writeMs} ms)`,
  ].join('; ');
}

export function summary(results: EngineResult[]): string {
  return table(
    ['database', 'check', 'what was done', 'result', 'time'],
    results.flatMap((r) => [
      [
        r.engine,
        'crash safety',
        `${r.crash.rounds} SIGKILLs amid ${r.crash.writers} writers; acknowledged ${r.crash.acknowledged.meetings} meetings, ${r.crash.acknowledged.agendaItems} agenda items, ${r.crash.acknowledged.agendaEdits} edits, ${r.crash.acknowledged.delegations} registrations; ${r.crash.inFlightAtKill} requests cut in flight`,
        verdict(r.crash.failures),
        seconds(r.timings.crash),
      ],
      [
        r.engine,
        'concurrency',
        r.concurrency.records
          .map(
            (x) =>
              `${x.record}: ${r.concurrency.clients} clients × ${x.rounds} round${x.rounds === 1 ? '' : 's'}, ${x.acknowledged} acknowledged, ${x.firstConflicts} first-attempt 409s, ${x.retries} retries`,
          )
          .concat(
            `meeting creation: ${r.concurrency.creations.sent} at once, ${r.concurrency.creations.acknowledged} acknowledged`,
          )
          .join('; '),
        verdict(r.concurrency.failures),
        seconds(r.timings.concurrency),
      ],
      [
        r.engine,
        'negotiation',
        `${r.negotiation.delegations} delegations at once on one document: ${r.negotiation.proposed} amendments proposed, ${r.negotiation.supports} supports, ${r.negotiation.accepted} accepted by the chair at once, ${r.negotiation.retried} stale versions retried; each accepted one in the history and the text, numbering whole`,
        verdict(r.negotiation.failures),
        seconds(r.timings.negotiation),
      ],
      [
        r.engine,
        'bad input',
        `${r.fuzz.cases} malformed requests to ${r.fuzz.operations.length} operations (${r.settings.fuzz.casesPerOperation} per operation as an administrator and as a visitor)`,
        verdict(r.fuzz.failures),
        seconds(r.timings.fuzz),
      ],
      [
        r.engine,
        'scale-out',
        scaleOutDone(r.scaleOut),
        'skipped' in r.scaleOut ? 'skipped' : verdict(r.scaleOut.failures),
        seconds(r.timings.scaleOut),
      ],
    ]),
  );
}

/** Cases and answers per operation, from the first engine's run (the cases are the same on each). */
function operationsTable(result: EngineResult): string {
  const classes = ['2xx', '3xx', '4xx', '5xx'];
  return table(
    ['operation', 'as administrator', 'as visitor', ...classes.map((c) => `answered ${c}`)],
    result.fuzz.operations.map((op) => [
      `\`${op.operation}\``,
      op.cases.admin,
      op.cases.visitor,
      ...classes.map((c) => op.statuses[c] ?? 0),
    ]),
  );
}

export function docsSection(results: EngineResult[], date: string): string {
  const first = results[0] as EngineResult;
  const m = machine();
  const failures = results.flatMap((r) => r.failures.map((f) => `- ${r.engine}: ${f}`));
  return [
    BEGIN,
    '',
    `Generated by \`npm run test:reliability -- --scale ${first.scale}\` on ${date} (${results.map((r) => r.engine).join(' and ')}; ${m.cpus} CPUs, ${m.memoryGiB} GiB, Node.js ${m.node}). Do not edit by hand: the next run rewrites this part.`,
    '',
    summary(results),
    '',
    failures.length === 0 ? 'No check failed.' : `Failures:\n\n${failures.join('\n')}`,
    '',
    "How: the server runs as `npm start` runs it, on a fresh database. Crash safety kills it with SIGKILL while the writers run, restarts it, looks up every write answered 2xx, and checks the database (SQLite `PRAGMA integrity_check` and `foreign_key_check`; every row of every table read back; the audit chain verified). The bad-input check compares row counts and a hash of every row of every table before and after each operation's batch of refused requests, leaving out `rate_limit` and `session`, which refused requests change by design (a failed sign-in counts against the allowance; every request slides its session's expiry). Scale-out (PostgreSQL only) runs two processes on the one database behind nginx, as the Scale-out section above describes; which process answered each request comes from nginx's access log (`$upstream_addr`), and each process's count of completed requests from its own log.",
    '',
    '<details><summary>Malformed requests per operation</summary>',
    '',
    operationsTable(first),
    '',
    '</details>',
    '',
    END,
  ].join('\n');
}

/** Replaces the generated part of `file` (appending markers when it has none); the rest stays as written. */
export function rewriteSection(file: string, section: string) {
  const text = fs.readFileSync(file, 'utf8');
  const begin = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  const next =
    begin >= 0 && end > begin
      ? `${text.slice(0, begin)}${section}${text.slice(end + END.length)}`
      : `${text.trimEnd()}\n\n## Crashes, contention and bad input, measured\n\n${section}\n`;
  fs.writeFileSync(file, next);
}

/** bench/results/reliability-<date>-<engine>.json; returns its path. */
export function writeResult(dir: string, date: string, result: EngineResult): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `reliability-${date}-${result.engine}.json`);
  fs.writeFileSync(file, `${JSON.stringify({ date, machine: machine(), ...result }, null, 2)}\n`);
  return file;
}
