import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Lang } from '../../domain/languages.js';
import type { RenderRequest, render } from '../../web/entry-server.js';

/** The built portal's pages, as the server sends them. */
export interface PageRenderer {
  /** The built page, unrendered: the browser renders it (signing in, accounts, administration). */
  shell: string;
  /** The page at the request's URL, rendered with its data for this reader; the shell when the
   * build has no renderer or the render fails (logged: a reader never gets a 500 for it). */
  page(request: FastifyRequest, lang: Lang, status: number): Promise<string>;
}

const ROOT = '<div id="root">';

/**
 * Loads the build's server renderer (dist/web/ssr/entry-server.js, vite.config.ts) once, with the
 * built index.html it renders into: the two come from the same build. The renderer reads the API
 * in-process (`app.inject`) with the reader's credentials, so a page shows exactly what the API
 * shows them: a draft meeting only to those who may read drafts.
 */
export async function loadPageRenderer(
  app: FastifyInstance,
  webRoot: string,
  publicUrl: string,
): Promise<PageRenderer> {
  const shell = fs.readFileSync(path.join(webRoot, 'index.html'), 'utf8');
  const entry = path.join(webRoot, 'ssr', 'entry-server.js');
  if (!fs.existsSync(entry) || !shell.includes(`${ROOT}`)) return { shell, page: async () => shell };
  const renderer = (await import(pathToFileURL(entry).href)) as { render: typeof render };
  const origin = publicUrl.replace(/\/+$/, '');

  function api(request: FastifyRequest): RenderRequest['api'] {
    const credentials: Record<string, string> = {};
    for (const name of ['cookie', 'authorization'] as const) {
      const value = request.headers[name];
      if (typeof value === 'string') credentials[name] = value;
    }
    return async (url) => {
      const res = await app.inject({ method: 'GET', url, headers: credentials });
      return { status: res.statusCode, contentType: String(res.headers['content-type'] ?? ''), body: res.body };
    };
  }

  return {
    shell,
    async page(request, lang, status) {
      try {
        const rendered = await renderer.render({ url: request.url, lang, origin, api: api(request) });
        if (!rendered) return shell;
        // A 404's page is rendered for those who read without JavaScript; the browser renders it
        // afresh (its failed query is not handed over), so it gets no state to hydrate.
        const state = status === 200 ? stateScript(rendered.state) : '';
        return shell
          .replace(/<html lang="[^"]*"/, `<html lang="${lang}"`)
          .replace('</head>', `${rendered.head}</head>`)
          .replace(/<div id="root">[\s\S]*?<\/div>\s*(?=<script|<\/body>)/, `${ROOT}${rendered.body}</div>${state}`);
      } catch (error) {
        request.log.error({ err: error, url: request.url }, 'server rendering failed; the browser renders the page');
        return shell;
      }
    },
  };
}

/** The state as JSON in a script the browser does not run (no CSP nonce needed), with `<` escaped
 * so no text in it can end the script. */
function stateScript(state: unknown): string {
  const json = JSON.stringify(state)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return `<script type="application/json" id="ssr-state">${json}</script>`;
}
