import fs from 'node:fs';
import path from 'node:path';
import type { OnDemandFigure } from './frontend.js';
import { type BenchResult, readResults } from './report.js';
import { root } from './target.js';

export const DOC = path.join(root, 'docs/performance.md');
const BEGIN = '<!-- bench:begin -->';
const END = '<!-- bench:end -->';

const table = (head: string[], rows: Array<Array<string | number>>) =>
  [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
const verdict = (met: boolean | null) => (met === null ? '—' : met ? 'met' : '**missed**');

function section(file: string, r: BenchResult): string {
  const m = r.machine;
  const parts = [
    `### ${r.engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, ${r.scale} scale${r.quick ? ' (quick run)' : ''}`,
    `Run ${r.date} (\`${path.relative(root, file)}\`) on ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB RAM, Node ${m.node}, ${m.platform}. ` +
      `Load: autocannon, ${r.load.connections} connections; each read ${r.load.rounds ?? 1} × ${r.load.seconds} s, alternating with as long on the baseline. p50: median of the rounds; p99: the worst round's.`,
  ];
  if (r.data) {
    const rows = Object.entries(r.data.rows).map(([t, n]) => `${n.toLocaleString('en')} ${t}`);
    parts.push(`Data set (seed ${r.data.seed}): ${rows.join(', ')}; generated in ${r.data.seconds} s.`);
  }
  parts.push(
    '**HTTP reads next to the baseline route** (a constant JSON body through the same hooks)',
    table(
      ['read', 'path', 'reply', 'req/s', 'baseline req/s', 'ratio', 'p50', 'p99', 'non-2xx', 'peak RSS'],
      r.routes.map((x) => [
        x.name,
        `\`${x.path}\``,
        x.replyBytes === undefined ? '—' : `${(x.replyBytes / 1000).toFixed(1)} kB`,
        x.requestsPerSecond,
        x.baselineRequestsPerSecond,
        `${Math.round(x.ratio * 100)}%`,
        `${x.p50Ms} ms`,
        `${x.p99Ms} ms`,
        x.non2xx,
        x.rssPeakMb === undefined ? '—' : `${x.rssPeakMb} MB`,
      ]),
    ),
    `**Server memory (VmRSS)**: ${r.rss.atRestMb ?? '?'} MB at rest, ${r.rss.underLoadMb ?? '?'} MB peak under load.`,
    '**Database timings** (in process, through the services the routes call)',
    table(
      ['query', 'runs', 'p50', 'p99', 'mean'],
      r.queries.map((q) => [q.name, q.iterations, `${q.p50Ms} ms`, `${q.p99Ms} ms`, `${q.meanMs} ms`]),
    ),
  );
  if ('assets' in r.frontEnd) {
    parts.push(
      `**Front end**: the home page loads ${(r.frontEnd.jsGzipBytes / 1000).toFixed(1)} kB of JavaScript and ${(r.frontEnd.cssGzipBytes / 1000).toFixed(1)} kB of CSS, gzipped (${r.frontEnd.assets.map((a) => `\`${a.file}\` ${(a.bytes / 1000).toFixed(1)} kB → ${(a.gzipBytes / 1000).toFixed(1)} kB`).join(', ')}).`,
    );
  } else {
    parts.push(`**Front end**: not measured: ${r.frontEnd.error}`);
  }
  const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
  const files = (assets: OnDemandFigure['assets']) =>
    assets.map((a) => `\`${a.file}\` ${kB(a.gzipBytes)}`).join(', ') || 'none';
  for (const d of r.onDemand ?? []) {
    parts.push(
      `**On demand, ${d.page}**: ${kB(d.jsGzipBytes)} of JavaScript gzipped when reached from the home page (${files(d.assets)}), then ${kB(d.laterJsGzipBytes)} as its parts are shown (${files(d.later)}).`,
    );
  }
  parts.push(
    '**Lighthouse** (mobile, simulated throttling, Debian Chromium headless; the median of several runs, each run’s performance score beside it)',
    table(
      ['page', 'path', 'performance', 'runs', 'accessibility', 'LCP', 'CLS', 'note'],
      r.lighthouse.map((p) => [
        p.page,
        `\`${p.path}\``,
        p.performance ?? '—',
        p.performanceRuns?.join(', ') ?? '—',
        p.accessibility ?? '—',
        p.lcpMs == null ? '—' : `${p.lcpMs} ms`,
        p.cls ?? '—',
        p.error ?? '',
      ]),
    ),
    '**Targets** (issues 5, 12, 13 and 14)',
    table(
      ['target', 'measured', 'verdict', 'by how much'],
      r.targets.map((t) => [t.target, t.measured, verdict(t.met), t.note]),
    ),
  );
  return parts.join('\n\n');
}

/** The generated part of docs/performance.md: the newest result of each engine and scale. */
export function renderSummary(): string {
  const newest = new Map<string, { file: string; result: BenchResult }>();
  for (const entry of readResults()) newest.set(`${entry.result.engine}-${entry.result.scale}`, entry);
  const order = ['sqlite-large', 'postgres-large', 'sqlite-small', 'postgres-small'];
  const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
  const sections = [...newest.entries()]
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([, { file, result }]) => section(file, result));
  return sections.length > 0 ? sections.join('\n\n') : '_No results yet: run `npm run bench`._';
}

/** Replaces what lies between the markers, leaving the hand-written rest of the page alone. */
export function updateDoc(summary = renderSummary()): void {
  const text = fs.readFileSync(DOC, 'utf8');
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${DOC} lacks the ${BEGIN} … ${END} markers`);
  fs.writeFileSync(DOC, `${text.slice(0, start + BEGIN.length)}\n${summary}\n${text.slice(end)}`);
}
