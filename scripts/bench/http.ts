import autocannon, { type Result } from 'autocannon';
import { rssMb } from './server.js';

/** One read measured next to the baseline route: the same time on each, in alternating rounds. */
export interface RouteFigure {
  name: string;
  /** public and authenticated API reads; ssr: public pages the server renders (issue 12). */
  group: 'public' | 'authenticated' | 'ssr';
  path: string;
  requestsPerSecond: number;
  baselineRequestsPerSecond: number;
  /** requestsPerSecond / baselineRequestsPerSecond: what survives a noisy machine. */
  ratio: number;
  p50Ms: number;
  /** The worst of the rounds' p99s. */
  p99Ms: number;
  baselineP99Ms: number;
  non2xx: number;
  errors: number;
  /** Length of the reply body, uncompressed. */
  replyBytes: number;
  /** The server's highest RSS sampled while this read and its baseline ran: where the peak comes from. */
  rssPeakMb?: number;
  /** The p99 its issue asks for, when it names one: judged by that instead of issue 5's targets. */
  targetP99Ms?: number;
}

export interface RouteSpec {
  name: string;
  group: RouteFigure['group'];
  path: string;
  targetP99Ms?: number;
}

export const BASELINE_PATH = '/api/bench/baseline';

export interface LoadOptions {
  url: string;
  pid: number;
  cookie: string;
  /** Seconds of load per round on each side; `rounds` rounds per route. */
  seconds: number;
  rounds: number;
  connections: number;
  log(line: string): void;
}

/**
 * Runs every route under load, the baseline just before each, and samples the server's RSS all
 * the while (its peak is "under load"). A route that does not answer 200 when tried first is
 * reported and skipped, rather than measured as fast errors.
 */
export async function measureRoutes(routes: RouteSpec[], options: LoadOptions) {
  const { url, pid, cookie, seconds, rounds, connections, log } = options;
  let peakRss = 0;
  let routePeakRss = 0;
  const sampler = setInterval(() => {
    const rss = rssMb(pid) ?? 0;
    peakRss = Math.max(peakRss, rss);
    routePeakRss = Math.max(routePeakRss, rss);
  }, 250);
  const figures: RouteFigure[] = [];
  const failures: Array<{ name: string; path: string; status: number }> = [];
  try {
    // Every request asks for compression as browsers do, the baseline's too.
    const run = (path: string, headers: Record<string, string>) =>
      autocannon({
        url: `${url}${path}`,
        connections,
        duration: seconds,
        headers: { 'accept-encoding': 'br, gzip', ...headers },
      });
    for (const route of routes) {
      // A rendered page is asked for as a browser asks for it.
      const headers: Record<string, string> =
        route.group === 'authenticated' ? { cookie } : route.group === 'ssr' ? { accept: 'text/html' } : {};
      const probe = await fetch(`${url}${route.path}`, { headers });
      if (probe.status !== 200) {
        failures.push({ name: route.name, path: route.path, status: probe.status });
        log(`  ${route.name}: ${route.path} answered ${probe.status}; not measured`);
        continue;
      }
      const replyBytes = (await probe.arrayBuffer()).byteLength;
      // Baseline and route alternate in short rounds, so a burst of other work on the machine
      // weighs on both sides of the ratio alike.
      const baselines: Result[] = [];
      const results: Result[] = [];
      routePeakRss = 0;
      for (let round = 0; round < rounds; round++) {
        baselines.push(await run(BASELINE_PATH, {}));
        results.push(await run(route.path, headers));
      }
      const rate = (all: Result[]) => all.reduce((n, r) => n + r.requests.average, 0) / all.length;
      const worst = (all: Result[], pick: (r: Result) => number) => Math.max(...all.map(pick));
      const middle = (all: Result[], pick: (r: Result) => number) =>
        all.map(pick).sort((a, b) => a - b)[Math.floor(all.length / 2)] ?? 0;
      const figure: RouteFigure = {
        name: route.name,
        group: route.group,
        path: route.path,
        requestsPerSecond: Math.round(rate(results)),
        baselineRequestsPerSecond: Math.round(rate(baselines)),
        ratio: Math.round((rate(results) / Math.max(rate(baselines), 1)) * 1000) / 1000,
        p50Ms: middle(results, (r) => r.latency.p50),
        p99Ms: worst(results, (r) => r.latency.p99),
        baselineP99Ms: worst(baselines, (r) => r.latency.p99),
        non2xx: results.reduce((n, r) => n + r.non2xx, 0),
        errors: results.reduce((n, r) => n + r.errors + r.timeouts, 0),
        replyBytes,
        rssPeakMb: routePeakRss,
        ...(route.targetP99Ms === undefined ? {} : { targetP99Ms: route.targetP99Ms }),
      };
      figures.push(figure);
      log(
        `  ${route.name.padEnd(22)} ${String(figure.requestsPerSecond).padStart(6)} req/s = ${(figure.ratio * 100).toFixed(0).padStart(3)}% of baseline (${figure.baselineRequestsPerSecond} req/s), p50 ${figure.p50Ms} ms, p99 ${figure.p99Ms} ms, RSS ≤ ${routePeakRss} MB`,
      );
    }
  } finally {
    clearInterval(sampler);
  }
  return { figures, failures, peakRssMb: peakRss };
}
