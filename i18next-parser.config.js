import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Extracts the keys the portal's code uses into a scratch folder; src/web/i18n/catalogs.test.ts
// compares them with the hand-written catalogs (I18N_EXTRACT_DIR lets the test choose the folder).
const outputDir = process.env.I18N_EXTRACT_DIR ?? join(tmpdir(), 'mispa-i18n-extract');

export default {
  // The translator itself (src/web/i18n) holds no texts: its `t(key)` passes its caller's keys on.
  input: ['src/web/**/*.{ts,tsx}', '!src/web/**/*.test.{ts,tsx}', '!src/web/i18n/**'],
  output: join(outputDir, '$LOCALE.json'),
  locales: ['en', 'es', 'fr', 'pt'],
  defaultNamespace: 'translation',
  keySeparator: '.',
  namespaceSeparator: false,
  createOldCatalogs: false,
  keepRemoved: false,
  sort: true,
  failOnWarnings: true,
  verbose: false,
  lexers: {
    ts: ['JavascriptLexer'],
    tsx: ['JsxLexer'],
    default: ['JavascriptLexer'],
  },
};
