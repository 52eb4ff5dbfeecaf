import type { FastifyRequest } from 'fastify';
import type { Lang } from '../../contract/common.js';
import { LANGS } from '../../domain/languages.js';

const isLang = (value: unknown): value is Lang => LANGS.includes(value as Lang);

/** The best of our languages for an Accept-Language header, by q-value; English when none fits. */
export function negotiateLang(header: string | undefined): Lang {
  const ranked = (header ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(
        params
          .find((p) => p.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? 1,
      );
      return { lang: tag.trim().toLowerCase().split('-')[0], q: Number.isFinite(q) ? q : 0 };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked.map((entry) => entry.lang).find(isLang) ?? 'en';
}

/** The language of a request: an explicit `lang` parameter, else the Accept-Language header. */
export function requestLang(request: FastifyRequest): Lang {
  const fromQuery = (request.query as Record<string, unknown> | undefined)?.lang;
  return isLang(fromQuery) ? fromQuery : negotiateLang(request.headers['accept-language']);
}
