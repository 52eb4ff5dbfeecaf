import type { FastifyInstance, FastifyReply } from 'fastify';

const READS = new Set(['GET', 'HEAD']);

/** Adds `values` to the reply's Vary header, keeping what is there. */
function vary(reply: FastifyReply, values: string) {
  const current = reply.getHeader('vary');
  reply.header('vary', current ? `${current}, ${values}` : values);
}

/**
 * What a shared cache (a proxy, a CDN in front of the platform) may keep, and what it must key on.
 * A read's reply to a signed-in reader follows who they are (drafts for the secretariat,
 * delegations-only items, their own account), so it is `private` whatever the route set: only
 * their browser may keep it. Replies to the public stay cacheable and name the credentials in
 * Vary, so a shared cache never hands the public copy to a signed-in reader. Built files under
 * /assets/ are the same for everyone.
 */
export function registerCacheHeaders(app: FastifyInstance) {
  app.addHook('onSend', async (request, reply) => {
    // Replies follow Accept-Language when no `lang` is given: shared caches must key on it.
    vary(reply, 'Accept-Language');
    if (!READS.has(request.method) || request.url.startsWith('/assets/')) return;
    vary(reply, 'Cookie, Authorization');
    if (request.actor?.kind !== 'user') return;
    const set = String(reply.getHeader('cache-control') ?? '');
    if (/\b(private|no-store)\b/.test(set)) return;
    const rest = set
      .split(',')
      .map((directive) => directive.trim())
      .filter((directive) => directive && directive !== 'public' && !directive.startsWith('s-maxage'));
    reply.header('cache-control', ['private', ...(rest.length > 0 ? rest : ['no-cache'])].join(', '));
  });
}
