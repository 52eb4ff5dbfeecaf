import Fastify from 'fastify';
import { expect, it } from 'vitest';
import { outboxMailer } from '../../mail/mailer.js';
import { PUBLIC } from '../../policy/actor.js';
import { buildUser } from '../../testing/factories.js';
import { describeEachEngine } from '../../testing/harness.js';
import { passwordResetService } from './reset-service.js';

/**
 * A password-reset request must not tell by its time whether the account exists (issue 11): the
 * reply is given before the account is looked up, and the work that follows runs after it. The
 * service is timed directly, each request after the previous one's deferred work has finished, with
 * requests for an existing and an unknown address interleaved, so the machine's load falls on both
 * alike; medians, not single samples, are compared.
 */
const SAMPLES = 25;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

describeEachEngine('password-reset requests take the same time whether the account exists or not', (ctx) => {
  it('answers an existing and an unknown address in times whose medians are alike', async () => {
    const user = await buildUser(ctx.database.db);
    // Each request in a new rate-limit window, so the allowance never runs out mid-test.
    let now = Date.now();
    const clock = () => new Date(now);
    const { log } = Fastify({ logger: false });
    const service = passwordResetService({
      db: ctx.database.db,
      clock,
      mailer: outboxMailer({ log, outboxDir: null, from: 'test@localhost' }),
      publicUrl: 'http://localhost:3000',
      log,
    });
    const context = { actor: PUBLIC, requestId: 'timing', ip: '192.0.2.250', lang: 'en' as const };
    const time = async (email: string) => {
      now += 16 * 60_000;
      const start = performance.now();
      await service.request({ email }, context);
      const elapsed = performance.now() - start;
      await service.settled();
      return elapsed;
    };
    const existing: number[] = [];
    const unknown: number[] = [];
    // A first round of each warms up the statements and the connection.
    await time(user.email);
    await time('nobody-here@example.test');
    for (let i = 0; i < SAMPLES; i++) {
      existing.push(await time(user.email));
      unknown.push(await time('nobody-here@example.test'));
    }
    const rows = await ctx.database.db
      .selectFrom('password_reset')
      .select('id')
      .where('user_id', '=', user.id)
      .execute();
    // The work was done for the account that exists, after each answer.
    expect(rows).toHaveLength(SAMPLES + 1);
    const [e, u] = [median(existing), median(unknown)];
    expect(e, `median ${e.toFixed(2)} ms for an existing account, ${u.toFixed(2)} ms for an unknown one`).toBeLessThan(
      u * 2 + 1,
    );
    expect(u).toBeLessThan(e * 2 + 1);
  });
});
