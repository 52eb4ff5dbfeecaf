/**
 * A client of a text/event-stream, as a browser's EventSource reads one, for tests, the scale-out
 * check and the benchmark: the events as they arrive (with when each arrived), and whether the
 * server ended the stream.
 */

export interface StreamEvent {
  id: string | null;
  event: string;
  data: string;
  /** performance.now() when its last line arrived. */
  at: number;
}

export interface EventStream {
  status: number;
  headers: Headers;
  events: StreamEvent[];
  /** Comment lines (heartbeats) received so far. */
  comments: number;
  /** Resolves with the first event, from those received or yet to come, that `match` accepts;
   * rejects after `ms` saying what came instead. */
  next(match: (event: StreamEvent) => boolean, ms?: number): Promise<StreamEvent>;
  /** Resolves true when the server ends the stream within `ms`, else false. */
  ended(ms?: number): Promise<boolean>;
  close(): void;
}

export async function openEventStream(url: string, headers: Record<string, string> = {}): Promise<EventStream> {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
  const events: StreamEvent[] = [];
  const waiters = new Set<() => void>();
  const wake = () => {
    for (const waiter of waiters) waiter();
  };
  let done = false;
  const stream: EventStream = {
    status: res.status,
    headers: res.headers,
    events,
    comments: 0,
    next(match, ms = 2000) {
      return new Promise((resolve, reject) => {
        const look = () => {
          const found = events.find(match);
          if (found) {
            waiters.delete(look);
            clearTimeout(timer);
            resolve(found);
          } else if (done) {
            waiters.delete(look);
            clearTimeout(timer);
            reject(new Error(`the stream ended; events: ${JSON.stringify(events.map((e) => e.data))}`));
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(look);
          reject(new Error(`no such event within ${ms} ms; events: ${JSON.stringify(events.map((e) => e.data))}`));
        }, ms);
        waiters.add(look);
        look();
      });
    },
    ended(ms = 2000) {
      return new Promise((resolve) => {
        const look = () => {
          if (!done) return;
          waiters.delete(look);
          clearTimeout(timer);
          resolve(true);
        };
        const timer = setTimeout(() => {
          waiters.delete(look);
          resolve(false);
        }, ms);
        waiters.add(look);
        look();
      });
    },
    close: () => abort.abort(),
  };
  if (!res.body || res.status !== 200) {
    done = true;
    return stream;
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done: finished } = await reader.read();
        if (finished) break;
        buffer += value;
        let cut = buffer.indexOf('\n\n');
        while (cut >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          cut = buffer.indexOf('\n\n');
          const event: StreamEvent = { id: null, event: 'message', data: '', at: performance.now() };
          let fields = 0;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) {
              stream.comments += 1;
              continue;
            }
            const colon = line.indexOf(':');
            const name = colon < 0 ? line : line.slice(0, colon);
            const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
            if (name === 'id') event.id = value;
            else if (name === 'event') event.event = value;
            else if (name === 'data') event.data = event.data ? `${event.data}\n${value}` : value;
            else continue;
            fields += 1;
          }
          if (fields > 0 && event.data !== '') events.push(event);
        }
        wake();
      }
    } catch {
      // Aborted by close(), or the connection dropped: either way the stream is over.
    }
    done = true;
    wake();
  })();
  return stream;
}
