// The module boundaries (docs/architecture.md), checked by `npm run boundaries` and as one step of `npm test`.
// A module is a folder src/server/modules/<name>/; what other code may import from it is its index.ts.
// modules/shared/ is the library every module may use, and it uses no module itself.

/** The layers modules are built on: they never import a module (nor app.ts, main.ts, demo/). */
const LOWER_LAYERS = '^src/(server/(http|db|policy|mail|files|security|reference-data|i18n)|contract|domain)(/|$)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycle-between-modules',
      comment:
        'Modules import each other in a loop: move what both need to modules/shared/ or a lower layer, ' +
        'or turn one of the dependencies around.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/server/modules/' },
      to: { path: '^src/server/modules/', circular: true },
    },
    {
      name: 'no-cycle',
      comment: 'Files import each other in a loop.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'lower-layer-imports-no-module',
      comment: 'A lower layer imports a module (or the app): what it needs belongs in the lower layer.',
      severity: 'error',
      from: { path: LOWER_LAYERS },
      to: { path: '^src/server/(modules/|demo/|app\\.ts$|main\\.ts$)' },
    },
    {
      name: 'module-uses-modules-through-their-index',
      comment:
        "A module imports another module's internals: import it from that module's index.ts (and export " +
        'it there if other modules really need it).',
      severity: 'error',
      from: { path: '^src/server/modules/([^/]+)/' },
      to: {
        path: '^src/server/modules/[^/]+/.',
        pathNot: ['^src/server/modules/$1/', '^src/server/modules/[^/]+/index\\.ts$', '^src/server/modules/shared/'],
      },
    },
    {
      name: 'app-uses-modules-through-their-index',
      comment: 'app.ts, main.ts, demo/ and modules/index.ts import a module from its index.ts, never its internals.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/server/modules/[^/]+/' },
      to: { path: '^src/server/modules/[^/]+/.', pathNot: '^src/server/modules/[^/]+/index\\.ts$' },
    },
    {
      name: 'shared-imports-no-module',
      comment: 'modules/shared/ is what every module may use, so it uses no module itself.',
      severity: 'error',
      from: { path: '^src/server/modules/shared/' },
      // Except the audit trail, which every write records (versioned-write.ts writes the entry).
      to: {
        path: '^src/server/modules/',
        pathNot: ['^src/server/modules/shared/', '^src/server/modules/audit/index\\.ts$'],
      },
    },
    {
      name: 'web-imports-no-server',
      comment:
        'The portal runs in the browser: it shares src/contract (and src/domain) with the server, never server code.',
      severity: 'error',
      from: { path: '^src/web/' },
      to: { path: '^src/server/' },
    },
    {
      name: 'demo-only-from-the-entry-point',
      comment: 'Demo mode is loaded by the entry point alone: nothing the app is built from knows of it.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/server/main\\.ts$', '^src/server/demo/'] },
      to: { path: '^src/server/demo/' },
    },
  ],
  options: {
    // Tests and their helpers are left out: a test builds a whole app and may reach into any module to set up
    // its world (factories insert rows directly), and nothing it imports ships.
    exclude: { path: ['\\.test\\.tsx?$', '\\.fixture\\.ts$', '/testing\\.ts$', '^src/server/testing/'] },
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
  },
};
