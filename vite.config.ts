import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// The API server during `npx vite` development; the built portal is served by the API server itself.
const apiTarget = process.env.MISPA_API_URL ?? 'http://127.0.0.1:3000';

/** Writes a .br and a .gz beside every text file of the build, at the best ratio, once: the server
 * sends them as they are (@fastify/static's preCompressed) instead of compressing per request. */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'mispa-precompress',
    apply: 'build',
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

export default defineConfig({
  plugins: [react(), precompress()],
  build: {
    outDir: 'dist/web',
    // Every browser the portal supports preloads modules itself; the polyfill would be dead weight.
    modulePreload: { polyfill: false },
    emptyOutDir: true,
    // Flags stay separate files: inlined as data URIs they would swell the JavaScript of every page.
    assetsInlineLimit: (file) => (file.includes('flag-icons') ? false : undefined),
  },
  server: {
    // The Host header is kept (changeOrigin: false): the API's CSRF check compares the browser's
    // Origin (this dev server) with the Host the request was addressed to.
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
});
