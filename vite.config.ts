import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { type Catalog, catalogPart } from './src/web/i18n/sections.js';

// The API server during `npx vite` development; the built portal is served by the API server itself.
const apiTarget = process.env.MISPA_API_URL ?? 'http://127.0.0.1:3000';

/** Writes a .br and a .gz beside every text file of the build, at the best ratio, once: the server
 * sends them as they are (@fastify/static's preCompressed) instead of compressing per request. */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'mispa-precompress',
    apply: 'build',
    // The server's renderer is read from disk by the server, never sent.
    applyToEnvironment: (environment) => environment.name === 'client',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    writeBundle(_options, bundle) {
      for (const name of Object.keys(bundle).filter((file) => /\.(js|css|html|svg|json)$/.test(file))) {
        const item = bundle[name];
        if (!item) continue;
        const bytes = item.type === 'chunk' ? Buffer.from(item.code) : Buffer.from(item.source);
        if (bytes.length < 1024) continue;
        const file = join(outDir, name);
        writeFileSync(`${file}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
        writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
      }
    },
  };
}

const REACT_ROUTER_PRODUCTION = fileURLToPath(
  new URL('./node_modules/react-router/dist/production/index.mjs', import.meta.url),
);

/** `./<lang>.json?shell` and `./<lang>.json?rest`: a catalog's keys named in SHELL_KEYS, and the
 * others, each as its own module, so the page can load the first and fetch the second later. */
function catalogParts(): Plugin {
  const PART = /^(.*\.json)\?(shell|rest)$/;
  const PREFIX = '\0mispa-catalog:';
  return {
    name: 'mispa-catalog-parts',
    enforce: 'pre',
    resolveId: {
      filter: { id: PART },
      async handler(source, importer) {
        const match = PART.exec(source);
        if (!match) return null;
        const file = await this.resolve(match[1] as string, importer);
        // Still ending in .json: Vite's JSON plugin makes the module of what load() returns.
        return file ? `${PREFIX}${match[2]}:${file.id}` : null;
      },
    },
    load: {
      filter: { id: /^\0mispa-catalog:/ },
      handler(id) {
        if (!id.startsWith(PREFIX)) return null;
        const [part, ...rest] = id.slice(PREFIX.length).split(':');
        const file = rest.join(':');
        this.addWatchFile(file);
        const catalog = JSON.parse(readFileSync(file, 'utf8')) as Catalog;
        return JSON.stringify(catalogPart(catalog, part === 'shell' ? 'shell' : 'rest'));
      },
    },
  };
}

export default defineConfig(({ command }) => ({
  plugins: [react(), precompress(), catalogParts()],
  resolve: {
    // React Router's package exports name its development build even for production builds
    // (remix-run/react-router#14102); the build takes its production build, without the dev warnings.
    alias: command === 'build' ? [{ find: /^react-router$/, replacement: REACT_ROUTER_PRODUCTION }] : [],
  },
  // `vite build` builds the whole app: the browser's portal (dist/web), then the server's renderer
  // of the same pages (dist/web/ssr/entry-server.js, loaded by server/http/portal.ts). Nothing under
  // dist/web but assets/ is ever served.
  builder: {},
  environments: {
    client: {
      build: {
        rolldownOptions: {
          output: {
            // What the first page needs, in one chunk with the entry's own: left to itself the bundler
            // makes a dozen chunks of a kilobyte or two (what the lazy routes share with it), and each
            // is a request a slow connection waits a round trip for before the page can hydrate.
            codeSplitting: { groups: [{ name: 'initial', tags: ['$initial'] }] },
          },
        },
      },
    },
    ssr: {
      // Self-contained: the renderer runs React's and React Router's production builds, whatever
      // NODE_ENV the server runs with.
      resolve: { noExternal: true },
      define: { 'process.env.NODE_ENV': JSON.stringify('production') },
      build: {
        outDir: 'dist/web/ssr',
        emptyOutDir: false,
        copyPublicDir: false,
        rollupOptions: { input: 'src/web/entry-server.tsx' },
      },
    },
  },
  build: {
    outDir: 'dist/web',
    // Every browser the portal supports preloads modules itself; the polyfill would be dead weight.
    modulePreload: { polyfill: false },
    emptyOutDir: true,
    // Flags stay separate files: inlined as data URIs they would swell the JavaScript of every page.
    // The link-preview card is fetched by other hosts' previewers: it needs an address of its own.
    assetsInlineLimit: (file) => (file.includes('flag-icons') || file.includes('share-card') ? false : undefined),
  },
  server: {
    // The Host header is kept (changeOrigin: false): the API's CSRF check compares the browser's
    // Origin (this dev server) with the Host the request was addressed to.
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
}));
