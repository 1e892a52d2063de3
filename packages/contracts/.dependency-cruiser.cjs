/**
 * The shape of the published contract, checked by `pnpm lint`: no import cycle (type-only imports
 * included), nothing of Node, no runtime dependency but zod. The document builder is a package of
 * its own (@textpulse/openapi).
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
      comment: 'The contract runs in browsers: no Node module.',
      severity: 'error',
      from: { pathNot: '\\.test\\.ts$' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'zod-only',
      comment: 'Its only runtime dependency: zod.',
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
        pathNot: 'node_modules/zod/',
      },
    },
    {
      name: 'resolvable',
      comment: 'An import of a package the contract does not declare resolves to nothing.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.test\\.ts$' },
  },
};
