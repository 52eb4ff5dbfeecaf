import type { FastifyBaseLogger } from 'fastify';

/**
 * Runs `job` every `intervalMs` until the returned stop is called (which waits for a run still
 * going). The timer is unref'd, so it never keeps the process alive by itself; a run still going
 * when the next is due is not overlapped; a failed run is logged as `failure` and the next one tries
 * again.
 */
export function scheduleJob(
  log: Pick<FastifyBaseLogger, 'warn'>,
  intervalMs: number,
  job: () => Promise<unknown>,
  failure: string,
): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = job()
      .catch((error) => log.warn({ err: error }, failure))
      .finally(() => {
        running = null;
      });
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
