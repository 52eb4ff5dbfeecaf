import { openDatabase } from '../../db/connection.js';
import { PUBLIC } from '../../policy/actor.js';
import { recordAudit } from './chain.js';

/**
 * A separate process writing audit entries into a SQLite file, for chain.test.ts: another
 * connection to the same file, as a second app process would have. Usage:
 *   tsx chain-writer.fixture.ts <file> <label> <count>
 * It opens the file, prints "ready", waits for a line on stdin, then writes `count` entries in
 * parallel transactions and exits (1 on any error).
 */
const [file, label, count] = process.argv.slice(2);
if (!file || !label || !count) throw new Error('usage: chain-writer.fixture.ts <file> <label> <count>');

const handle = await openDatabase({ engine: 'sqlite', file });
process.stdout.write('ready\n');
await new Promise((resolve) => process.stdin.once('data', resolve));
try {
  await Promise.all(
    Array.from({ length: Number(count) }, (_, i) =>
      handle.db.transaction().execute((trx) =>
        recordAudit(
          trx,
          { actor: PUBLIC, requestId: `${label}-${i}`, ip: null, lang: 'en' },
          {
            // Any action and record type of the trail serve: only the chain's order is tested.
            action: 'meetings.update',
            role: null,
            entityType: 'meeting',
            entityId: `${label}-${i}`,
            before: null,
            after: { i },
          },
          new Date(),
        ),
      ),
    ),
  );
} finally {
  await handle.close();
}
process.stdin.destroy();
