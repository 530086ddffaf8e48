// The layers of src/, which import one way (CONTRIBUTING.md#where-code-goes):
//   core → schemas → domain → check → ingestion → loader → library.ts, paths.ts → pages, components, layouts
// and client (browser code), which may use only what runs in a browser: core, domain, schemas' types.
// A lower floor never imports a higher one. Tests may import anything. `src/layers.test.ts` runs this.
const FLOORS = ['core', 'schemas', 'domain', 'check', 'ingestion', 'loader'];
const TOP = '^src/(library\\.ts|paths\\.ts|content\\.config\\.ts|pages|components|layouts)';

/** Everything a floor may not import: every floor above it, the top, and the browser code. */
const above = (index) => [...FLOORS.slice(index + 1).map((floor) => `^src/${floor}/`), TOP, '^src/client/'];

module.exports = {
  forbidden: [
    ...FLOORS.map((floor, index) => ({
      name: `${floor}-imports-upward`,
      comment: `src/${floor}/ may import only the floors below it: ${FLOORS.slice(0, index).join(', ') || 'nothing in src/'}`,
      severity: 'error',
      from: { path: `^src/${floor}/`, pathNot: '\\.test\\.ts$' },
      to: { path: above(index) },
    })),
    {
      name: 'client-imports-server-code',
      comment: 'src/client/ runs in the browser: it may import core, domain and client code, and types from schemas',
      severity: 'error',
      from: { path: '^src/client/' },
      to: { path: ['^src/(check|ingestion|loader)/', TOP], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'client-imports-schemas-at-run-time',
      comment: 'the schemas hold zod: src/client/ may import their types only',
      severity: 'error',
      from: { path: '^src/client/' },
      to: { path: '^src/schemas/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-circular-between-folders',
      comment: 'two folders never import each other',
      severity: 'error',
      from: { path: '^src/([^/]+)/' },
      to: { circular: true, path: '^src/([^/]+)/', pathNot: '^src/$1/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', '\\.test\\.ts$', '^tests/', '^scripts/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.mjs', '.js'] },
  },
};
