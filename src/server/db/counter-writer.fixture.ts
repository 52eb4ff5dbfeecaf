import { sql } from 'kysely';
import { openDatabase } from './connection.js';

/**
 * A separate process incrementing a counter in a SQLite file, for connection.test.ts: another
 * connection to the same file, as a second app process would have. Usage:
 *   tsx counter-writer.fixture.ts <file> <count>
 * It opens the file, prints "ready", waits for a line on stdin, then runs `count` transactions
 * that each read the counter, yield, and write it back one higher; it exits 1 on any error.
 */
const [file, count] = process.argv.slice(2);
if (!file || !count) throw new Error('usage: counter-writer.fixture.ts <file> <count>');

const handle = await openDatabase({ engine: 'sqlite', file });
process.stdout.write('ready\n');
await new Promise((resolve) => process.stdin.once('data', resolve));
try {
  await Promise.all(
    Array.from({ length: Number(count) }, () =>
      handle.db.transaction().execute(async (trx) => {
        const { rows } = await sql<{ n: number }>`select n from counter where id = 1`.execute(trx);
        // Between the read and the write another process gets its turn, as a real request would.
        await new Promise((resolve) => setTimeout(resolve, 1));
        await sql`update counter set n = ${Number(rows[0]?.n) + 1} where id = 1`.execute(trx);
      }),
    ),
  );
} finally {
  await handle.close();
}
process.stdin.destroy();
