/**
 * The shape of the published contract, checked by `pnpm lint`: no import cycle (type-only imports
 * included), nothing of Node, no runtime dependency but zod and the OpenAPI registry, and the
 * document builder (src/openapi.ts) imported by nothing but its tests.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      comment: 'Modules of the contract import each other in one direction only.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'browser-safe',
      comment: 'The contract runs in browsers: no Node module, in the package or its builder.',
      severity: 'error',
      from: { pathNot: '\\.test\\.ts$' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'zod-and-the-registry-only',
      comment:
        'Its only runtime dependencies: zod and the OpenAPI registry (zod-to-openapi, its types).',
      severity: 'error',
      from: { pathNot: '\\.test\\.ts$' },
      to: {
        dependencyTypes: [
          'npm',
          'npm-dev',
          'npm-peer',
          'npm-optional',
          'npm-no-pkg',
          'npm-unknown',
        ],
        pathNot: 'node_modules/(zod|@asteasolutions/zod-to-openapi|openapi3-ts)/',
      },
    },
    {
      name: 'resolvable',
      comment: 'An import of a package the contract does not declare resolves to nothing.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'builder-at-the-edge',
      comment: 'The document builder (the "./openapi" entry) is imported by its tests only.',
      severity: 'error',
      from: { pathNot: '(^src/openapi|\\.test)\\.ts$' },
      to: { path: '^src/openapi\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.test\\.ts$' },
  },
};
