import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API server during `npx vite` development; the built portal is served by the API server itself.
const apiTarget = process.env.MISPA_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist/web',
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
