/**
 * A progress bar on a terminal (one line rewritten in place), plain lines otherwise — a log file
 * or CI then gets a line per tenth instead of thousands of carriage returns.
 */
export interface Progress {
  start(label: string, total: number): void;
  advance(n: number): void;
  done(note?: string): void;
  log(line: string): void;
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const WIDTH = 30;

export function progress(stream: NodeJS.WriteStream = process.stdout): Progress {
  const tty = Boolean(stream.isTTY);
  let label = '';
  let total = 0;
  let current = 0;
  let started = 0;
  let lastTenth = -1;
  const line = () => {
    const share = total > 0 ? Math.min(current / total, 1) : 1;
    const filled = Math.round(share * WIDTH);
    return `${label.padEnd(10)} [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${String(Math.floor(share * 100)).padStart(3)}% ${current.toLocaleString('en')}/${total.toLocaleString('en')} ${seconds(Date.now() - started)}`;
  };
  return {
    start(name, size) {
      label = name;
      total = size;
      current = 0;
      lastTenth = -1;
      started = Date.now();
      if (tty) stream.write(line());
    },
    advance(n) {
      current += n;
      if (tty) {
        stream.write(`\r\x1b[K${line()}`);
        return;
      }
      const tenth = total > 0 ? Math.floor((current / total) * 10) : 10;
      if (tenth > lastTenth && tenth < 10) {
        lastTenth = tenth;
        stream.write(`${line()}\n`);
      }
    },
    done(note) {
      stream.write(`${tty ? '\r\x1b[K' : ''}${line()}${note ? ` — ${note}` : ''}\n`);
    },
    log(text) {
      stream.write(`${text}\n`);
    },
  };
}
