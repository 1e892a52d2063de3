/**
 * The web app's layout, checked by `pnpm lint`: lib/server is the Next server's, lib/browser what
 * client components run, lib/testing the tests'; none of them reaches into another's room, and
 * no module imports itself back.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'browser-code-off-the-server',
      comment: 'lib/browser runs in browsers: it never imports the server-only code of lib/server.',
      severity: 'error',
      from: { path: '^lib/browser/' },
      to: { path: '^lib/server/' },
    },
    {
      name: 'server-code-without-browser-helpers',
      comment:
        'lib/server answers requests: form and fetch helpers of lib/browser are not its own.',
      severity: 'error',
      from: { path: '^lib/server/' },
      to: { path: '^lib/browser/' },
    },
    {
      name: 'test-helpers-in-tests-only',
      comment: 'lib/testing (fake API, built servers) is imported by tests and test helpers only.',
      severity: 'error',
      from: { pathNot: '(\\.test\\.tsx?$|^lib/testing/|^e2e/)' },
      to: { path: '^lib/testing/' },
    },
    {
      name: 'no-cycle',
      comment: 'Modules import each other in one direction only.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
